/**
 * Retainers per node: the reverse of the snapshot's edge lists, in typed
 * arrays (the layout of DevTools' firstRetainerIndex / retainingNodes /
 * retainingEdges). Built once by a counting sort over all edges, weak ones
 * included; users filter with retaining-edges.ts where retention matters.
 */
import type { HeapSnapshot } from './model';

export interface RetainerIndex {
  /** nodeCount + 1 entries: node i's retainers are slots firstRetainer[i] .. firstRetainer[i+1]-1. */
  firstRetainer: Uint32Array;
  /** Per slot: the edge pointing at the node. */
  retainerEdge: Uint32Array;
  /** Per slot: the node that edge leaves from. */
  retainerNode: Uint32Array;
}

/** Slots of one node are ordered by retaining node, then by edge. */
export function buildRetainerIndex(snapshot: HeapSnapshot): RetainerIndex {
  const { firstEdge, edgeTarget } = snapshot;
  const nodeCount = snapshot.nodeType.length;
  const edgeCount = edgeTarget.length;
  const firstRetainer = new Uint32Array(nodeCount + 1);
  for (let e = 0; e < edgeCount; e++) {
    const slot = (edgeTarget[e] as number) + 1;
    firstRetainer[slot] = (firstRetainer[slot] as number) + 1;
  }
  for (let i = 0; i < nodeCount; i++)
    firstRetainer[i + 1] = (firstRetainer[i + 1] as number) + (firstRetainer[i] as number);

  const next = firstRetainer.slice(0, nodeCount);
  const retainerEdge = new Uint32Array(edgeCount);
  const retainerNode = new Uint32Array(edgeCount);
  for (let node = 0; node < nodeCount; node++) {
    const end = firstEdge[node + 1] as number;
    for (let e = firstEdge[node] as number; e < end; e++) {
      const target = edgeTarget[e] as number;
      const slot = next[target] as number;
      next[target] = slot + 1;
      retainerEdge[slot] = e;
      retainerNode[slot] = node;
    }
  }
  return { firstRetainer, retainerEdge, retainerNode };
}
