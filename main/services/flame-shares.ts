/**
 * The exact numbers that go with a drawn flame tree (shared/ipc/contract.ts FlameShares): per-function self and
 * total from the view's unfolded stacks, and the selection's total that every percentage divides by.
 */
import type { FlameShares, FlameTree, FlameView } from '../../shared/ipc/contract';
import { exactFunctionShares, matchedTotal } from '../../shared/query/exact-shares';
import { parseFilters } from '../../shared/query/filters';
import { buildMatcher } from '../../shared/query/search-matcher';
import { scaled, type ViewStacks } from '../../shared/query/views';

/** True when the view's stacks come out leaf first: an odd number of `invert` filters. */
function leafFirst(filters: string | undefined): boolean {
  if (!filters) return false;
  return parseFilters(filters).filter((f) => f.kind === 'invert').length % 2 === 1;
}

/** The drawn tree of a view (filtered by `filters`) with its exact shares, scaled by the view's factor. */
export function withShares(tree: FlameTree, view: ViewStacks, filters: string | undefined): FlameView {
  const exact = exactFunctionShares(view.stacks, leafFirst(filters));
  const shares: FlameShares = {
    selectionTotal: view.total * view.factor,
    functionSelf: scaled(exact.functionSelf, view.factor),
    functionTotal: scaled(exact.functionTotal, view.factor),
  };
  return { ...tree, shares };
}

/** getSearchTotal over a view's stacks, scaled by its factor. */
export function searchTotal(view: ViewStacks, query: string): { matched: number; selectionTotal: number } {
  const matcher = buildMatcher(query);
  const matched = matcher ? matchedTotal(view.stacks, matcher) : 0;
  return { matched: matched * view.factor, selectionTotal: view.total * view.factor };
}
