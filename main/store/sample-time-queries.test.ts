/**
 * The stack chart over a real V8 profile (node --cpu-prof, 8,531 samples at
 * ~1 ms): read back from the store, its boxes must account for exactly the
 * time the file's samples cover, and each function for exactly the intervals
 * of the samples it is on, computed here from the raw JSON.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StackChart } from '../../shared/ipc/contract';
import { stackChartBoxes } from '../../shared/query/stack-chart';
import { buildTimeline } from '../../shared/query/stack-chart-timeline';
import { parseFileBytes } from '../ingest/parse-bytes';
import { stackChartServices } from '../services/stack-chart-services';
import { ProfileStore } from './profile-store';

const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures');
const CPUPROFILE = join(FIXTURES, 'cpuprofile', 'node-leaky.cpuprofile');

interface V8Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface V8Profile {
  nodes: V8Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

/** What the file itself says: sample times in ns (time order), each one's interval, each function's time. */
function expectedFromFile(v8: V8Profile) {
  const parent = new Map<number, number>();
  for (const node of v8.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(v8.nodes.map((n) => [n.id, n]));
  let t = v8.startTime;
  const timed = v8.samples.map((node, i) => ({ node, time: (t += v8.timeDeltas[i] as number) * 1000, i }));
  timed.sort((a, b) => a.time - b.time || a.i - b.i);
  const gaps = timed.slice(1).map((s, k) => s.time - (timed[k] as { time: number }).time);
  const sorted = [...gaps].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const intervals = [...gaps, median];

  // Time per function: a sample's interval once for every frame of that function on its stack.
  const perFunction = new Map<string, number>();
  timed.forEach((sample, k) => {
    for (let id: number | undefined = sample.node; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id)!.callFrame;
      if (parent.get(id) === undefined && frame.functionName === '(root)') break; // V8's synthetic root
      const key = `${frame.functionName || '(anonymous)'}|${frame.url}|${frame.lineNumber >= 0 ? frame.lineNumber + 1 : 0}`;
      perFunction.set(key, (perFunction.get(key) ?? 0) + intervals[k]!);
    }
  });
  const first = timed[0]!.time;
  const last = timed[timed.length - 1]!.time;
  return { sampleCount: timed.length, spanNs: last - first + median, perFunction };
}

function durationsByFunction(chart: StackChart): Map<string, number> {
  const totals = new Map<string, number>();
  chart.func.forEach((f, i) => {
    const key = `${chart.functionNames[f]}|${chart.functionFiles[f]}|${chart.functionLines[f]}`;
    totals.set(key, (totals.get(key) ?? 0) + chart.end[i]! - chart.start[i]!);
  });
  return totals;
}

