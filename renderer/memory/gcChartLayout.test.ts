import { describe, expect, it } from 'vitest';
import { chartBrushWindow, GC_CHART_MARGIN, layoutGcChart, timeOfX, xOfTime, type GcChartInput } from './gcChartLayout';
import { brushedSelection } from './gcPanelModel';
import { changeLabel } from './gcText';

const T0 = Date.UTC(2026, 10, 20, 10, 0, 0);
const input: GcChartInput = {
  range: { fromMs: T0, toMs: T0 + 10_000 },
  pauses: [
    { atMs: T0 + 1000, pauseMs: 2, kind: 'scavenge' },
    { atMs: T0 + 5000, pauseMs: 8, kind: 'mark-compact' },
    { atMs: T0 + 9000, pauseMs: 0, kind: 'scavenge' },
  ],
  liveHeap: [
    { atMs: T0 + 1000, bytes: 1 << 20 },
    { atMs: T0 + 5000, bytes: 4 << 20 },
  ],
  windows: [
    { startMs: T0, endMs: T0 + 5000, frequency: 0.2, allocationRate: 12e6 },
    { startMs: T0 + 5000, endMs: T0 + 10_000, frequency: 5, allocationRate: null },
  ],
  cores: [{ startMs: T0 + 2000, endMs: T0 + 4000, value: 1.5 }],
  changes: [
    { atMs: T0 + 5000, label: 'GC/s 0.2 → 5.0' },
    { atMs: T0 + 20_000, label: 'outside' },
  ],
  focusMs: T0 + 2500,
};
const WIDTH = 1000;
const plotWidth = WIDTH - GC_CHART_MARGIN.left - GC_CHART_MARGIN.right;

describe('the GC-beside-CPU chart layout', () => {
  it('puts an instant at its share of the range along the plot, and back', () => {
    expect(xOfTime(input.range, GC_CHART_MARGIN.left, plotWidth, T0)).toBe(GC_CHART_MARGIN.left);
    expect(xOfTime(input.range, GC_CHART_MARGIN.left, plotWidth, T0 + 5000)).toBe(GC_CHART_MARGIN.left + plotWidth / 2);
    const plot = { x: GC_CHART_MARGIN.left, width: plotWidth };
    expect(timeOfX(input.range, plot, GC_CHART_MARGIN.left + plotWidth / 4)).toBe(T0 + 2500);
  });

  it('draws a bar per pause at its time (none for a 0 ms event), taller for the longer pause, by kind', () => {
    const layout = layoutGcChart(input, WIDTH);
    expect(layout.kinds).toEqual(['scavenge', 'mark-compact']);
    expect(layout.bars.map((b) => b.kind)).toEqual([0, 1]);
    const [short, long] = layout.bars;
    expect(short!.x + short!.width / 2).toBeCloseTo(GC_CHART_MARGIN.left + plotWidth / 10, 6);
    expect(long!.height).toBeCloseTo(short!.height * 4, 6);
    expect(long!.y + long!.height).toBe(short!.y + short!.height);
  });

  it('holds each window flat as a step, leaves windows without a rate out, and boxes a capture over its span', () => {
    const layout = layoutGcChart(input, WIDTH);
    expect(layout.frequencySteps.map((p) => p.x)).toEqual([
      GC_CHART_MARGIN.left,
      GC_CHART_MARGIN.left + plotWidth / 2,
      GC_CHART_MARGIN.left + plotWidth / 2,
      GC_CHART_MARGIN.left + plotWidth,
    ]);
    expect(layout.frequencySteps[2]!.y).toBeLessThan(layout.frequencySteps[0]!.y);
    expect(layout.allocationSteps).toHaveLength(2);
    expect(layout.coreBoxes).toHaveLength(1);
    expect(layout.coreBoxes[0]!.x).toBeCloseTo(GC_CHART_MARGIN.left + plotWidth / 5, 6);
    expect(layout.coreBoxes[0]!.width).toBeCloseTo(plotWidth / 5, 6);
    expect(layout.heapLine).toHaveLength(2);
  });

  it('marks the change points inside the range with their labels, and the focused instant', () => {
    const layout = layoutGcChart(input, WIDTH);
    expect(layout.markers).toEqual([{ x: GC_CHART_MARGIN.left + plotWidth / 2, label: 'GC/s 0.2 → 5.0' }]);
    expect(layout.focusX).toBeCloseTo(GC_CHART_MARGIN.left + plotWidth / 4, 6);
  });

  it('turns a drag into the wall-clock window under it (whole ms), and a click into nothing', () => {
    const plot = { x: GC_CHART_MARGIN.left, width: plotWidth };
    const from = GC_CHART_MARGIN.left + plotWidth / 2;
    const to = GC_CHART_MARGIN.left + (plotWidth * 3) / 4;
    expect(chartBrushWindow(input.range, plot, to, from)).toEqual({ startMs: T0 + 5000, endMs: T0 + 7500 });
    expect(chartBrushWindow(input.range, plot, from, from + 2)).toBeNull();
    // Dragged past the plot's edges: clamped to the range.
    expect(chartBrushWindow(input.range, plot, 0, WIDTH)).toEqual({ startMs: T0, endMs: T0 + 10_000 });
  });

  it('makes the brushed selection: the service over the window, or the same items cut to it', () => {
    const window = { startMs: T0 + 5000, endMs: T0 + 7500 };
    expect(brushedSelection({ service: 'api', window: { startMs: 0, endMs: 1 }, kind: 'gc-log' }, window)).toEqual({
      service: 'api',
      window,
    });
    expect(brushedSelection({ items: [3, 4] }, window)).toEqual({ items: [3, 4], window });
  });

  it('labels a change with its measure and both levels', () => {
    expect(changeLabel({ measure: 'frequency', before: 0.2, after: 5 })).toBe('GC/s 0.2 → 5.0');
    expect(changeLabel({ measure: 'allocation-rate', before: 12e6, after: 400e6 })).toBe('alloc MB/s 12 → 400');
    expect(changeLabel({ measure: 'pause', before: 1.25, after: 8 })).toBe('pause ms 1.3 → 8.0');
  });
});
