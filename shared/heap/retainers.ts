/**
 * Retainer paths for one node: how the root keeps it alive. For each
 * retaining edge into the node, the shortest retaining path from the root to
 * that retainer, then the edge; shortest paths first. So the first path is a
 * shortest path to the node, and the others show the node's other retainers,
 * each by its shortest route. Retainers the root cannot reach, and retainers
 * whose shortest path runs through the node itself (cycles back into it), give
 * no path.
 */
import { UNREACHABLE } from './dominators';
import { edgeName, edgeTypeName } from './edge-names';
import type { HeapAnalysis, HeapSnapshot } from './model';
import { retainerContext, type RetainerContext } from './retainer-context';

export interface RetainerStep {
  nodeIndex: number;
  nodeName: string;
  /** The edge from the previous step to this node ("" on the first step). */
  edgeName: string;
  /** That edge's type ("property", "element", "context", "internal", …; "" on the first step). */
  edgeType: string;
}

export interface RetainerPathOptions {
  /** At most this many paths. */
  maxPaths: number;
  /** At most this many edges per path; longer paths keep the edges nearest the node. */
  maxDepth: number;
}

/**
 * Paths root first: a path's first step is the root (node 0) and its last the
 * node itself. A path cut by maxDepth starts at the node that many edges up
 * instead of at the root. A node the root cannot reach, or an index out of
 * range, has no paths; the root has one, of one step.
 */
export function retainerPaths(
  snapshot: HeapSnapshot,
  analysis: Pick<HeapAnalysis, 'dominator'>,
  nodeIndex: number,
  options: RetainerPathOptions,
): RetainerStep[][] {
  const context = retainerContext(snapshot);
  const { distance, parentEdge, parentNode } = context.paths;
  const nodeCount = snapshot.nodeType.length;
  const maxPaths = Math.max(0, Math.floor(options.maxPaths));
  const maxDepth = Math.max(0, Math.floor(options.maxDepth));
  if (!Number.isInteger(nodeIndex) || nodeIndex < 0 || nodeIndex >= nodeCount || maxPaths === 0) return [];
  // The dominator tree and the paths use the same edges: no dominator, no path.
  if (analysis.dominator[nodeIndex] === UNREACHABLE || distance[nodeIndex] === UNREACHABLE) return [];
  if (nodeIndex === 0) return [[step(snapshot, 0, -1)]];

  // Retaining edges into the node from reachable nodes, nearest to the root first.
  const { firstRetainer, retainerEdge, retainerNode } = context.retainers;
  const slots: number[] = [];
  const end = firstRetainer[nodeIndex + 1] as number;
  for (let slot = firstRetainer[nodeIndex] as number; slot < end; slot++) {
    if (!context.retaining[retainerEdge[slot] as number]) continue;
    const from = retainerNode[slot] as number;
    if (distance[from] !== UNREACHABLE && !reachedThrough(context, from, nodeIndex)) slots.push(slot);
  }
  const distanceOf = (slot: number): number => distance[retainerNode[slot] as number] as number;
  slots.sort((a, b) => distanceOf(a) - distanceOf(b) || a - b);

  const paths: RetainerStep[][] = [];
  for (const slot of slots.slice(0, maxPaths)) {
    // Target first, then up the BFS tree; reversed at the end.
    const reversed: RetainerStep[] = [];
    let node = nodeIndex;
    let edge = retainerEdge[slot] as number;
    let from = retainerNode[slot] as number;
    while (reversed.length < maxDepth) {
      reversed.push(step(snapshot, node, edge));
      node = from;
      if (node === 0) break;
      edge = parentEdge[node] as number;
      from = parentNode[node] as number;
    }
    reversed.push(step(snapshot, node, -1));
    paths.push(reversed.reverse());
  }
  return paths;
}

/**
 * Whether the shortest path to `node` passes through `via`: then the edge from
 * `node` to `via` closes a cycle (an object's closure context holding the
 * object as `this`, say) and is not a way the root keeps `via` alive. Distances
 * fall by one per edge up the path, so only a node farther than `via` can have
 * it on its path.
 */
function reachedThrough(context: RetainerContext, node: number, via: number): boolean {
  const { distance, parentNode } = context.paths;
  const viaDistance = distance[via] as number;
  let current = node;
  while ((distance[current] as number) > viaDistance) current = parentNode[current] as number;
  return current === via;
}

function step(snapshot: HeapSnapshot, nodeIndex: number, edge: number): RetainerStep {
  return {
    nodeIndex,
    nodeName: snapshot.strings[snapshot.nodeName[nodeIndex] as number] ?? '',
    edgeName: edge < 0 ? '' : edgeName(snapshot, edge),
    edgeType: edge < 0 ? '' : edgeTypeName(snapshot, edge),
  };
}