describe('sample times in the store', () => {
  let dir: string;
  let store: ProfileStore;
  let cpuId: number;
  let collapsedId: number;
  const v8 = JSON.parse(readFileSync(CPUPROFILE, 'utf8')) as V8Profile;
  const expected = expectedFromFile(v8);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-sample-times-'));
    store = new ProfileStore(join(dir, 'kiln.db'));
    const add = (path: string, name: string, hash: string): number => {
      const parsed = parseFileBytes(readFileSync(path), name);
      const origin = { name, source: path, contentHash: hash, byteSize: 1, format: parsed.format };
      return store.addFile(origin, parsed.items).ids[0]!;
    };
    cpuId = add(CPUPROFILE, 'node-leaky.cpuprofile', 'h-cpu');
    collapsedId = add(
      join(FIXTURES, 'collapsed', 'speedscope__stackcollapse__simple.txt'),
      'simple.txt',
      'h-collapsed',
    );
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says which profiles have sample times', () => {
    expect(store.getProfile(cpuId)?.hasSampleTimes).toBe(true);
    expect(store.getProfile(collapsedId)?.hasSampleTimes).toBe(false);
    expect(store.timedSamples(collapsedId)).toBeNull();
    expect(store.listItems().map((p) => [p.id, p.hasSampleTimes])).toEqual([
      [collapsedId, false],
      [cpuId, true],
    ]);
  });

  it('reads every sample back in time order, with stacks of the file functions', () => {
    const stored = store.timedSamples(cpuId)!;
    expect(stored.samples.stack.length).toBe(expected.sampleCount);
    expect(stored.samples.timeNs.every((t, i, all) => i === 0 || t >= all[i - 1]!)).toBe(true);
    expect(stored.stacks.functionNames).toContain('handleRequest');
    expect(stored.stacks.parent.length).toBeLessThanOrEqual(v8.nodes.length);
  });

  it('covers the span of the samples at depth 0 and gives each function exactly its samples’ intervals', () => {
    const stored = store.timedSamples(cpuId)!;
    const chart = stackChartBoxes(buildTimeline(stored.samples, stored.stacks), {
      minDurationNs: 0,
      maxBoxes: 10_000_000,
    });
    expect(chart.truncated).toBe(false);
    expect(chart.timeEndNs - chart.timeStartNs).toBeCloseTo(expected.spanNs, 3);
    let depth0 = 0;
    chart.depth.forEach((d, i) => {
      if (d === 0) depth0 += chart.end[i]! - chart.start[i]!;
    });
    expect(depth0).toBeCloseTo(expected.spanNs, 3);
    // ~10 s of samples: the span is the file's, not the endTime - startTime of the profile header.
    expect(expected.spanNs).toBeGreaterThan(9e9);

    const actual = durationsByFunction(chart);
    expect([...actual.keys()].sort()).toEqual([...expected.perFunction.keys()].sort());
    for (const [key, ns] of expected.perFunction) expect(actual.get(key), key).toBeCloseTo(ns, 3);
  });

  it('serves a bounded chart for a range and width, keeping the real box times', async () => {
    const services = stackChartServices(store);
    const whole = await services.getStackChart({ selection: { items: [cpuId] }, widthPx: 500 });
    expect(whole.hasTimes).toBe(true);
    expect(whole.sampleCount).toBe(expected.sampleCount);
    expect(whole.rangeEndNs - whole.rangeStartNs).toBeCloseTo(expected.spanNs, 3);
    expect(whole.minDurationNs).toBeCloseTo(expected.spanNs / 500, 3);
    // At most about three boxes per pixel in each row.
    for (let d = 0; d < whole.maxDepth; d++) expect(whole.depth.filter((x) => x === d).length).toBeLessThan(1500);
    expect(whole.func.some((f) => f === -1)).toBe(true);

    const from = whole.timeStartNs + 2e9;
    const to = from + 5e6;
    const zoomed = await services.getStackChart({
      selection: { items: [cpuId] },
      widthPx: 500,
      startNs: from,
      endNs: to,
    });
    expect(zoomed.depth.length).toBeGreaterThan(0);
    zoomed.depth.forEach((_, i) => {
      expect(zoomed.end[i]!).toBeGreaterThan(from);
      expect(zoomed.start[i]!).toBeLessThan(to);
    });
    // 5 ms at 500 px is 10 µs per pixel: ~1 ms samples are all drawn one by one.
    expect(zoomed.func.every((f) => f >= 0)).toBe(true);
  });

  it('applies filters, names the ones it cannot apply, and answers for profiles without times', async () => {
    const services = stackChartServices(store);
    const all = await services.getStackChart({ selection: { items: [cpuId] }, widthPx: 10_000 });
    const dropped = await services.getStackChart({
      selection: { items: [cpuId] },
      widthPx: 10_000,
      filters: 'drop:^handleRequest$;invert',
    });
    expect(dropped.ignoredFilters).toEqual(['invert']);
    const names = (c: StackChart) => new Set(c.func.filter((f) => f >= 0).map((f) => c.functionNames[f]));
    expect(names(all).has('handleRequest')).toBe(true);
    expect(names(dropped).has('handleRequest')).toBe(false);

    const none = await services.getStackChart({ selection: { items: [collapsedId] }, widthPx: 100 });
    expect(none).toMatchObject({ hasTimes: false, depth: [], sampleCount: 0 });
    await expect(services.getStackChart({ selection: { items: [9999] }, widthPx: 100 })).rejects.toThrow(
      'no item with id 9999',
    );
  });
});
