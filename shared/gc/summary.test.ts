import { describe, expect, it } from 'vitest';
import type { GcEvent, GcLog } from './model';
import { nearestRank, summarizeGc } from './summary';

function event(timeMs: number, kind: string, pauseMs: number, durationMs: number | null = null): GcEvent {
  return {
    timeMs,
    kind,
    generation: null,
    cause: null,
    pauseNs: pauseMs * 1e6,
    durationNs: durationMs === null ? null : durationMs * 1e6,
    heapBeforeBytes: null,
    heapAfterBytes: null,
    heapCapacityBytes: null,
  };
}

function log(events: GcEvent[]): GcLog {
  return { format: 'jvm-unified', collector: 'G1', startTimeMs: null, events, skippedLines: 0 };
}

describe('nearestRank', () => {
  it('returns a value that occurred', () => {
    expect(nearestRank([1, 2, 3, 4], 50)).toBe(2);
    expect(nearestRank([1, 2, 3, 4], 90)).toBe(4);
    expect(nearestRank([5], 99)).toBe(5);
    expect(nearestRank([], 50)).toBe(0);
    expect(nearestRank([1, 2, 3], 0)).toBe(1);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(nearestRank(hundred, 50)).toBe(50);
    expect(nearestRank(hundred, 90)).toBe(90);
    expect(nearestRank(hundred, 99)).toBe(99);
  });
});

describe('summarizeGc', () => {
  it('counts pauses only, and concurrent phases as events', () => {
    const summary = summarizeGc(
      log([
        event(0, 'young', 4),
        event(10, 'concurrent-mark', 0, 30),
        event(20, 'remark', 2),
        event(50, 'young', 6),
        event(90, 'full', 8),
      ]),
    );
    expect(summary.gcEvents).toBe(5);
    expect(summary.totalPauseMs).toBe(20);
    expect(summary.maxPauseMs).toBe(8);
    expect(summary.p50PauseMs).toBe(4);
    expect(summary.p90PauseMs).toBe(8);
    expect(summary.p99PauseMs).toBe(8);
    // From 0 to the end of the last event (90 + 8 ms).
    expect(summary.pausePercent).toBeCloseTo((100 * 20) / 98, 10);
    expect(summary.byKind).toEqual([
      { kind: 'young', count: 2, totalPauseMs: 10 },
      { kind: 'full', count: 1, totalPauseMs: 8 },
      { kind: 'remark', count: 1, totalPauseMs: 2 },
    ]);
  });

  it('orders kinds with equal totals by name', () => {
    const summary = summarizeGc(log([event(0, 'b', 1), event(1, 'a', 1)]));
    expect(summary.byKind.map((k) => k.kind)).toEqual(['a', 'b']);
  });

  it('has no pause share for a single event or a zero span', () => {
    expect(summarizeGc(log([event(5, 'young', 1)])).pausePercent).toBeNull();
    expect(summarizeGc(log([event(5, 'gc', 0), event(5, 'gc', 0)])).pausePercent).toBeNull();
  });

  it('is all zeros for a log of concurrent phases only', () => {
    const summary = summarizeGc(log([event(0, 'concurrent-mark', 0, 5), event(10, 'garbage-collection', 0)]));
    expect(summary).toMatchObject({
      gcEvents: 2,
      totalPauseMs: 0,
      maxPauseMs: 0,
      p50PauseMs: 0,
      p90PauseMs: 0,
      p99PauseMs: 0,
      pausePercent: 0,
      byKind: [],
    });
  });

  it('uses the concurrent duration for the span when it ends last', () => {
    const summary = summarizeGc(log([event(0, 'young', 1), event(10, 'concurrent-cycle', 0, 90)]));
    expect(summary.pausePercent).toBeCloseTo(1, 10);
  });
});
