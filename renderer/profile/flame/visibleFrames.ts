/**
 * Decides what one redraw paints: every frame in view that is at least
 * MIN_FRAME_WIDTH_PX wide, plus grey blocks standing for runs of adjacent frames
 * too narrow to draw one by one (so their value stays visible instead of leaving
 * a hole). Walks the pre-order arrays once, skipping whole subtrees that are off
 * view, too narrow or below the last drawable row.
 */
import type { FlameLayout } from './layout';
import { MIN_FRAME_WIDTH_PX, type FlameView } from './view';

export interface MergedBlock {
  depth: number;
  left: number;
  width: number;
}

export interface VisibleFrames {
  /** Drawn nodes in pre-order, with their clipped extent in CSS pixels. */
  nodes: number[];
  left: number[];
  width: number[];
  merged: MergedBlock[];
}

/** Narrow frames closer than this (CSS px) to the previous narrow run on their row join it. */
const MERGE_GAP_PX = 0.5;

export function collectVisibleFrames(
  layout: FlameLayout,
  view: FlameView,
  maxRows: number,
  minWidthPx: number = MIN_FRAME_WIDTH_PX,
): VisibleFrames {
  const result: VisibleFrames = { nodes: [], left: [], width: [], merged: [] };
  if (view.pxPerValue <= 0) return result;
  const { depth } = layout.tree;
  // The open run of narrow frames on each row, as [left, right) in px; NaN when none.
  const runLeft = new Float64Array(maxRows).fill(NaN);
  const runRight = new Float64Array(maxRows).fill(NaN);
  const flushRun = (row: number): void => {
    const left = runLeft[row] ?? NaN;
    const right = runRight[row] ?? NaN;
    if (!Number.isNaN(left) && right - left >= minWidthPx) {
      result.merged.push({ depth: row, left, width: right - left });
    }
    runLeft[row] = NaN;
  };

  // nodeSpanPx inlined: this loop may visit hundreds of thousands of nodes per redraw,
  // and an object per visit would make the garbage collector part of every frame.
  const { total } = layout.tree;
  const viewEnd = view.start + view.span;
  let i = 0;
  while (i < layout.nodeCount) {
    const row = depth[i] ?? 0;
    const nodeLeft = layout.x[i] ?? 0;
    const nodeRight = nodeLeft + (total[i] ?? 0);
    if (row >= maxRows || nodeRight <= view.start || nodeLeft >= viewEnd) {
      i = layout.subtreeEnd[i] ?? layout.nodeCount;
      continue;
    }
    const left = (Math.max(nodeLeft, view.start) - view.start) * view.pxPerValue;
    const right = (Math.min(nodeRight, viewEnd) - view.start) * view.pxPerValue;
    if (right - left < minWidthPx) {
      const open = runLeft[row] ?? NaN;
      if (!Number.isNaN(open) && left - (runRight[row] ?? 0) <= MERGE_GAP_PX) {
        runRight[row] = right;
      } else {
        flushRun(row);
        runLeft[row] = left;
        runRight[row] = right;
      }
      i = layout.subtreeEnd[i] ?? layout.nodeCount;
      continue;
    }
    flushRun(row);
    result.nodes.push(i);
    result.left.push(left);
    result.width.push(right - left);
    i++;
  }
  for (let row = 0; row < maxRows; row++) flushRun(row);
  return result;
}
