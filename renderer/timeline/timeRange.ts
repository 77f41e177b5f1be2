/**
 * The visible stretch of the timeline's wall clock, and how zoom, pan and "fit all" move it. Pure arithmetic on
 * [fromMs, toMs], so the keyboard, the wheel and a drag all move it the same way.
 */

export interface TimeRange {
  fromMs: number;
  toMs: number;
}

/** Zooming stops at a millisecond across the whole width: the starts Kiln stores are whole milliseconds. */
export const MIN_SPAN_MS = 1;
/** Nor further out than a century: past that the axis has nothing to say. */
export const MAX_SPAN_MS = 100 * 365 * 24 * 3600 * 1000;
/** The factor one key press or wheel notch zooms by. */
export const ZOOM_STEP = 1.5;
/** One arrow key press pans this share of the visible span. */
export const PAN_STEP = 0.2;

/**
 * The range that shows every bar, with a margin so ticks at the ends are not cut by the edge. A single instant (one
 * capture without a duration) gets a minute around it.
 */
export function fitRange(extent: TimeRange): TimeRange {
  const span = extent.toMs - extent.fromMs;
  if (span <= 0) return { fromMs: extent.fromMs - 30_000, toMs: extent.toMs + 30_000 };
  const margin = span * 0.03;
  return { fromMs: extent.fromMs - margin, toMs: extent.toMs + margin };
}

/** Zooms by `factor` (above 1: in) keeping `anchorMs` where it is on the screen. */
export function zoomRange(range: TimeRange, factor: number, anchorMs: number): TimeRange {
  const span = range.toMs - range.fromMs;
  const next = Math.min(MAX_SPAN_MS, Math.max(MIN_SPAN_MS, span / factor));
  const share = span > 0 ? (anchorMs - range.fromMs) / span : 0.5;
  const fromMs = anchorMs - share * next;
  return { fromMs, toMs: fromMs + next };
}

export function panRange(range: TimeRange, deltaMs: number): TimeRange {
  return { fromMs: range.fromMs + deltaMs, toMs: range.toMs + deltaMs };
}

/** The time at a horizontal position (CSS px from the plot's left edge). */
export function timeAtX(range: TimeRange, widthPx: number, x: number): number {
  return range.fromMs + (x / Math.max(1, widthPx)) * (range.toMs - range.fromMs);
}

/** The horizontal position of a time, in CSS px from the plot's left edge. */
export function xAtTime(range: TimeRange, widthPx: number, ms: number): number {
  const span = range.toMs - range.fromMs;
  return span > 0 ? ((ms - range.fromMs) / span) * widthPx : 0;
}
