/**
 * The stack chart applies the store-level filters as every other view does:
 * `label:KEY=VALUE` keeps the samples whose label set has that value (the
 * others leave gaps, time does not close up), and `lines` splits functions by
 * source line. Checked on a real `perf script` recording of several threads
 * (fxprof's simple-perf fixture), against the parsed file's own samples.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StackChart } from '../../shared/ipc/contract';
import type { Profile } from '../../shared/profile/model';
import { sampleLabels } from '../../test/fixtures/text-profile-helpers';
import { parseFileBytes } from '../ingest/parse-bytes';
import { ProfileStore } from '../store/profile-store';
import { stackChartServices } from './stack-chart-services';

const FILE = join(__dirname, '..', '..', 'test', 'fixtures', 'perf-script', 'fxprof__simple-perf.txt.gz');

/** Total time at depth 0: the time the chart's samples cover. */
function coveredNs(chart: StackChart): number {
  let ns = 0;
  chart.depth.forEach((d, i) => {
    if (d === 0) ns += (chart.end[i] as number) - (chart.start[i] as number);
  });
  return ns;
}

/** Each sample's interval (to the next sample in time; the median gap for the last), as the timeline defines it. */
function intervals(profile: Profile): { sample: number; ns: number }[] {
  const times = Array.from(profile.samples.timeNs ?? []);
  const order = times.map((_, i) => i).sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
  const gaps = order.slice(1).map((s, k) => (times[s] as number) - (times[order[k] as number] as number));
  const sorted = [...gaps].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median =
    sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return order.map((sample, k) => ({ sample, ns: k < gaps.length ? (gaps[k] as number) : median }));
}

describe('stack chart with label and line filters (perf script, several threads)', () => {
  let store: ProfileStore;
  let id: number;
  let profile: Profile;

  beforeAll(() => {
    const parsed = parseFileBytes(readFileSync(FILE), 'simple-perf.txt.gz');
    const item = parsed.items[0];
    if (item?.type !== 'profile') throw new Error('expected a profile');
    profile = item.profile;
    store = new ProfileStore(':memory:');
    id = store.addFile(
      { name: 'simple-perf', source: FILE, contentHash: 'h', byteSize: 1, format: parsed.format },
      parsed.items,
    ).ids[0] as number;
  });

  it('keeps only the samples of one thread, leaving the others as gaps', async () => {
    const services = stackChartServices(store);
    const all = await services.getStackChart({ selection: { items: [id] }, widthPx: 1_000_000 });
    const tid = 25160;
    const one = await services.getStackChart({
      selection: { items: [id] },
      widthPx: 1_000_000,
      filters: `label:tid=${tid}`,
    });
    expect(one.ignoredFilters).toEqual([]);
    const each = intervals(profile);
    const kept = each.filter(({ sample }) => sampleLabels(profile, sample)['tid'] === tid);
    expect(kept.length).toBe(58);
    expect(coveredNs(all)).toBeCloseTo(
      each.reduce((s, x) => s + x.ns, 0),
      0,
    );
    expect(coveredNs(one)).toBeCloseTo(
      kept.reduce((s, x) => s + x.ns, 0),
      0,
    );
    expect(coveredNs(one)).toBeLessThan(coveredNs(all));
    // Same time axis: the range is the whole recording's, not the kept samples'.
    expect([one.timeStartNs, one.timeEndNs]).toEqual([all.timeStartNs, all.timeEndNs]);
    // A value no sample has leaves an empty chart over the same span.
    const none = await services.getStackChart({ selection: { items: [id] }, widthPx: 1000, filters: 'label:tid=1' });
    expect(none.depth).toEqual([]);
  });

  it('splits functions by line with `lines` (V8 cpuprofile: every node has a line)', async () => {
    const file = join(__dirname, '..', '..', 'test', 'fixtures', 'cpuprofile', 'node-leaky.cpuprofile');
    const parsed = parseFileBytes(readFileSync(file), 'node-leaky.cpuprofile');
    const cpu = store.addFile(
      { name: 'leaky', source: file, contentHash: 'h2', byteSize: 1, format: parsed.format },
      parsed.items,
    ).ids[0] as number;
    const services = stackChartServices(store);
    const byFunction = await services.getStackChart({ selection: { items: [cpu] }, widthPx: 1_000_000 });
    const byLine = await services.getStackChart({ selection: { items: [cpu] }, widthPx: 1_000_000, filters: 'lines' });
    expect(byLine.ignoredFilters).toEqual([]);
    const shown = (c: StackChart) => new Set(c.func.filter((f) => f >= 0).map((f) => c.functionNames[f] as string));
    const handlers = [...shown(byLine)].filter((n) => n.startsWith('handleRequest'));
    expect(handlers.length).toBeGreaterThan(0);
    expect(handlers.every((n) => /^handleRequest:\d+$/.test(n))).toBe(true);
    expect(shown(byFunction).has('handleRequest')).toBe(true);
    expect(coveredNs(byLine)).toBeCloseTo(coveredNs(byFunction), 0);
  });
});
