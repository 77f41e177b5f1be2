/**
 * Walking the flame graph with the arrow keys, over the pre-order tree arrays:
 * Up and Down move between a frame and its parent or its heaviest child, in the
 * direction the graph is drawn (an icicle grows down, a flame graph up); Left and
 * Right move to the previous or next sibling. Siblings are contiguous subtrees in
 * pre-order, so every step is a jump over subtreeEnd, never a scan of the tree.
 */
import type { FlameLayout } from './layout';
import type { FlameOrientation } from './view';

export type FlameArrowKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';

export function isFlameArrowKey(key: string): key is FlameArrowKey {
  return key === 'ArrowUp' || key === 'ArrowDown' || key === 'ArrowLeft' || key === 'ArrowRight';
}

/** The child with the largest total (the first of equals, in drawing order); -1 for a leaf. */
export function heaviestChild(layout: FlameLayout, node: number): number {
  const end = layout.subtreeEnd[node] ?? node + 1;
  const { total } = layout.tree;
  let best = -1;
  for (let child = node + 1; child < end; child = layout.subtreeEnd[child] ?? end) {
    if (best < 0 || (total[child] ?? 0) > (total[best] ?? 0)) best = child;
  }
  return best;
}

/** The next sibling to the right, or -1. */
export function nextSibling(layout: FlameLayout, node: number): number {
  const parent = layout.tree.parent[node] ?? -1;
  const next = layout.subtreeEnd[node] ?? layout.nodeCount;
  return parent >= 0 && next < layout.nodeCount && layout.tree.parent[next] === parent ? next : -1;
}

/** The previous sibling to the left, or -1: the last child of the parent that starts before `node`. */
export function previousSibling(layout: FlameLayout, node: number): number {
  const parent = layout.tree.parent[node] ?? -1;
  if (parent < 0) return -1;
  let previous = -1;
  for (let child = parent + 1; child < node; child = layout.subtreeEnd[child] ?? node) previous = child;
  return previous;
}

/** Where an arrow key moves the selection from `node`; `node` itself when there is nowhere to go. */
export function navigateFlame(
  layout: FlameLayout,
  node: number,
  key: FlameArrowKey,
  orientation: FlameOrientation,
): number {
  if (node < 0 || node >= layout.nodeCount) return 0;
  const deeper = orientation === 'icicle' ? 'ArrowDown' : 'ArrowUp';
  let target: number;
  switch (key) {
    case 'ArrowLeft':
      target = previousSibling(layout, node);
      break;
    case 'ArrowRight':
      target = nextSibling(layout, node);
      break;
    default:
      target = key === deeper ? heaviestChild(layout, node) : (layout.tree.parent[node] ?? -1);
  }
  return target < 0 ? node : target;
}

/** Whether `node` is `ancestor` or inside its subtree. */
export function isInSubtree(layout: FlameLayout, ancestor: number, node: number): boolean {
  return node >= ancestor && node < (layout.subtreeEnd[ancestor] ?? ancestor + 1);
}

/**
 * The zoom that keeps `node` on screen: the current one when the node is drawn in
 * it (inside the zoomed subtree, or one of its full-width ancestors), else the
 * closest node whose subtree holds both, so the move keeps as much context as it can.
 */
export function zoomToReveal(layout: FlameLayout, zoomNode: number, node: number): number {
  if (isInSubtree(layout, zoomNode, node) || isInSubtree(layout, node, zoomNode)) return zoomNode;
  let common = zoomNode;
  while (common > 0 && !isInSubtree(layout, common, node)) common = layout.tree.parent[common] ?? 0;
  return common;
}
