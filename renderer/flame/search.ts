/**
 * Search in the flame graph: which frames match a query, and what share of the
 * total they stand for. A sample under two matching frames (a function calling
 * itself, or two matching functions on one stack) must count once, so only
 * matching nodes without a matching ancestor add to the share.
 */
import type { FlameLayout } from './layout';

export type NameMatcher = (name: string) => boolean;

/**
 * Characters that make a query a regular expression. A lone '.' does not: it is in
 * nearly every function name (`runtime.mallocgc`, `com.example.Foo`), so `runtime.`
 * means the literal text, while `^runtime\.`, `(a|b)` or `.*` mean a pattern.
 */
const REGEX_SYNTAX = /[\\^$*+?()[\]{}|]/;

/**
 * A case-insensitive matcher: a regular expression when the query uses regex
 * syntax and compiles, otherwise a plain substring; null for an empty query.
 */
export function buildMatcher(query: string): NameMatcher | null {
  const trimmed = query.trim();
  if (trimmed === '') return null;
  if (REGEX_SYNTAX.test(trimmed)) {
    try {
      const pattern = new RegExp(trimmed, 'i');
      return (name) => pattern.test(name);
    } catch {
      // Not a valid pattern after all (e.g. `(*conn)`): look for the text itself.
    }
  }
  const needle = trimmed.toLowerCase();
  return (name) => name.toLowerCase().includes(needle);
}

export interface FlameSearchResult {
  /** 1 for each matching node. */
  matches: Uint8Array;
  matchCount: number;
  /** Sum of totals of matching nodes that have no matching ancestor. */
  matchedTotal: number;
}

export function searchFlameTree(layout: FlameLayout, matcher: NameMatcher): FlameSearchResult {
  const { functionNames, func, total } = layout.tree;
  // Match each function name once, not once per node: trees repeat functions a lot.
  const functionMatches = new Uint8Array(functionNames.length);
  functionNames.forEach((name, f) => {
    functionMatches[f] = matcher(name) ? 1 : 0;
  });

  const matches = new Uint8Array(layout.nodeCount);
  let matchCount = 0;
  let matchedTotal = 0;
  // Nodes before this index are inside a subtree whose top already counted.
  let countedUntil = 0;
  // Node 0 is the synthetic root, not a function of the profile: it never matches.
  for (let i = 1; i < layout.nodeCount; i++) {
    if (functionMatches[func[i] ?? -1] !== 1) continue;
    matches[i] = 1;
    matchCount++;
    if (i >= countedUntil) {
      matchedTotal += total[i] ?? 0;
      countedUntil = layout.subtreeEnd[i] ?? layout.nodeCount;
    }
  }
  return { matches, matchCount, matchedTotal };
}
