/**
 * The dominator tree's child lists, from the per-node dominator array: the
 * layout of DevTools' firstDominatedNodeIndex / dominatedNodes (a counting
 * sort, children in node order). The root and unreachable nodes are nobody's
 * children.
 */
import { UNREACHABLE } from './dominators';

export interface DominatorTree {
  /** nodeCount + 1 entries: node i dominates dominated[firstDominated[i] .. firstDominated[i+1]-1]. */
  firstDominated: Uint32Array;
  dominated: Uint32Array;
}

export function dominatorTree(dominator: Uint32Array): DominatorTree {
  const nodeCount = dominator.length;
  const firstDominated = new Uint32Array(nodeCount + 1);
  for (let node = 1; node < nodeCount; node++) {
    const parent = dominator[node] as number;
    if (parent !== UNREACHABLE) firstDominated[parent + 1] = (firstDominated[parent + 1] as number) + 1;
  }
  for (let i = 0; i < nodeCount; i++)
    firstDominated[i + 1] = (firstDominated[i + 1] as number) + (firstDominated[i] as number);
  const next = firstDominated.slice(0, nodeCount);
  const dominated = new Uint32Array(firstDominated[nodeCount] as number);
  for (let node = 1; node < nodeCount; node++) {
    const parent = dominator[node] as number;
    if (parent === UNREACHABLE) continue;
    const slot = next[parent] as number;
    next[parent] = slot + 1;
    dominated[slot] = node;
  }
  return { firstDominated, dominated };
}
