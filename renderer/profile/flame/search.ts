/**
 * Search in the flame graph: which drawn frames match a query, to highlight
 * them. The share of the samples they stand for is not summed here: the drawn
 * tree folds small frames away, so the services compute it from the unfolded
 * stacks (getSearchTotal), with the same matcher.
 */
import type { NameMatcher } from '../../../shared/query/search-matcher';
import type { FlameLayout } from './layout';

export interface FlameSearchResult {
  /** 1 for each matching node. */
  matches: Uint8Array;
  matchCount: number;
}

export function searchFlameTree(layout: FlameLayout, matcher: NameMatcher): FlameSearchResult {
  const { functionNames, func } = layout.tree;
  // Match each function name once, not once per node: trees repeat functions a lot.
  const functionMatches = new Uint8Array(functionNames.length);
  functionNames.forEach((name, f) => {
    functionMatches[f] = matcher(name) ? 1 : 0;
  });

  const matches = new Uint8Array(layout.nodeCount);
  let matchCount = 0;
  // Node 0 is the synthetic root, not a function of the profile: it never matches.
  for (let i = 1; i < layout.nodeCount; i++) {
    if (functionMatches[func[i] ?? -1] !== 1) continue;
    matches[i] = 1;
    matchCount++;
  }
  return { matches, matchCount };
}
