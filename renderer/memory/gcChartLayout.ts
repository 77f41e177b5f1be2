/**
 * Where everything on the GC-beside-CPU chart goes, in CSS pixels: three bands over ONE wall-clock x axis —
 * pauses (a bar per event at its wall-clock time, height = pause, coloured by kind) with the live heap after GC as
 * a line; GC frequency and allocation rate per window as steps; CPU cores per capture as boxes over each capture's
 * span — and the change points as vertical markers across all three. Pure, so the scaling (x of a time, a drag's
 * window) is unit-tested without a canvas; drawGcChart only paints what this returns.
 */
import type { TimeWindow } from '../../shared/capture/selection';
import { byteTicks, formatByteTick, zeroBasedTicks, type AxisTicks } from '../charts/axisTicks';
import { clockTicks } from '../timeline/clockTicks';
import { brushWindow } from '../timeline/brush';
import { timeAtX, xAtTime, type TimeRange } from '../timeline/timeRange';

export const GC_CHART_MARGIN = { top: 26, bottom: 24, left: 72, right: 80 } as const;
/** Band heights in CSS pixels, top to bottom, and the gap between them. */
export const BAND_HEIGHTS = { pauses: 130, rates: 70, cpu: 56 } as const;
/** Room between bands for the band above's zero label and the next band's title. */
const BAND_GAP_PX = 26;
export const GC_CHART_HEIGHT_PX =
  GC_CHART_MARGIN.top +
  BAND_HEIGHTS.pauses +
  BAND_HEIGHTS.rates +
  BAND_HEIGHTS.cpu +
  2 * BAND_GAP_PX +
  GC_CHART_MARGIN.bottom;
const MAX_BAR_WIDTH_PX = 6;
const X_TICK_SPACING_PX = 130;

export interface GcChartInput {
  range: TimeRange;
  pauses: { atMs: number; pauseMs: number; kind: string }[];
  liveHeap: { atMs: number; bytes: number }[];
  windows: { startMs: number; endMs: number; frequency: number; allocationRate: number | null }[];
  cores: { startMs: number; endMs: number; value: number }[];
  changes: { atMs: number; label: string }[];
  /** An instant to mark (a finding's), or null. */
  focusMs: number | null;
}

export interface Band {
  name: 'pauses' | 'rates' | 'cpu';
  y: number;
  height: number;
  /** Left axis: its top value and tick labels (y in CSS px). */
  left: { ticks: { y: number; label: string }[] };
  right: { ticks: { y: number; label: string }[] };
}

export interface GcChartLayout {
  plot: { x: number; width: number; top: number; bottom: number };
  bands: Band[];
  kinds: string[];
  bars: { x: number; y: number; width: number; height: number; kind: number }[];
  heapLine: { x: number; y: number }[];
  frequencySteps: { x: number; y: number }[];
  allocationSteps: { x: number; y: number }[];
  coreBoxes: { x: number; y: number; width: number; height: number }[];
  markers: { x: number; label: string }[];
  focusX: number | null;
  timeTicks: { x: number; label: string }[];
}

/** The x of a wall-clock instant on a plot starting at `plotX`, `widthPx` wide. */
export function xOfTime(range: TimeRange, plotX: number, widthPx: number, ms: number): number {
  return plotX + xAtTime(range, widthPx, ms);
}

/** The window a drag across the chart selects (x in CSS px from the canvas's left), or null for a click. */
export function chartBrushWindow(
  range: TimeRange,
  plot: { x: number; width: number },
  x0: number,
  x1: number,
): TimeWindow | null {
  return brushWindow(range, plot.width, x0 - plot.x, x1 - plot.x);
}

/** The instant under an x (CSS px from the canvas's left). */
export function timeOfX(range: TimeRange, plot: { x: number; width: number }, x: number): number {
  return timeAtX(range, plot.width, x - plot.x);
}

function scale(axis: AxisTicks, y: number, height: number): (v: number) => number {
  return (v) => y + height - (v / axis.max) * height;
}

/** Steps over windows: each window's value held flat across it, joined at the edges. */
function steps(
  windows: GcChartInput['windows'],
  value: (w: GcChartInput['windows'][number]) => number | null,
  x: (ms: number) => number,
  y: (v: number) => number,
): { x: number; y: number }[] {
  const points: { x: number; y: number }[] = [];
  for (const w of windows) {
    const v = value(w);
    if (v === null) continue;
    points.push({ x: x(w.startMs), y: y(v) }, { x: x(w.endMs), y: y(v) });
  }
  return points;
}

const mbPerSecond = (bytes: number): string => `${Number((bytes / 1e6).toPrecision(3))} MB/s`;

