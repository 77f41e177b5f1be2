/**
 * The analysis of one snapshot that the store keeps: dominators, retained
 * sizes and the class summary, over the edges retaining-edges.ts says retain
 * (DevTools' conventions). Linear in the graph's size apart from
 * Lengauer–Tarjan's log factor; every pass is a loop over typed arrays. The
 * result holds only the model's per-node arrays and rows, so it is cheap to
 * send from the ingest worker; retainer paths build their own index on demand
 * (retainer-context.ts).
 */
import { aggregateClasses } from './classes';
import { computeDominators } from './dominators';
import type { HeapAnalysis, HeapSnapshot } from './model';
import { retainedSizes } from './retained';
import { retainingEdgeMask } from './retaining-edges';
import { buildRetainerIndex } from './reverse-index';

export function analyzeHeap(snapshot: HeapSnapshot): HeapAnalysis {
  const retaining = retainingEdgeMask(snapshot);
  const dominators = computeDominators(snapshot, buildRetainerIndex(snapshot), retaining);
  const retainedSize = retainedSizes(snapshot, dominators);
  return {
    dominator: dominators.dominator,
    retainedSize,
    classes: aggregateClasses(snapshot, dominators.dominator, retainedSize),
  };
}
