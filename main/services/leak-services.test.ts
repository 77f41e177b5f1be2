/**
 * getLeaks and getAllocationTimeline over a real SQLite store: six Go heap profiles of one process (the corpus'
 * go-service, one every ~7 s, MemProfileRate 512 KiB) and two V8 heap snapshots. The oracles are the store's own
 * per-item totals (inuse_space, alloc_space) and heap_classes rows, not the series code; and a real JFR recording's
 * allocation samples cut into windows, against the JDK's own `jfr print`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALL_TIME } from '../../shared/capture/selection';
import { resolveImportLimits } from '../../shared/import/limits';
import { FIXTURES_DIR } from '../../test/fixtures/load-fixture';
import { ingestFile } from '../ingest/ingest-file';
import { ProfileStore } from '../store/profile-store';
import { createQueryServices } from './kiln-services';
import { RECORDING_WINDOWS } from './leak-services';
import { NotFoundError } from './not-found';

const GO_SERVICE = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'generated', 'go-service');
const quiet = { onProgress: () => {}, isCancelled: () => false };
const JAVA_CHURN = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'generated', 'java', 'java-churn.jfr');
/** The JDK's `jfr` tool reads the recording for the window oracle; without it that case is skipped. */
const hasJfrTool = spawnSync('jfr', ['--version'], { encoding: 'utf8' }).status === 0;

