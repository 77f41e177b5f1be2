/**
 * Retained sizes: a node's self size plus the retained sizes of the nodes it
 * immediately dominates, i.e. everything freed if the node were freed. One
 * pass over the reachable nodes in reverse DFS preorder adds each node into
 * its dominator after all of its own dominated nodes were added into it.
 *
 * A node the root cannot reach keeps its self size: it retains nothing that
 * the root's graph reaches, and the root's retained size is exactly the
 * reachable heap. (DevTools attaches such nodes to the root instead, so its
 * total includes them.)
 */
import type { Dominators } from './dominators';
import type { HeapSnapshot } from './model';

export function retainedSizes(snapshot: HeapSnapshot, dominators: Dominators): Float64Array {
  const retained = Float64Array.from(snapshot.nodeSelfSize);
  const { dominator, order } = dominators;
  for (let i = order.length - 1; i >= 1; i--) {
    const node = order[i] as number;
    const parent = dominator[node] as number;
    retained[parent] = (retained[parent] as number) + (retained[node] as number);
  }
  return retained;
}
