/**
 * Which functions a filter pattern names. Patterns are regular expressions (RE2),
 * matched case-insensitively against the function name anywhere in it, as
 * pprof's `-focus`/`-ignore`/`-hide` match (unanchored). Unlike pprof we do not
 * also match the file name: the patterns mostly come from a clicked function,
 * and `focus:main` should not pull in everything that lives in `main.go`.
 *
 * A pattern that is not valid (a stray `(` or `[` typed in a search box, or a
 * backreference, which RE2 cannot match in linear time: user-pattern.ts) is
 * matched as a plain, case-insensitive substring rather than rejected, so a
 * half-typed filter narrows the view instead of failing.
 */
import { userPatternMatcher } from './user-pattern';

export function functionMatcher(pattern: string): (name: string) => boolean {
  const matches = userPatternMatcher(pattern);
  if (matches !== null) return matches;
  const needle = pattern.toLowerCase();
  return (name) => name.toLowerCase().includes(needle);
}

/** 1 for each function whose name matches: computed once per filter, so frames are checked by index. */
export function matchingFunctions(functionNames: readonly string[], pattern: string): Uint8Array {
  const matches = functionMatcher(pattern);
  const mask = new Uint8Array(functionNames.length);
  functionNames.forEach((name, f) => (mask[f] = matches(name) ? 1 : 0));
  return mask;
}