export function layoutGcChart(input: GcChartInput, widthPx: number): GcChartLayout {
  const plotX = GC_CHART_MARGIN.left;
  const width = Math.max(1, widthPx - GC_CHART_MARGIN.left - GC_CHART_MARGIN.right);
  const x = (ms: number): number => xOfTime(input.range, plotX, width, ms);
  let y = GC_CHART_MARGIN.top;
  const band = (name: Band['name']): { y: number; height: number } => {
    const b = { y, height: BAND_HEIGHTS[name] };
    y += BAND_HEIGHTS[name] + BAND_GAP_PX;
    return b;
  };
  const pausesBand = band('pauses');
  const ratesBand = band('rates');
  const cpuBand = band('cpu');
  const ticks = (axis: AxisTicks, b: { y: number; height: number }, label: (v: number) => string) =>
    axis.values.map((v) => ({ y: scale(axis, b.y, b.height)(v), label: label(v) }));

  // Pauses, and the live heap on the right axis of the same band.
  const pauseAxis = zeroBasedTicks(Math.max(0, ...input.pauses.map((p) => p.pauseMs)), 3);
  const heapAxis = byteTicks(Math.max(0, ...input.liveHeap.map((h) => h.bytes)), 3);
  const kinds = [...new Set(input.pauses.map((p) => p.kind))];
  const barWidth = Math.min(MAX_BAR_WIDTH_PX, Math.max(1, (width / Math.max(1, input.pauses.length)) * 0.6));
  const pauseY = scale(pauseAxis, pausesBand.y, pausesBand.height);
  const bottomOfPauses = pausesBand.y + pausesBand.height;
  const bars = input.pauses
    .filter((p) => p.pauseMs > 0)
    .map((p) => {
      // A pause too short for a pixel at this scale still shows as one: it happened.
      const height = Math.max(1, bottomOfPauses - pauseY(p.pauseMs));
      return {
        x: x(p.atMs) - barWidth / 2,
        y: bottomOfPauses - height,
        width: barWidth,
        height,
        kind: kinds.indexOf(p.kind),
      };
    });
  const heapY = scale(heapAxis, pausesBand.y, pausesBand.height);
  const heapLine = input.liveHeap.map((h) => ({ x: x(h.atMs), y: heapY(h.bytes) }));

  // GC/s (left) and allocation MB/s (right) per window.
  const frequencyAxis = zeroBasedTicks(Math.max(0, ...input.windows.map((w) => w.frequency)), 2);
  const allocationAxis = zeroBasedTicks(Math.max(0, ...input.windows.map((w) => (w.allocationRate ?? 0) / 1e6)), 2);
  const frequencySteps = steps(
    input.windows,
    (w) => w.frequency,
    x,
    scale(frequencyAxis, ratesBand.y, ratesBand.height),
  );
  const allocY = scale(allocationAxis, ratesBand.y, ratesBand.height);
  const allocationSteps = steps(
    input.windows,
    (w) => (w.allocationRate === null ? null : w.allocationRate / 1e6),
    x,
    allocY,
  );

  // CPU cores per capture, a box over its span (at least a pixel wide: a capture without a duration is an instant).
  const coreAxis = zeroBasedTicks(Math.max(0, ...input.cores.map((c) => c.value)), 2);
  const coreY = scale(coreAxis, cpuBand.y, cpuBand.height);
  const cpuBottom = cpuBand.y + cpuBand.height;
  const coreBoxes = input.cores.map((c) => {
    const left = x(c.startMs);
    return { x: left, y: coreY(c.value), width: Math.max(1, x(c.endMs) - left), height: cpuBottom - coreY(c.value) };
  });

  const inView = (ms: number): boolean => ms >= input.range.fromMs && ms <= input.range.toMs;
  const bands: Band[] = [
    {
      name: 'pauses',
      ...pausesBand,
      left: { ticks: ticks(pauseAxis, pausesBand, (v) => `${v} ms`) },
      right: { ticks: input.liveHeap.length > 0 ? ticks(heapAxis, pausesBand, formatByteTick) : [] },
    },
    {
      name: 'rates',
      ...ratesBand,
      left: { ticks: ticks(frequencyAxis, ratesBand, (v) => `${v} GC/s`) },
      right: { ticks: allocationSteps.length > 0 ? ticks(allocationAxis, ratesBand, (v) => mbPerSecond(v * 1e6)) : [] },
    },
    {
      name: 'cpu',
      ...cpuBand,
      left: { ticks: input.cores.length > 0 ? ticks(coreAxis, cpuBand, (v) => `${v} cores`) : [] },
      right: { ticks: [] },
    },
  ];
  const count = Math.max(1, Math.floor(width / X_TICK_SPACING_PX));
  return {
    plot: { x: plotX, width, top: pausesBand.y, bottom: cpuBottom },
    bands,
    kinds,
    bars,
    heapLine,
    frequencySteps,
    allocationSteps,
    coreBoxes,
    markers: input.changes.filter((c) => inView(c.atMs)).map((c) => ({ x: x(c.atMs), label: c.label })),
    focusX: input.focusMs !== null && inView(input.focusMs) ? x(input.focusMs) : null,
    timeTicks: clockTicks(input.range.fromMs, input.range.toMs, count).map((t) => ({ x: x(t.ms), label: t.label })),
  };
}
