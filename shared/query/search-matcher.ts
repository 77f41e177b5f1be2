/**
 * What the in-view search box matches: the renderer highlights frames with it
 * and the services sum the value of the samples it matches with it
 * (exact-shares.ts), so the highlighted frames and the share reported beside
 * them always agree on what the query means.
 */

import { userPatternMatcher } from './user-pattern';

export type NameMatcher = (name: string) => boolean;

/**
 * Characters that make a query a regular expression. A lone '.' does not: it is in
 * nearly every function name (`runtime.mallocgc`, `com.example.Foo`), so `runtime.`
 * means the literal text, while `^runtime\.`, `(a|b)` or `.*` mean a pattern.
 */
const REGEX_SYNTAX = /[\\^$*+?()[\]{}|]/;

/**
 * A case-insensitive matcher: a regular expression (RE2, linear time:
 * user-pattern.ts) when the query uses regex syntax and compiles, otherwise a
 * plain substring; null for an empty query.
 */
export function buildMatcher(query: string): NameMatcher | null {
  const trimmed = query.trim();
  if (trimmed === '') return null;
  if (REGEX_SYNTAX.test(trimmed)) {
    const pattern = userPatternMatcher(trimmed);
    if (pattern !== null) return pattern;
    // Not a valid pattern after all (`(*conn)`, or a backreference RE2 cannot match): look for the text itself.
  }
  const needle = trimmed.toLowerCase();
  return (name) => name.toLowerCase().includes(needle);
}
