/**
 * Where everything on the GC pause chart goes, in CSS pixels: one bar per event
 * (x = event time, height = pause), heap after each collection as a line on a
 * second axis, and the ticks of all three axes. Pure, so the scaling is testable
 * without a canvas; drawPauseChart only paints what this returns.
 */
import type { GcEvent } from '../../shared/gc/model';
import {
  byteTicks,
  formatByteTick,
  formatPauseTick,
  formatTimeTick,
  timeTicks,
  zeroBasedTicks,
} from '../charts/axisTicks';

export const CHART_MARGIN = { top: 12, bottom: 26, left: 64, right: 16, rightWithHeapAxis: 72 } as const;
/** Widest a bar gets: a log of three collections should not look like a bar chart of three categories. */
const MAX_BAR_WIDTH_PX = 12;
/** Share of each event's slot of width that its bar fills, leaving gaps between neighbours. */
const BAR_FILL = 0.6;
/** Roughly how many pixels apart ticks should be. */
const X_TICK_SPACING_PX = 110;
const Y_TICK_SPACING_PX = 40;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Tick {
  /** Position along its axis in CSS pixels (x for the time axis, y for the others). */
  at: number;
  label: string;
}

export interface PauseChartLayout {
  plot: Rect;
  bars: Rect[];
  /** Heap after each collection that states it; empty when none does. */
  heapLine: { x: number; y: number }[];
  timeTicks: Tick[];
  pauseTicks: Tick[];
  /** Right-hand axis; empty when there is no heap line. */
  heapTicks: Tick[];
}

export function layoutPauseChart(events: readonly GcEvent[], widthPx: number, heightPx: number): PauseChartLayout {
  const hasHeap = events.some((e) => e.heapAfterBytes !== null);
  const right = hasHeap ? CHART_MARGIN.rightWithHeapAxis : CHART_MARGIN.right;
  const plot: Rect = {
    x: CHART_MARGIN.left,
    y: CHART_MARGIN.top,
    width: Math.max(1, widthPx - CHART_MARGIN.left - right),
    height: Math.max(1, heightPx - CHART_MARGIN.top - CHART_MARGIN.bottom),
  };
  const bottom = plot.y + plot.height;

  let firstMs = Infinity;
  let lastMs = -Infinity;
  let maxPauseMs = 0;
  let maxHeap = 0;
  for (const e of events) {
    firstMs = Math.min(firstMs, e.timeMs);
    lastMs = Math.max(lastMs, e.timeMs);
    maxPauseMs = Math.max(maxPauseMs, e.pauseNs / 1e6);
    if (e.heapAfterBytes !== null) maxHeap = Math.max(maxHeap, e.heapAfterBytes);
  }
  if (events.length === 0) [firstMs, lastMs] = [0, 1];
  // One event, or all at one instant: give the axis a millisecond around it so there is something to divide.
  if (lastMs === firstMs) [firstMs, lastMs] = [firstMs - 0.5, lastMs + 0.5];

  const barWidth = Math.min(MAX_BAR_WIDTH_PX, Math.max(1, (plot.width / Math.max(1, events.length)) * BAR_FILL));
  // Bars are centred on their event's time; the inset keeps the first and last inside the plot.
  const inset = barWidth / 2;
  const xOf = (ms: number): number => plot.x + inset + ((ms - firstMs) / (lastMs - firstMs)) * (plot.width - 2 * inset);

  const yTickCount = Math.max(2, Math.floor(plot.height / Y_TICK_SPACING_PX));
  const pauseAxis = zeroBasedTicks(maxPauseMs, yTickCount);
  const heapAxis = byteTicks(maxHeap, yTickCount);
  const pauseY = (ms: number): number => bottom - (ms / pauseAxis.max) * plot.height;
  const heapY = (bytes: number): number => bottom - (bytes / heapAxis.max) * plot.height;

  const bars: Rect[] = [];
  const heapLine: { x: number; y: number }[] = [];
  for (const e of events) {
    const x = xOf(e.timeMs);
    if (e.pauseNs > 0) {
      // A pause too short for a pixel at this scale still shows as one: it happened.
      const height = Math.max(1, bottom - pauseY(e.pauseNs / 1e6));
      bars.push({ x: x - barWidth / 2, y: bottom - height, width: barWidth, height });
    }
    if (e.heapAfterBytes !== null) heapLine.push({ x, y: heapY(e.heapAfterBytes) });
  }

  const time = timeTicks(firstMs, lastMs, Math.max(1, Math.floor(plot.width / X_TICK_SPACING_PX)));
  return {
    plot,
    bars,
    heapLine,
    timeTicks: time.values.map((ms) => ({ at: xOf(ms), label: formatTimeTick(ms, time.step) })),
    pauseTicks: pauseAxis.values.map((ms) => ({ at: pauseY(ms), label: formatPauseTick(ms, pauseAxis.step) })),
    heapTicks: hasHeap ? heapAxis.values.map((b) => ({ at: heapY(b), label: formatByteTick(b) })) : [],
  };
}
