import { describe, expect, it } from 'vitest';
import { NO_SERVICE } from '../ipc/contract';
import { captureSeries, coresOf, cpuTimeNs, gcSeries, measureOf, type CaptureTotals } from './series';

const T0 = Date.UTC(2026, 10, 20, 10, 0, 0);

function capture(fields: Partial<CaptureTotals> & Pick<CaptureTotals, 'kind' | 'types'>): CaptureTotals {
  return {
    itemId: 1,
    service: 'checkout',
    startMs: T0,
    durationNs: 10e9,
    period: null,
    periodType: null,
    periodUnit: null,
    ...fields,
  };
}

describe('timeline series math', () => {
  it('cores are CPU time over wall duration, from a cpu type in any time unit or samples × a CPU period', () => {
    const goCpu = capture({
      kind: 'cpu',
      types: [
        { type: 'samples', unit: 'count', total: 1800 },
        { type: 'cpu', unit: 'nanoseconds', total: 18e9 },
      ],
    });
    expect(cpuTimeNs(goCpu)).toBe(18e9);
    expect(coresOf(goCpu)).toBe(1.8);
    expect(coresOf(capture({ kind: 'cpu', types: [{ type: 'cpu', unit: 'milliseconds', total: 5000 }] }))).toBe(0.5);
    // Counts only: 250 samples × 10 ms of CPU each = 2.5 s over 10 s.
    const counts = capture({
      kind: 'cpu',
      period: 10,
      periodType: 'cpu',
      periodUnit: 'milliseconds',
      types: [{ type: 'samples', unit: 'count', total: 250 }],
    });
    expect(coresOf(counts)).toBe(0.25);
    // A wall-clock period is not CPU time; no duration, no cores.
    expect(coresOf({ ...counts, periodType: 'wall' })).toBeNull();
    expect(coresOf({ ...goCpu, durationNs: null })).toBeNull();
    expect(coresOf({ ...goCpu, durationNs: 0 })).toBeNull();
    expect(coresOf(capture({ kind: 'cpu', types: [{ type: 'wall', unit: 'nanoseconds', total: 5 }] }))).toBeNull();
  });

  it('heap in use is the inuse_space total and goroutines the goroutine count', () => {
    const heap = capture({
      kind: 'heap',
      types: [
        { type: 'alloc_space', unit: 'bytes', total: 900 },
        { type: 'inuse_objects', unit: 'count', total: 7 },
        { type: 'inuse_space', unit: 'bytes', total: 412 * 1024 * 1024 },
      ],
    });
    expect(measureOf(heap)).toBe(412 * 1024 * 1024);
    expect(measureOf(capture({ kind: 'heap', types: [{ type: 'space', unit: 'bytes', total: 64 }] }))).toBe(64);
    expect(measureOf(capture({ kind: 'goroutines', types: [{ type: 'goroutine', unit: 'count', total: 57 }] }))).toBe(
      57,
    );
    expect(measureOf(capture({ kind: 'heap', types: [{ type: 'objects', unit: 'count', total: 1 }] }))).toBeNull();
  });

  it('groups points per (service, kind) in time order as columns, no service last, unknown values left out', () => {
    const cpu = (itemId: number, service: string | null, startMs: number, cpuNs: number): CaptureTotals =>
      capture({ itemId, service, startMs, kind: 'cpu', types: [{ type: 'cpu', unit: 'nanoseconds', total: cpuNs }] });
    const series = captureSeries([
      cpu(3, 'checkout', T0 + 20_000, 5e9),
      cpu(1, 'checkout', T0, 10e9),
      cpu(2, null, T0, 1e9),
      capture({
        itemId: 4,
        kind: 'heap',
        types: [{ type: 'inuse_space', unit: 'bytes', total: 100 }],
        durationNs: null,
      }),
      capture({ itemId: 5, kind: 'cpu', types: [{ type: 'samples', unit: 'count', total: 3 }] }),
      cpu(6, 'api', T0, 20e9),
    ]);
    expect(series).toEqual([
      {
        service: 'api',
        kind: 'cpu',
        measure: 'cores',
        points: { itemId: [6], startMs: [T0], endMs: [T0 + 10_000], value: [2] },
        maxValue: 2,
        maxDurationMs: 10_000,
      },
      {
        service: 'checkout',
        kind: 'cpu',
        measure: 'cores',
        points: {
          itemId: [1, 3],
          startMs: [T0, T0 + 20_000],
          endMs: [T0 + 10_000, T0 + 30_000],
          value: [1, 0.5],
        },
        maxValue: 1,
        maxDurationMs: 10_000,
      },
      {
        service: 'checkout',
        kind: 'heap',
        measure: 'heap-inuse',
        points: { itemId: [4], startMs: [T0], endMs: [T0], value: [100] },
        maxValue: 100,
        maxDurationMs: 0,
      },
      {
        service: NO_SERVICE,
        kind: 'cpu',
        measure: 'cores',
        points: { itemId: [2], startMs: [T0], endMs: [T0 + 10_000], value: [0.1] },
        maxValue: 0.1,
        maxDurationMs: 10_000,
      },
    ]);
  });

  it('places GC events at their log start plus their time, per service in time order', () => {
    const series = gcSeries([
      { itemId: 9, service: 'api', startMs: T0 + 1000, timeMs: 5.5, pauseNs: 2e6, heapAfterBytes: 4096 },
      { itemId: 8, service: 'api', startMs: T0, timeMs: 500, pauseNs: 1e5, heapAfterBytes: null },
      { itemId: 7, service: null, startMs: T0, timeMs: 0, pauseNs: 0, heapAfterBytes: 1 },
    ]);
    expect(series).toEqual([
      {
        service: 'api',
        points: { itemId: [8, 9], atMs: [T0 + 500, T0 + 1005.5], pauseNs: [1e5, 2e6], liveHeapBytes: [null, 4096] },
        maxPauseNs: 2e6,
        maxLiveHeapBytes: 4096,
      },
      {
        service: NO_SERVICE,
        points: { itemId: [7], atMs: [T0], pauseNs: [0], liveHeapBytes: [1] },
        maxPauseNs: 0,
        maxLiveHeapBytes: 1,
      },
    ]);
  });
});
