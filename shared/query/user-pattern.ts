/**
 * The one way a pattern typed by a user (a filter's focus/hide/drop, the
 * search box) becomes a matcher. It runs in time linear in the name whatever
 * the pattern: JavaScript's RegExp backtracks, so `(a+)+$` against 33 `a`s
 * and a `!` took 39 s and, on `kiln serve`, blocked every other request. RE2
 * (re2js, a pure-JavaScript port, so it runs in the renderer too) never
 * backtracks. Its syntax is Go's, the one pprof's own `-focus` takes.
 */
import { RE2JS } from 're2js';

/**
 * A case-insensitive, unanchored matcher for `pattern`; null when it is not
 * valid RE2 syntax — a stray `(`, or a backreference or lookaround, which
 * cannot be matched in linear time — so the caller can match the text itself.
 */
export function userPatternMatcher(pattern: string): ((name: string) => boolean) | null {
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
  } catch {
    return null;
  }
  return (name) => re.test(name);
}
