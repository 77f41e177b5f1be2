/**
 * What retainer paths need besides the stored analysis: which edges retain,
 * every node's retainers, and the shortest retaining paths from the root.
 * O(nodes + edges) to build, so it is built once per snapshot object and kept
 * (weakly: it goes when the snapshot does) for the queries that follow.
 */
import type { HeapSnapshot } from './model';
import { retainingEdgeMask } from './retaining-edges';
import { buildRetainerIndex, type RetainerIndex } from './reverse-index';
import { shortestPaths, type ShortestPaths } from './shortest-paths';

export interface RetainerContext {
  /** Per edge: 1 when it keeps its target alive (retaining-edges.ts). */
  retaining: Uint8Array;
  /** Every edge into each node, weak ones included. */
  retainers: RetainerIndex;
  paths: ShortestPaths;
}

const contexts = new WeakMap<HeapSnapshot, RetainerContext>();

export function retainerContext(snapshot: HeapSnapshot): RetainerContext {
  let context = contexts.get(snapshot);
  if (!context) {
    const retaining = retainingEdgeMask(snapshot);
    context = { retaining, retainers: buildRetainerIndex(snapshot), paths: shortestPaths(snapshot, retaining) };
    contexts.set(snapshot, context);
  }
  return context;
}
