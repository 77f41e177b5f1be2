/**
 * Zoom and orientation math: which slice of the value axis the canvas shows, how
 * value units map to CSS pixels, and which way the rows run. Zooming to a node
 * makes its [x, x + total) range fill the width; its ancestors contain that
 * range, so they come out full width beside it. An icicle draws the root on the
 * top row and callees below; a flame graph (Gregg's original) the root on the
 * bottom row and callees above.
 */
import type { FlameLayout } from './layout';

/** Height of one flame row in CSS pixels. */
export const ROW_HEIGHT = 18;
/** Frames narrower than this many CSS pixels are not drawn (or hit) one by one. */
export const MIN_FRAME_WIDTH_PX = 0.5;

export type FlameOrientation = 'icicle' | 'flame';

export interface FlameView {
  /** Node whose range fills the width; 0 (the root) when not zoomed. */
  readonly zoomNode: number;
  /** First value shown at the left edge, in value units. */
  readonly start: number;
  /** Amount of value across the whole width. */
  readonly span: number;
  readonly widthPx: number;
  /** CSS pixels per value unit; 0 for an empty tree so nothing gets a width. */
  readonly pxPerValue: number;
  readonly orientation: FlameOrientation;
  /** Rows the canvas has (depths 0 to rowCount - 1); a flame graph puts depth 0 on the last one. */
  readonly rowCount: number;
}

export function viewForZoom(
  layout: FlameLayout,
  zoomNode: number,
  widthPx: number,
  orientation: FlameOrientation = 'icicle',
  rowCount: number = layout.maxDepth + 1,
): FlameView {
  const node = zoomNode >= 0 && zoomNode < layout.nodeCount ? zoomNode : 0;
  const start = layout.x[node] ?? 0;
  const span = layout.tree.total[node] ?? 0;
  const pxPerValue = span > 0 && widthPx > 0 ? widthPx / span : 0;
  return { zoomNode: node, start, span, widthPx, pxPerValue, orientation, rowCount };
}

export interface SpanPx {
  left: number;
  width: number;
}

/** A node's horizontal extent on the canvas, clipped to the view; null when none of it is in view. */
export function nodeSpanPx(layout: FlameLayout, view: FlameView, node: number): SpanPx | null {
  const left = layout.x[node] ?? 0;
  const right = left + (layout.tree.total[node] ?? 0);
  const viewEnd = view.start + view.span;
  if (right <= view.start || left >= viewEnd) return null;
  const clippedLeft = Math.max(left, view.start);
  const clippedRight = Math.min(right, viewEnd);
  return {
    left: (clippedLeft - view.start) * view.pxPerValue,
    width: (clippedRight - clippedLeft) * view.pxPerValue,
  };
}

/** Top edge (CSS px) of the row that frames of this depth are drawn on. */
export function depthTop(view: FlameView, depth: number): number {
  const row = view.orientation === 'flame' ? view.rowCount - 1 - depth : depth;
  return row * ROW_HEIGHT;
}

/** Depth of the frames drawn at a y coordinate (CSS px); may be out of range, which hits nothing. */
export function depthAtY(view: FlameView, yPx: number): number {
  const row = Math.floor(yPx / ROW_HEIGHT);
  return view.orientation === 'flame' ? view.rowCount - 1 - row : row;
}

/** Top edge (CSS px) of a node's row. */
export function rowTop(layout: FlameLayout, view: FlameView, node: number): number {
  return depthTop(view, layout.tree.depth[node] ?? 0);
}