describe('leak services over the store', () => {
  let dir: string;
  let store: ProfileStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-leak-services-'));
    store = new ProfileStore(join(dir, 'kiln.db'));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const ingest = async (path: string, service: string, modifiedAtMs?: number): Promise<number[]> => {
    const name = path.slice(path.lastIndexOf('/') + 1);
    const input = {
      name,
      source: `upload:${name}`,
      input: { kind: 'bytes' as const, bytes: new Uint8Array(readFileSync(path)) },
      tags: { service },
      ...(modifiedAtMs === undefined ? {} : { modifiedAtMs }),
    };
    return (await ingestFile(store, input, resolveImportLimits(), quiet)).ids;
  };

  it('series every Go heap profile in time order; bands + other = the stored inuse_space totals', async () => {
    // Imported out of order: the series follow the profiles' own times.
    for (const n of [4, 1, 6, 2, 5, 3]) await ingest(join(GO_SERVICE, `heap_${n}.pb.gz`), 'checkout');
    const services = createQueryServices(store);
    const selection = { service: 'checkout', window: ALL_TIME };
    const items = (await services.listItems({ selection })).sort(
      (a, b) => (a.capturedAtMs as number) - (b.capturedAtMs as number),
    );
    const total = (item: (typeof items)[number], type: string): number =>
      item.totals[item.sampleTypes.findIndex((t) => t.type === type)] as number;

    const timeline = await services.getAllocationTimeline({ selection, top: 100 });
    expect(timeline.sampleType).toEqual({ type: 'inuse_space', unit: 'bytes' });
    expect(timeline.captures).toEqual(items.map((item) => ({ itemId: item.id, atMs: item.capturedAtMs })));
    expect(timeline.total).toEqual(items.map((item) => total(item, 'inuse_space')));
    timeline.total.forEach((t, i) => {
      expect(timeline.bands.reduce((sum, band) => sum + (band.values[i] as number), timeline.other[i] as number)).toBe(
        t,
      );
    });
    // Three bands; the rest is other, whole bytes.
    const top3 = await services.getAllocationTimeline({ selection, top: 3 });
    expect(top3.bands).toHaveLength(3);
    expect(top3.other.every((v) => Number.isInteger(v))).toBe(true);
    // alloc_space counts since the process started: its growth per second between consecutive captures.
    const expected = items.slice(1).flatMap((item, i) => {
      const before = items[i] as (typeof items)[number];
      const grew = total(item, 'alloc_space') - total(before, 'alloc_space');
      const seconds = ((item.capturedAtMs as number) - (before.capturedAtMs as number)) / 1000;
      return grew < 0 ? [] : [{ fromMs: before.capturedAtMs, toMs: item.capturedAtMs, bytesPerSecond: grew / seconds }];
    });
    expect(timeline.allocationRate).toEqual(expected);

    const leaks = await services.getLeaks({ selection, limit: 1000 });
    expect(leaks.captures).toEqual(timeline.captures);
    expect(leaks.limitBytes).toBeNull();
    const largest = Math.max(...timeline.total);
    expect(leaks.rows.length).toBeGreaterThan(0);
    for (const row of leaks.rows) {
      expect(row.peak).toBeGreaterThanOrEqual(0.01 * largest);
      // The profiles state period 524288 (space/bytes): the band is 3·sqrt(peak·R), at least 5% of the peak.
      expect(row.noiseBand).toBeCloseTo(Math.max(3 * Math.sqrt(row.peak * 524288), 0.05 * row.peak), 6);
      expect(row.series).toHaveLength(6);
      expect(row.function.startsWith('runtime.')).toBe(false);
    }
    const order = { growing: 0, plateau: 1, shrinking: 2, stable: 3 };
    const ranks = leaks.rows.map((r) => order[r.verdict]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('series heap snapshots per class, shallow size (retained when asked), exact (no sampling band)', async () => {
    const snapshots = join(FIXTURES_DIR, 'heapsnapshot');
    const [a] = await ingest(join(snapshots, 'node-leaky-1-at3s.heapsnapshot.gz'), 'node', 1_700_000_000_000);
    const [b] = await ingest(join(snapshots, 'leaky-things-1000x1024.heapsnapshot.gz'), 'node', 1_700_000_060_000);
    const services = createQueryServices(store);
    const selection = { service: 'node', window: ALL_TIME };
    const classOf = (id: number, name: string | undefined) =>
      store.heapClasses(id, 1_000_000).find((c) => c.className === name);
    // By default what each class's instances themselves hold: a class's retained size counts what it keeps alive,
    // so `global` and every module on the path to a leak would grow with it.
    const leaks = await services.getLeaks({ selection, limit: 5 });
    expect(leaks.sampleType).toEqual({ type: 'shallow', unit: 'bytes' });
    expect(leaks.captures.map((c) => c.itemId)).toEqual([a, b]);
    const row = leaks.rows[0];
    expect(row?.series).toEqual([
      classOf(a as number, row?.function)?.shallowSize ?? 0,
      classOf(b as number, row?.function)?.shallowSize ?? 0,
    ]);
    // Two captures are too few for a verdict.
    expect(leaks.rows.every((r) => r.verdict === 'stable' && /too few/.test(r.wrongIf))).toBe(true);
    expect(row?.noiseBand).toBe(Math.max(0.05 * (row?.peak as number), 1024));
    const retained = await services.getLeaks({ selection, sampleType: 'retained', limit: 5 });
    expect(retained.sampleType).toEqual({ type: 'retained', unit: 'bytes' });
    const first = retained.rows[0];
    expect(first?.series).toEqual([
      classOf(a as number, first?.function)?.retainedSize ?? 0,
      classOf(b as number, first?.function)?.retainedSize ?? 0,
    ]);
  });

  it('says when a selection has no heap captures', async () => {
    await ingest(join(GO_SERVICE, 'cpu_1.pb.gz'), 'cpu-only');
    const services = createQueryServices(store);
    await expect(services.getLeaks({ selection: { service: 'cpu-only', window: ALL_TIME }, limit: 5 })).rejects.toThrow(
      NotFoundError,
    );
  });

  it.skipIf(!hasJfrTool)(
    'cuts a JFR recording into windows of allocated bytes per allocating method, as the JDK reader counts them',
    async () => {
      expect((await ingest(JAVA_CHURN, 'churn')).length).toBeGreaterThan(1);
      const services = createQueryServices(store);
      const selection = { service: 'churn', window: ALL_TIME };
      const recording = (await services.listItems({ selection })).find((item) => item.kind === 'allocations');
      expect(recording?.hasSampleTimes).toBe(true);
      const timeline = await services.getAllocationTimeline({ selection, top: 5 });
      expect(timeline.sampleType).toEqual({ type: 'alloc_space', unit: 'bytes' });
      expect(timeline.captures).toHaveLength(RECORDING_WINDOWS);

      // The JDK's own reader: every jdk.ObjectAllocationSample's weight (bytes), by the window its time falls in.
      const startMs = recording?.capturedAtMs as number;
      const endMs = startMs + (recording?.durationNs as number) / 1e6;
      const widthMs = (endMs - startMs) / RECORDING_WINDOWS;
      const expected = new Array<number>(RECORDING_WINDOWS).fill(0);
      const printed = spawnSync('jfr', ['print', '--json', '--events', 'jdk.ObjectAllocationSample', JAVA_CHURN], {
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      });
      const events = (
        JSON.parse(printed.stdout) as { recording: { events: { values: { startTime: string; weight: number } }[] } }
      ).recording.events;
      expect(events.length).toBeGreaterThan(1000);
      for (const { values } of events) {
        const w = Math.min(RECORDING_WINDOWS - 1, Math.floor((instantMs(values.startTime) - startMs) / widthMs));
        expected[w] = (expected[w] as number) + values.weight;
      }
      expect(timeline.total).toEqual(expected);
      timeline.allocationRate?.forEach((rate, w) => {
        expect(rate.bytesPerSecond).toBeCloseTo((expected[w] as number) / ((rate.toMs - rate.fromMs) / 1000), 6);
      });
      timeline.total.forEach((t, i) => {
        expect(
          timeline.bands.reduce((sum, band) => sum + (band.values[i] as number), timeline.other[i] as number),
        ).toBe(t);
      });
      // The sites are the allocating methods (a class and a file), never the allocated class (byte[] has no file).
      expect(timeline.bands.length).toBeGreaterThan(0);
      for (const band of timeline.bands) expect(band.file, band.function).not.toBe('');
    },
  );
});

/** An ISO instant with nanoseconds ("2026-11-24T03:35:37.632997814Z") in ms, the fraction kept whole. */
function instantMs(text: string): number {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(text);
  if (!m) throw new Error(`not an instant: ${text}`);
  return Date.parse(`${m[1]}Z`) + Number(`0.${m[2] ?? '0'}`) * 1000;
}
