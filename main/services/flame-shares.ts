/**
 * The exact numbers that go with a drawn flame tree (shared/ipc/contract.ts FlameShares): per-function self and
 * total from the view's unfolded stacks, and the selection's total that every percentage divides by.
 */
import type { FlameShares, FlameTree, FlameView } from '../../shared/ipc/contract';
import { exactFunctionShares, matchedTotal } from '../../shared/query/exact-shares';
import { parseFilters } from '../../shared/query/filters';
import { buildMatcher } from '../../shared/query/search-matcher';
import type { WeightedStacks } from '../../shared/query/weighted-stacks';

/** True when the view's stacks come out leaf first: an odd number of `invert` filters. */
function leafFirst(filters: string | undefined): boolean {
  if (!filters) return false;
  return parseFilters(filters).filter((f) => f.kind === 'invert').length % 2 === 1;
}

/** The drawn tree of `stacks` (filtered by `filters`) with its exact shares. */
export function withShares(
  tree: FlameTree,
  stacks: WeightedStacks,
  filters: string | undefined,
  selectionTotal: number,
): FlameView {
  const shares: FlameShares = { selectionTotal, ...exactFunctionShares(stacks, leafFirst(filters)) };
  return { ...tree, shares };
}

/** getSearchTotal over the view's stacks. */
export function searchTotal(
  stacks: WeightedStacks,
  query: string,
  selectionTotal: number,
): { matched: number; selectionTotal: number } {
  const matcher = buildMatcher(query);
  return { matched: matcher ? matchedTotal(stacks, matcher) : 0, selectionTotal };
}
