/**
 * The stack chart's viewport: which time range fills the canvas, how the wheel
 * and a drag change it, and when the loaded boxes no longer fit it, as a map
 * fetches new tiles: the service is asked for the visible range plus one
 * screen on each side, at the visible range's pixel resolution, so panning a
 * little and zooming out a little need no new request.
 */
import type { StackChart } from '../../../shared/ipc/contract';

/** Height of the time axis above the rows, in CSS pixels. */
export const AXIS_HEIGHT = 20;
/** The narrowest range the wheel zooms to: 1 µs, below any profiler's sampling interval. */
export const MIN_SPAN_NS = 1000;
/** Wheel delta (pixels) that zooms by a factor of e. */
const WHEEL_PIXELS_PER_E = 500;
/** The widest request (the contract's limit). */
const MAX_REQUEST_WIDTH_PX = 65_536;

export interface TimeRange {
  startNs: number;
  endNs: number;
}

/** The chart's whole span: the first sample to the end of the last. */
export function fullRange(chart: StackChart): TimeRange {
  return { startNs: chart.timeStartNs, endNs: chart.timeEndNs };
}

/** `range` moved and shrunk to lie inside `bounds` (never narrower than MIN_SPAN_NS, unless the bounds are). */
export function clampRange(range: TimeRange, bounds: TimeRange): TimeRange {
  const full = bounds.endNs - bounds.startNs;
  const span = Math.min(full, Math.max(MIN_SPAN_NS, range.endNs - range.startNs));
  const startNs = Math.min(Math.max(range.startNs, bounds.startNs), bounds.endNs - span);
  return { startNs, endNs: startNs + span };
}

/**
 * Zooms around the time under the pointer, which stays where it is:
 * positive `deltaY` (wheel towards the user) zooms out.
 */
export function zoomAt(range: TimeRange, bounds: TimeRange, pointerFraction: number, deltaY: number): TimeRange {
  const span = range.endNs - range.startNs;
  const anchor = range.startNs + pointerFraction * span;
  const full = bounds.endNs - bounds.startNs;
  const newSpan = Math.min(full, Math.max(MIN_SPAN_NS, span * Math.exp(deltaY / WHEEL_PIXELS_PER_E)));
  const startNs = anchor - pointerFraction * newSpan;
  return clampRange({ startNs, endNs: startNs + newSpan }, bounds);
}

/** Moves the range by `deltaPx` pixels of a `widthPx` wide canvas (positive: later times come into view). */
export function panBy(range: TimeRange, bounds: TimeRange, deltaPx: number, widthPx: number): TimeRange {
  if (widthPx <= 0) return range;
  const deltaNs = (deltaPx * (range.endNs - range.startNs)) / widthPx;
  return clampRange({ startNs: range.startNs + deltaNs, endNs: range.endNs + deltaNs }, bounds);
}

/** The request for `range` drawn `widthPx` wide: one more screen on each side, at the same ns per pixel. */
export function requestFor(range: TimeRange, bounds: TimeRange, widthPx: number): TimeRange & { widthPx: number } {
  const span = range.endNs - range.startNs;
  const width = Math.max(1, Math.round(widthPx));
  const nsPerPx = span / width;
  const margin = Math.min(span, ((MAX_REQUEST_WIDTH_PX - width) / 2) * nsPerPx);
  const startNs = Math.max(bounds.startNs, range.startNs - margin);
  const endNs = Math.min(bounds.endNs, range.endNs + margin);
  const requestWidth = Math.min(MAX_REQUEST_WIDTH_PX, Math.max(1, Math.round((endNs - startNs) / nsPerPx)));
  return { startNs, endNs, widthPx: requestWidth };
}

/**
 * Whether the loaded boxes no longer do for `range` at `widthPx`: part of the
 * range is outside what was loaded, or the loaded boxes were merged at a
 * coarser resolution than a pixel now is (zoomed in), or at a much finer one
 * (zoomed far out: many more boxes than pixels).
 */
export function needsReload(chart: StackChart, range: TimeRange, widthPx: number): boolean {
  if (widthPx <= 0) return false;
  const span = range.endNs - range.startNs;
  const slack = span * 1e-9;
  if (range.startNs < chart.rangeStartNs - slack || range.endNs > chart.rangeEndNs + slack) return true;
  const nsPerPx = span / widthPx;
  return chart.minDurationNs > nsPerPx * 1.5 || chart.minDurationNs < nsPerPx / 4;
}

/** Canvas x (CSS pixels) of a time. */
export function xOf(range: TimeRange, widthPx: number, timeNs: number): number {
  return ((timeNs - range.startNs) * widthPx) / (range.endNs - range.startNs);
}

/** Time at a canvas x (CSS pixels). */
export function timeAt(range: TimeRange, widthPx: number, xPx: number): number {
  return range.startNs + (xPx * (range.endNs - range.startNs)) / widthPx;
}
