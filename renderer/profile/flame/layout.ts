/**
 * Geometry of a flame tree in value units, computed once per tree so that every
 * redraw, hover and zoom is a flat loop over typed arrays (no recursion, no
 * per-node objects) even for trees of half a million nodes.
 */
import type { FlameTree } from '../../../shared/ipc/contract';

export interface FlameLayout {
  readonly tree: FlameTree;
  readonly nodeCount: number;
  /**
   * Left edge of each node in value units, the root starting at 0. Children are
   * packed left to right under their parent in pre-order; the parent's self
   * value is the gap left over at its right end.
   */
  readonly x: Float64Array;
  /**
   * One past the node's last descendant: the next node whose depth is <= its own.
   * Jumping to it skips the whole subtree in a pre-order walk.
   */
  readonly subtreeEnd: Int32Array;
  /** Deepest depth in the tree; the root is at depth 0. */
  readonly maxDepth: number;
}

export function computeFlameLayout(tree: FlameTree): FlameLayout {
  const nodeCount = tree.total.length;
  const { parent, depth, total } = tree;
  const x = new Float64Array(nodeCount);
  // Where the next child of each node goes; starts at the node's own left edge.
  const nextChildX = new Float64Array(nodeCount);
  for (let i = 1; i < nodeCount; i++) {
    const p = parent[i] ?? 0;
    const left = nextChildX[p] ?? 0;
    x[i] = left;
    nextChildX[p] = left + (total[i] ?? 0);
    nextChildX[i] = left;
  }

  // Close every open ancestor whose depth is >= the current node's depth: the
  // current node is the first one after their subtrees.
  const subtreeEnd = new Int32Array(nodeCount);
  const open: number[] = [];
  let maxDepth = 0;
  for (let i = 0; i < nodeCount; i++) {
    const d = depth[i] ?? 0;
    if (d > maxDepth) maxDepth = d;
    while (open.length > 0 && (depth[open[open.length - 1] ?? 0] ?? 0) >= d) {
      subtreeEnd[open.pop() ?? 0] = i;
    }
    open.push(i);
  }
  for (const node of open) subtreeEnd[node] = nodeCount;

  return { tree, nodeCount, x, subtreeEnd, maxDepth };
}

/** Nodes from the root down to `node`, inclusive, root first. */
export function pathFromRoot(layout: FlameLayout, node: number): number[] {
  const path: number[] = [];
  for (let n = node; n >= 0 && n < layout.nodeCount; n = layout.tree.parent[n] ?? -1) {
    path.push(n);
    if (n === 0) break;
  }
  return path.reverse();
}
