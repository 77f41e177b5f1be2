/**
 * Breadth-first search from the root along retaining edges: each reachable
 * node's distance (edges from the root) and the edge that first reached it,
 * which together give a shortest retaining path to every node. DevTools'
 * "Distance" column comes from a similar BFS (calculateDistances, weak edges
 * skipped); this one uses the same edges as the dominator tree, so every path
 * it reports is one that actually keeps the node alive.
 */
import { UNREACHABLE } from './dominators';
import type { HeapSnapshot } from './model';

export interface ShortestPaths {
  /** Edges from the root (root 0), or UNREACHABLE. */
  distance: Uint32Array;
  /** The edge a shortest path arrives by, and the node it leaves from (UNREACHABLE for the root). */
  parentEdge: Uint32Array;
  parentNode: Uint32Array;
}

export function shortestPaths(snapshot: HeapSnapshot, retaining: Uint8Array): ShortestPaths {
  const { firstEdge, edgeTarget } = snapshot;
  const nodeCount = snapshot.nodeType.length;
  const distance = new Uint32Array(nodeCount).fill(UNREACHABLE);
  const parentEdge = new Uint32Array(nodeCount).fill(UNREACHABLE);
  const parentNode = new Uint32Array(nodeCount).fill(UNREACHABLE);
  if (nodeCount === 0) return { distance, parentEdge, parentNode };
  const queue = new Uint32Array(nodeCount);
  let head = 0;
  let tail = 0;
  queue[tail++] = 0;
  distance[0] = 0;
  while (head < tail) {
    const node = queue[head++] as number;
    const next = (distance[node] as number) + 1;
    const end = firstEdge[node + 1] as number;
    for (let e = firstEdge[node] as number; e < end; e++) {
      if (!retaining[e]) continue;
      const target = edgeTarget[e] as number;
      if (distance[target] !== UNREACHABLE) continue;
      distance[target] = next;
      parentEdge[target] = e;
      parentNode[target] = node;
      queue[tail++] = target;
    }
  }
  return { distance, parentEdge, parentNode };
}
