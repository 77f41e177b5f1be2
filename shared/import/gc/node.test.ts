import { describe, expect, it } from 'vitest';
import { kindCounts, readGcFixture } from '../../../test/fixtures/gc-fixtures';
import { importNodeTraceGc } from './node';
import { DEFAULT_IMPORT_LIMITS } from '../limits';

const MiB = 2 ** 20;
const load = (name: string) => importNodeTraceGc(readGcFixture(`node-trace-gc/${name}`), DEFAULT_IMPORT_LIMITS);

describe('V8 --trace-gc', () => {
  it('reads Node 20 lines: time, pause, heap and committed size, the reason', () => {
    const log = load('node20-trace-gc.txt');
    expect(log).toMatchObject({ format: 'node-trace-gc', collector: 'V8', startTimeMs: null, skippedLines: 0 });
    // "[13906:0x3217ddd0]  34 ms: Scavenge 4.4 (4.5) -> 3.7 (5.5) MB, 0.69 / 0.00 ms  (average mu = …) allocation failure; "
    // V8 prints "34 ms" when the pause ends: it started 0.69 ms before.
    expect(log.events[0]).toEqual({
      timeMs: 33.31,
      kind: 'scavenge',
      generation: 'young',
      cause: 'allocation failure',
      pauseNs: 690_000,
      durationNs: null,
      heapBeforeBytes: Math.round(4.4 * MiB),
      heapAfterBytes: Math.round(3.7 * MiB),
      heapCapacityBytes: Math.round(5.5 * MiB),
    });
    expect(kindCounts(log)).toEqual({ scavenge: 141, 'mark-compact': 2 });
    expect(log.events.filter((e) => e.kind === 'mark-compact').map((e) => [e.timeMs, e.pauseNs, e.cause])).toEqual([
      // " 115 ms: Mark-Compact … 2.22 / 0.00 ms" and " 473 ms: … 13.73 / 0.00 ms": the starts.
      [112.78, 2_220_000, 'finalize incremental marking via stack guard; GC in old space requested'],
      [459.27, 13_730_000, 'testing; GC in old space requested'],
    ]);
  });

  it('reads young-generation mark-compact (--minor-mc) and the "task" reason', () => {
    const log = load('node20-minor-mc.txt');
    expect(kindCounts(log)).toEqual({ 'minor-mark-compact': 94, 'mark-compact': 2 });
    expect(log.events.find((e) => e.cause === 'task')).toMatchObject({
      timeMs: 1291.57, // "1293 ms: Minor Mark-Compact … 1.43 / 0.00 ms"
      kind: 'minor-mark-compact',
      generation: 'young',
    });
  });

  it('reads "Mark-Compact (reduce)" as a mark-compact (generated Node service capture)', () => {
    const log = load('node-leaky.trace-gc.txt');
    expect(kindCounts(log)).toEqual({ scavenge: 1265, 'mark-compact': 5 });
    expect(log.events.find((e) => e.kind === 'mark-compact')).toMatchObject({
      timeMs: 2564.13, // "2585 ms: Mark-Compact (reduce) … 20.87 / … ms"
      pauseNs: 20_870_000,
      generation: 'both',
      cause: 'heap profiler; GC in old space requested',
      heapCapacityBytes: Math.round(6.5 * MiB),
    });
  });

  it('reads the older "[reason]." format with incremental-marking notes (gc-trace-parser-csv)', () => {
    const mix = load('gctpcsv__test-1-mix.log');
    expect(kindCounts(mix)).toEqual({ scavenge: 19, 'mark-sweep': 20 });
    expect(mix.skippedLines).toBe(0);
    expect(load('gctpcsv__test-1-mark-sweep.log').events).toEqual([
      {
        timeMs: 113802, // "113809 ms: Mark-sweep … 7.0 / … ms"
        kind: 'mark-sweep',
        generation: 'both',
        cause: 'Incremental marking task: finalize incremental marking; GC in old space requested',
        pauseNs: 7_000_000,
        durationNs: null,
        heapBeforeBytes: 421 * MiB,
        heapAfterBytes: Math.round(420.7 * MiB),
        heapCapacityBytes: 466 * MiB,
      },
    ]);
  });

  it('decides the odd gc-trace-parser-csv files: no reason → cause null; extra line ignored; bad pid skipped', () => {
    expect(load('gctpcsv__test-1-line-scavenge-missing-reason.log').events).toEqual([
      expect.objectContaining({ timeMs: 7.3, kind: 'scavenge', cause: null, pauseNs: 700_000 }),
    ]);
    const extra = load('gctpcsv__test-1-scavenge-extra-lines.log');
    expect(extra.events).toHaveLength(1);
    expect(extra.skippedLines).toBe(0);
    // "[31280102004600]": the isolate prefix lost its ":0x", so the line cannot be attributed.
    const badPid = load('gctpcsv__test-1-scavenge-bad-pid.log');
    expect(badPid.events).toHaveLength(1);
    expect(badPid.skippedLines).toBe(1);
  });

  it('fails when no line is a GC line', () => {
    expect(() => importNodeTraceGc('hello\n[1:0x1] Memory reducer: started\n', DEFAULT_IMPORT_LIMITS)).toThrow(
      /no GC events found in this V8 --trace-gc output/,
    );
  });
});
