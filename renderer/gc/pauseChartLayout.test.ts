import { describe, expect, it } from 'vitest';
import type { GcEvent } from '../../shared/gc/model';
import { layoutPauseChart } from './pauseChartLayout';

const MIB = 1024 ** 2;

function gcEvent(timeMs: number, pauseMs: number, heapAfterBytes: number | null = null): GcEvent {
  return {
    timeMs,
    kind: 'young',
    generation: null,
    cause: null,
    pauseNs: pauseMs * 1e6,
    durationNs: null,
    heapBeforeBytes: null,
    heapAfterBytes,
    heapCapacityBytes: null,
  };
}

describe('layoutPauseChart', () => {
  // 400 × 198 without a heap axis: plot at x 64, y 12, 320 wide (400 − 64 − 16), 160 high (198 − 12 − 26).
  const layout = layoutPauseChart([gcEvent(1000, 1), gcEvent(2000, 2), gcEvent(3000, 4)], 400, 198);

  it('places the plot inside the margins', () => {
    expect(layout.plot).toEqual({ x: 64, y: 12, width: 320, height: 160 });
  });

  it('draws one bar per event, centred on its time, as high as its pause', () => {
    // Bars are 12 px (the cap; 320 / 3 × 0.6 is more). Centres run from 64 + 6 to 384 − 6:
    // x = 70 + (t − 1000) / 2000 × 308 → 70, 224, 378. The pause axis is 0–4 ms over 160 px: 40 px per ms.
    expect(layout.bars).toEqual([
      { x: 64, y: 132, width: 12, height: 40 },
      { x: 218, y: 92, width: 12, height: 80 },
      { x: 372, y: 12, width: 12, height: 160 },
    ]);
  });

  it('ticks the pause axis in round milliseconds and the time axis in seconds', () => {
    expect(layout.pauseTicks).toEqual([
      { at: 172, label: '0 ms' },
      { at: 132, label: '1 ms' },
      { at: 92, label: '2 ms' },
      { at: 52, label: '3 ms' },
      { at: 12, label: '4 ms' },
    ]);
    expect(layout.timeTicks).toEqual([
      { at: 70, label: '1 s' },
      { at: 224, label: '2 s' },
      { at: 378, label: '3 s' },
    ]);
  });

  it('has no heap line or heap axis when no event states the heap', () => {
    expect(layout.heapLine).toEqual([]);
    expect(layout.heapTicks).toEqual([]);
  });

  it('draws heap after as a line on a second axis, skipping events without it', () => {
    // 472 wide with the heap axis: plot 472 − 64 − 72 = 336 wide; centres x = 70 + t / 20000 × 324.
    const withHeap = layoutPauseChart(
      [gcEvent(0, 0, 100 * MIB), gcEvent(10_000, 3, 200 * MIB), gcEvent(20_000, 1)],
      472,
      198,
    );
    expect(withHeap.plot.width).toBe(336);
    // The pause of 0 (a concurrent phase) has no bar. Pause axis 0–3 ms: 3 ms is 160 px, 1 ms 53⅓ px.
    expect(withHeap.bars).toHaveLength(2);
    expect(withHeap.bars[0]).toEqual({ x: 226, y: 12, width: 12, height: 160 });
    expect(withHeap.bars[1]?.x).toBe(388);
    expect(withHeap.bars[1]?.height).toBeCloseTo(160 / 3, 9);
    // Heap axis 0–200 MiB in 50 MiB steps: 100 MiB is halfway up (y 92), 200 MiB at the top (y 12).
    expect(withHeap.heapLine).toEqual([
      { x: 70, y: 92 },
      { x: 232, y: 12 },
    ]);
    expect(withHeap.heapTicks.map((t) => t.label)).toEqual(['0 B', '50 MiB', '100 MiB', '150 MiB', '200 MiB']);
    expect(withHeap.heapTicks.map((t) => t.at)).toEqual([172, 132, 92, 52, 12]);
    expect(withHeap.timeTicks.map((t) => t.label)).toEqual(['0 s', '10 s', '20 s']);
  });

  it('still shows a pause too short for a pixel', () => {
    const tiny = layoutPauseChart([gcEvent(0, 0.001), gcEvent(1000, 4)], 400, 198);
    expect(tiny.bars[0]?.height).toBe(1);
    expect(tiny.bars[0]?.y).toBe(171);
  });

  it('lays out an empty log without dividing by zero', () => {
    const empty = layoutPauseChart([], 400, 198);
    expect(empty.bars).toEqual([]);
    expect(empty.pauseTicks.every((t) => Number.isFinite(t.at))).toBe(true);
    expect(empty.timeTicks.every((t) => Number.isFinite(t.at))).toBe(true);
  });

  it('centres a single event on a millisecond around it', () => {
    const single = layoutPauseChart([gcEvent(500, 2)], 400, 198);
    // Axis 499.5–500.5 ms; the bar's centre is halfway along 70 … 378, at 224. Labels share the step's decimals.
    expect(single.bars).toEqual([{ x: 218, y: 12, width: 12, height: 160 }]);
    expect(single.timeTicks.map((t) => t.label)).toEqual(['499.5 ms', '500.0 ms', '500.5 ms']);
  });
});
