/**
 * Where the allocation timeline's stacked area goes, in CSS pixels: one band per top function (largest at the
 * bottom, so the biggest consumers sit on the axis and read from zero) and "other" on top, their edges at each
 * capture's wall-clock time; the allocation rate as a step line on a second axis; the ticks of the three axes. Pure,
 * so stacking and hit-testing are unit-tested without a canvas; drawStackedArea only paints what this returns.
 */
import type { AllocationTimeline } from '../../shared/ipc/memory-contract';
import { byteTicks, formatByteTick } from '../charts/axisTicks';
import { clockTicks } from '../timeline/clockTicks';
import type { Rect, Tick } from '../gc/pauseChartLayout';

export const AREA_MARGIN = { top: 12, bottom: 26, left: 72, right: 16, rightWithRate: 84 } as const;
const X_TICK_SPACING_PX = 130;
const Y_TICK_SPACING_PX = 40;

/** The name the "other" band goes by in the legend, the tooltip and the hit-test. */
export const OTHER_BAND = 'other';

export interface StackedBand {
  /** A function, or OTHER_BAND. */
  name: string;
  values: number[];
  /** Per capture: the stack below the band and its own top, in the series' unit (upper − lower = value exactly). */
  lower: number[];
  upper: number[];
}

export interface StackedAreaLayout {
  plot: Rect;
  /** x of each capture. */
  xs: number[];
  /** Bottom to top: the top functions, largest first, then "other". */
  bands: StackedBand[];
  /** Heap in use per capture: the top of the stack. */
  total: number[];
  /** Value → y on the left axis. */
  yMax: number;
  timeTicks: Tick[];
  valueTicks: Tick[];
  /** The allocation rate as horizontal steps, and its right-hand axis; empty when the result has none. */
  rateSteps: { x0: number; x1: number; y: number }[];
  rateTicks: Tick[];
}

/**
 * Stacks the bands in integer arithmetic (heap values are byte counts), so the top edge equals the total exactly
 * whenever bands + other = total, as the contract promises.
 */
export function stackBands(timeline: AllocationTimeline): StackedBand[] {
  const n = timeline.captures.length;
  const series = [
    ...timeline.bands.map((b) => ({ name: b.function, values: b.values })),
    { name: OTHER_BAND, values: timeline.other },
  ];
  const below = new Array<number>(n).fill(0);
  return series.map(({ name, values }) => {
    const lower = below.slice();
    for (let i = 0; i < n; i++) below[i] = (below[i] as number) + (values[i] ?? 0);
    return { name, values, lower, upper: below.slice() };
  });
}

export function layoutStackedArea(timeline: AllocationTimeline, widthPx: number, heightPx: number): StackedAreaLayout {
  const rate = timeline.allocationRate ?? [];
  const right = rate.length > 0 ? AREA_MARGIN.rightWithRate : AREA_MARGIN.right;
  const plot: Rect = {
    x: AREA_MARGIN.left,
    y: AREA_MARGIN.top,
    width: Math.max(1, widthPx - AREA_MARGIN.left - right),
    height: Math.max(1, heightPx - AREA_MARGIN.top - AREA_MARGIN.bottom),
  };
  const bottom = plot.y + plot.height;
  const times = timeline.captures.map((c) => c.atMs);
  let firstMs = Math.min(...times);
  let lastMs = Math.max(...times);
  if (times.length === 0) [firstMs, lastMs] = [0, 1];
  // Captures all at one instant: a second around them, so the axis has something to divide.
  if (lastMs === firstMs) [firstMs, lastMs] = [firstMs - 500, lastMs + 500];
  const xOf = (ms: number): number => plot.x + ((ms - firstMs) / (lastMs - firstMs)) * plot.width;

  const bands = stackBands(timeline);
  const top = bands[bands.length - 1]?.upper ?? [];
  const yTickCount = Math.max(2, Math.floor(plot.height / Y_TICK_SPACING_PX));
  const valueAxis = byteTicks(Math.max(0, ...top), yTickCount);
  const yOf = (v: number): number => bottom - (v / valueAxis.max) * plot.height;

  const rateAxis = byteTicks(Math.max(0, ...rate.map((r) => r.bytesPerSecond)), yTickCount);
  const rateY = (v: number): number => bottom - (v / rateAxis.max) * plot.height;

  const clock = clockTicks(firstMs, lastMs, Math.max(1, Math.floor(plot.width / X_TICK_SPACING_PX)));
  return {
    plot,
    xs: times.map(xOf),
    bands,
    total: top,
    yMax: valueAxis.max,
    timeTicks: clock.map((t) => ({ at: xOf(t.ms), label: t.label })),
    valueTicks: valueAxis.values.map((v) => ({ at: yOf(v), label: formatByteTick(v) })),
    rateSteps: rate.map((r) => ({ x0: xOf(r.fromMs), x1: xOf(r.toMs), y: rateY(r.bytesPerSecond) })),
    rateTicks: rate.length > 0 ? rateAxis.values.map((v) => ({ at: rateY(v), label: `${formatByteTick(v)}/s` })) : [],
  };
}

/** A value's y on the left axis. */
export function valueY(layout: StackedAreaLayout, value: number): number {
  return layout.plot.y + layout.plot.height - (value / layout.yMax) * layout.plot.height;
}

/** The capture whose x is nearest `x` (the one the tooltip describes); -1 without captures. */
export function nearestCapture(layout: StackedAreaLayout, x: number): number {
  let best = -1;
  let bestDistance = Infinity;
  layout.xs.forEach((cx, i) => {
    const distance = Math.abs(cx - x);
    if (distance < bestDistance) [best, bestDistance] = [i, distance];
  });
  return best;
}

/**
 * The band under a point: the area between captures is drawn as straight edges, so the band edges at `x` are
 * interpolated between the captures either side. Null outside the plot or above the stack.
 */
export function bandAt(layout: StackedAreaLayout, x: number, y: number): number | null {
  const { plot, xs } = layout;
  if (x < plot.x || x > plot.x + plot.width || y < plot.y || y > plot.y + plot.height || xs.length === 0) return null;
  let right = xs.findIndex((cx) => cx >= x);
  if (right === -1) right = xs.length - 1;
  const left = Math.max(0, xs[right] === x ? right : right - 1);
  const x0 = xs[left] as number;
  const x1 = xs[right] as number;
  const t = x1 > x0 ? (x - x0) / (x1 - x0) : 0;
  const at = (edge: number[]): number => (edge[left] as number) * (1 - t) + (edge[right] as number) * t;
  for (let b = 0; b < layout.bands.length; b++) {
    const band = layout.bands[b] as StackedBand;
    const top = valueY(layout, at(band.upper));
    const low = valueY(layout, at(band.lower));
    if (y >= top && y <= low && low - top > 0) return b;
  }
  return null;
}
