/**
 * Immediate dominators of the retaining graph: node d dominates node w when
 * every path from the root (node 0) to w along retaining edges passes through
 * d, i.e. freeing d would free w. Which edges retain is retaining-edges.ts's
 * decision (DevTools' conventions).
 *
 * Lengauer and Tarjan, "A Fast Algorithm for Finding Dominators in a
 * Flowgraph" (TOPLAS 1979), the "simple" variant with path compression:
 * O(m log n), with no fixpoint iteration whose count depends on the graph, as
 * Cooper–Harvey–Kennedy's has. The depth-first search and the path
 * compression, recursive in the paper, are loops over explicit stacks here:
 * heap graphs have chains millions of nodes long.
 *
 * Everything below the DFS works on preorder numbers (0 = the root), which
 * keeps the arrays dense over the reachable nodes.
 */
import type { HeapSnapshot } from './model';
import type { RetainerIndex } from './reverse-index';

/** Dominator of a node the root cannot reach, and "none" in the arrays below. */
export const UNREACHABLE = 0xffffffff;

export interface Dominators {
  /** Per node: its immediate dominator (the root's is itself), or UNREACHABLE. */
  dominator: Uint32Array;
  /**
   * The reachable nodes in depth-first preorder, root first. A node's
   * dominator is its ancestor in the DFS tree, so it always comes earlier:
   * walking this backwards visits children before their dominators.
   */
  order: Uint32Array;
}

export function computeDominators(snapshot: HeapSnapshot, retainers: RetainerIndex, retaining: Uint8Array): Dominators {
  const nodeCount = snapshot.nodeType.length;
  const dominator = new Uint32Array(nodeCount).fill(UNREACHABLE);
  if (nodeCount === 0) return { dominator, order: new Uint32Array(0) };

  const { preorder, vertex, parent, count } = depthFirst(snapshot, retaining);
  const idom = semiDominators(retainers, retaining, preorder, vertex, parent, count);
  for (let i = 0; i < count; i++) dominator[vertex[i] as number] = vertex[idom[i] as number] as number;
  return { dominator, order: vertex.slice(0, count) };
}

interface DepthFirst {
  /** node → preorder number, or UNREACHABLE. */
  preorder: Uint32Array;
  /** preorder number → node. */
  vertex: Uint32Array;
  /** preorder number → the DFS-tree parent's preorder number. */
  parent: Uint32Array;
  count: number;
}

function depthFirst(snapshot: HeapSnapshot, retaining: Uint8Array): DepthFirst {
  const { firstEdge, edgeTarget } = snapshot;
  const nodeCount = snapshot.nodeType.length;
  const preorder = new Uint32Array(nodeCount).fill(UNREACHABLE);
  const vertex = new Uint32Array(nodeCount);
  const parent = new Uint32Array(nodeCount);
  const stackNode = new Uint32Array(nodeCount);
  const stackEdge = new Uint32Array(nodeCount);
  let top = 0;
  stackNode[0] = 0;
  stackEdge[0] = firstEdge[0] as number;
  preorder[0] = 0;
  let count = 1;
  while (top >= 0) {
    const node = stackNode[top] as number;
    const e = stackEdge[top] as number;
    if (e >= (firstEdge[node + 1] as number)) {
      top--;
      continue;
    }
    stackEdge[top] = e + 1;
    if (!retaining[e]) continue;
    const target = edgeTarget[e] as number;
    if (preorder[target] !== UNREACHABLE) continue;
    preorder[target] = count;
    vertex[count] = target;
    parent[count] = preorder[node] as number;
    count++;
    top++;
    stackNode[top] = target;
    stackEdge[top] = firstEdge[target] as number;
  }
  return { preorder, vertex, parent, count };
}

/** Immediate dominators in preorder numbers (steps 2–4 of Lengauer–Tarjan). */
function semiDominators(
  retainers: RetainerIndex,
  retaining: Uint8Array,
  preorder: Uint32Array,
  vertex: Uint32Array,
  parent: Uint32Array,
  count: number,
): Uint32Array {
  const { firstRetainer, retainerEdge, retainerNode } = retainers;
  const semi = new Uint32Array(count);
  const label = new Uint32Array(count);
  const ancestor = new Uint32Array(count).fill(UNREACHABLE);
  const idom = new Uint32Array(count);
  // bucket(v): the vertices whose semidominator is v, as linked lists.
  const bucketHead = new Int32Array(count).fill(-1);
  const bucketNext = new Int32Array(count);
  const path = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    semi[i] = i;
    label[i] = i;
  }

  // EVAL(v) of the paper: the vertex of least semidominator on the forest path above v.
  const evaluate = (v: number): number => {
    if (ancestor[v] === UNREACHABLE) return v;
    // COMPRESS(v), unrolled: collect the path up to the forest root's child, then relabel from the top down.
    let length = 0;
    let x = v;
    while (ancestor[ancestor[x] as number] !== UNREACHABLE) {
      path[length++] = x;
      x = ancestor[x] as number;
    }
    while (length > 0) {
      const y = path[--length] as number;
      const a = ancestor[y] as number;
      if ((semi[label[a] as number] as number) < (semi[label[y] as number] as number)) label[y] = label[a] as number;
      ancestor[y] = ancestor[a] as number;
    }
    return label[v] as number;
  };

  for (let w = count - 1; w >= 1; w--) {
    const node = vertex[w] as number;
    const end = firstRetainer[node + 1] as number;
    for (let slot = firstRetainer[node] as number; slot < end; slot++) {
      if (!retaining[retainerEdge[slot] as number]) continue;
      const v = preorder[retainerNode[slot] as number] as number;
      if (v === UNREACHABLE) continue;
      const u = evaluate(v);
      if ((semi[u] as number) < (semi[w] as number)) semi[w] = semi[u] as number;
    }
    const s = semi[w] as number;
    bucketNext[w] = bucketHead[s] as number;
    bucketHead[s] = w;
    const p = parent[w] as number;
    ancestor[w] = p; // LINK(parent(w), w)
    for (let v = bucketHead[p] as number; v !== -1; v = bucketNext[v] as number) {
      const u = evaluate(v);
      idom[v] = (semi[u] as number) < (semi[v] as number) ? u : p;
    }
    bucketHead[p] = -1;
  }
  for (let w = 1; w < count; w++) {
    if (idom[w] !== semi[w]) idom[w] = idom[idom[w] as number] as number;
  }
  idom[0] = 0;
  return idom;
}
