import { describe, expect, it } from 'vitest';
import { prng } from '../../test/fixtures/prng';
import type { GcEvent, GcLog } from './model';
import { gcWindows, isCollection, sameProcessLogs, type GcLogInput } from './windows';

const MB = 2 ** 20;
const START = 1_700_000_000_000;

function event(
  timeMs: number,
  pauseMs: number,
  heap: [number, number] | null = null,
  extra: Partial<GcEvent> = {},
): GcEvent {
  return {
    timeMs,
    kind: 'young',
    generation: 'young',
    cause: 'Allocation Failure',
    pauseNs: pauseMs * 1e6,
    durationNs: null,
    heapBeforeBytes: heap ? heap[0] : null,
    heapAfterBytes: heap ? heap[1] : null,
    heapCapacityBytes: null,
    ...extra,
  };
}

function log(events: GcEvent[], format: GcLog['format'] = 'jvm-unified', startTimeMs = START): GcLog {
  return { format, collector: 'Serial', startTimeMs, events, skippedLines: 0 };
}

const input = (itemId: number, l: GcLog, process: GcLogInput['process'] = null): GcLogInput => ({
  itemId,
  log: l,
  process,
});

describe('gcWindows', () => {
  it('computes nearest-rank percentiles, % paused and frequency equal to hand-computed ones', () => {
    // Ten pauses 1..10 ms, one a second from t = 0; the span is [START, START + 9 s + 10 ms).
    // In no order of time (a trend would be a pause change).
    const pauses = [3, 7, 1, 9, 5, 10, 2, 8, 4, 6];
    const events = pauses.map((pause, i) => event(i * 1000, pause));
    const result = gcWindows([input(1, log(events))], 2);
    const total = result.total;
    expect(total.startMs).toBe(START);
    expect(total.endMs).toBe(START + 9006);
    expect(total.events).toBe(10);
    expect(total.collections).toBe(10);
    // Nearest rank: p50 = the ⌈0.5·10⌉ = 5th = 5; p90 = 9th = 9; p99 = ⌈9.9⌉ = 10th = 10.
    expect(total.pauses).toEqual({ p50: 5, p90: 9, p99: 10, max: 10, total: 55 });
    expect(total.pausedPercent).toBeCloseTo((100 * 55) / 9006, 12);
    expect(total.frequency).toBeCloseTo(10 / 9.006, 12);
    // Two windows of 4503 ms: events at 0..4 s, 5..9 s; pauses 3, 7, 1, 9, 5 and 10, 2, 8, 4, 6.
    const [first, second] = result.windows;
    expect(first).toMatchObject({ startMs: START, endMs: START + 4503, events: 5 });
    // Sorted 1, 3, 5, 7, 9: p50 = ⌈2.5⌉ = 3rd = 5, p90 = ⌈4.5⌉ = 5th = 9, p99 the 5th too.
    expect(first!.pauses).toEqual({ p50: 5, p90: 9, p99: 9, max: 9, total: 25 });
    expect(second!.pauses).toEqual({ p50: 6, p90: 10, p99: 10, max: 10, total: 30 });
    expect(first!.pausedPercent).toBeCloseTo((100 * 25) / 4503, 12);
    expect(result.changes).toEqual([]);
  });

  it('clips pauses to the window they overlap and leaves concurrent phases out of paused time', () => {
    // A 100 ms pause from t = 950 ms crosses the boundary at 1000 ms of two 1 s windows; a 500 ms concurrent
    // phase (no pause) is an event but neither paused time nor a collection.
    const events = [
      event(0, 10),
      event(950, 100),
      event(1200, 0, null, { kind: 'concurrent-mark', durationNs: 500e6 }),
      event(1990, 10),
    ];
    const result = gcWindows([input(1, log(events))], 2);
    expect(result.total.endMs).toBe(START + 2000);
    expect(result.windows[0]!.pausedPercent).toBeCloseTo((100 * (10 + 50)) / 1000, 12);
    expect(result.windows[1]!.pausedPercent).toBeCloseTo((100 * (50 + 10)) / 1000, 12);
    expect(result.windows[1]).toMatchObject({ events: 2, collections: 1 });
    expect(result.total.pauses?.max).toBe(100);
    expect(isCollection(events[2]!, 'jvm-unified')).toBe(false);
    expect(isCollection(event(0, 0, null, { durationNs: 3e6 }), 'go-gctrace')).toBe(true);
  });

  it('measures allocation as heap before a GC − heap after the one before, spread over its interval', () => {
    // 10 MB allocated in each of the first two seconds, 40 MB in the third; one window per second.
    const events = [
      event(0, 1, [12 * MB, 2 * MB]),
      event(1000, 1, [12 * MB, 2 * MB]),
      event(2000, 1, [12 * MB, 3 * MB]),
      event(3000, 1, [43 * MB, 3 * MB]),
    ];
    const result = gcWindows([input(1, log(events))], 3);
    const rates = result.windows.map((w) => w.allocationRate);
    // The span ends at 3001 ms: windows of 1000.33 ms each; each holds all but its share of the neighbours'.
    expect(rates[0]).toBeCloseTo(10 * MB, -3);
    expect(rates[2]).toBeCloseTo(40 * MB, -4);
    expect(result.total.allocationRate).toBeCloseTo(((10 + 10 + 40) * MB) / 3, -3);
    expect(result.windows[0]!.liveHeap).toEqual({ first: 2 * MB, last: 2 * MB });
    expect(result.windows[2]!.liveHeap).toEqual({ first: 3 * MB, last: 3 * MB });
    // Without heap numbers: unknown, not zero.
    expect(
      gcWindows([input(1, log(events.map((e) => ({ ...e, heapBeforeBytes: null }))))], 3).total.allocationRate,
    ).toBeNull();
  });

  it('places each log at its start on the wall clock and keeps only events inside a selection window', () => {
    const a = log([event(0, 1), event(1000, 1)], 'go-gctrace', START);
    const b = log([event(0, 1), event(1000, 1)], 'go-gctrace', START + 500);
    const result = gcWindows([input(1, a), input(2, b)], 1, { startMs: START + 400, endMs: START + 1200 });
    // Events at 0, 500, 1000, 1500 ms: 500 and 1000 are inside [400, 1200).
    expect(result.total).toMatchObject({ startMs: START + 400, endMs: START + 1200, events: 2 });
  });

  it('counts one process once: the log with most events, the other named as its twin', () => {
    const full = log([event(0, 1), event(1000, 1), event(2000, 1)]);
    const jfr = log([event(500, 1), event(1500, 1)], 'jfr', START + 500);
    const other = log([event(0, 1)], 'jvm-unified');
    const inputs = [
      input(7, jfr, { pid: '42', host: null }),
      input(3, full, { pid: '42', host: 'box' }),
      input(9, other, { pid: '43', host: 'box' }),
    ];
    expect([...sameProcessLogs(inputs)]).toEqual([
      [3, null],
      [7, 3],
      [9, null],
    ]);
    const result = gcWindows(inputs, 1);
    expect(result.total.events).toBe(4);
    expect(result.logs.map((l) => l.sameProcessAs)).toEqual([3, null, null]);
  });

  it('without pids, takes logs whose events coincide within 5 ms for one process, and others for two', () => {
    const times = [100, 900, 1300, 2200, 2600, 3900];
    const full = log(times.map((t) => event(t, 1)));
    // The recording started later (misses the first) and its clock is 3 ms off.
    const jfr = log(
      times.slice(1).map((t) => event(t - 400 + 3, 1)),
      'jfr',
      START + 400,
    );
    const elsewhere = log(
      times.slice(1).map((t) => event(t + 50, 1)),
      'jvm-unified',
    );
    expect(sameProcessLogs([input(1, full), input(2, jfr), input(3, elsewhere)])).toEqual(
      new Map([
        [1, null],
        [2, 1],
        [3, null],
      ]),
    );
  });

  it('finds a GC frequency rise from 0.5/s to 10/s at t = 20 s within ±1 s', () => {
    const random = prng(42);
    const events: GcEvent[] = [];
    for (const [rate, from, to] of [
      [0.5, 0, 20_000],
      [10, 20_000, 40_000],
    ] as const) {
      for (let t = from - (Math.log(1 - random()) / rate) * 1000; t < to; t -= (Math.log(1 - random()) / rate) * 1000) {
        events.push(event(t, 2));
      }
    }
    const result = gcWindows([input(1, log(events, 'jvm-unified', START))], 10);
    const frequency = result.changes.find((c) => c.measure === 'frequency');
    expect(Math.abs(frequency!.atMs - (START + 20_000))).toBeLessThanOrEqual(1000);
    expect(frequency!.after / frequency!.before).toBeGreaterThan(5);
    // The windows show it too: the first half's windows below 2/s, the second half's above 5/s.
    expect(result.windows.slice(0, 5).every((w) => w.frequency < 2)).toBe(true);
    expect(result.windows.slice(5).every((w) => w.frequency > 5)).toBe(true);
  });
});
