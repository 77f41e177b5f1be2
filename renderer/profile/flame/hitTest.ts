/**
 * Which frame is under a point of the canvas (CSS pixels relative to its top-left
 * corner), in either orientation: the point's row gives a depth. Depths up to the
 * zoomed node's are its ancestors; deeper, the walk goes down from the zoomed
 * node, at each level scanning only the current node's children (skipping their
 * subtrees), so a hit costs O(depth × siblings).
 */
import type { FlameLayout } from './layout';
import { MIN_FRAME_WIDTH_PX, depthAtY, nodeSpanPx, type FlameView } from './view';

/** Returns the node index, or -1 when the point is on no drawn frame. */
export function hitTest(
  layout: FlameLayout,
  view: FlameView,
  xPx: number,
  yPx: number,
  minWidthPx: number = MIN_FRAME_WIDTH_PX,
): number {
  if (view.pxPerValue <= 0 || xPx < 0 || xPx >= view.widthPx || yPx < 0) return -1;
  const { depth, parent, total } = layout.tree;
  const targetDepth = depthAtY(view, yPx);
  if (targetDepth < 0 || targetDepth >= view.rowCount) return -1;
  const zoomDepth = depth[view.zoomNode] ?? 0;

  if (targetDepth <= zoomDepth) {
    let node = view.zoomNode;
    while ((depth[node] ?? 0) > targetDepth) node = parent[node] ?? 0;
    return node;
  }

  const value = view.start + xPx / view.pxPerValue;
  let node = view.zoomNode;
  while ((depth[node] ?? 0) < targetDepth) {
    const end = layout.subtreeEnd[node] ?? layout.nodeCount;
    let child = node + 1;
    let found = -1;
    while (child < end) {
      const left = layout.x[child] ?? 0;
      if (value >= left && value < left + (total[child] ?? 0)) {
        found = child;
        break;
      }
      child = layout.subtreeEnd[child] ?? end;
    }
    if (found < 0) return -1;
    const span = nodeSpanPx(layout, view, found);
    if (span === null || span.width < minWidthPx) return -1;
    node = found;
  }
  return node;
}
