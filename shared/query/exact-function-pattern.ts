/**
 * A filter pattern (function-pattern.ts: a case-insensitive regex, unanchored)
 * that names exactly one function name: every regex metacharacter escaped and
 * the whole name anchored. Function names are full of them — Go's
 * `(*T).Method`, C++ templates, V8's `RegExp: [A-Za-z_]*|\d+` — and
 * `focus:main` alone would also focus `main.init` and `domain`.
 */
// ECMAScript's SyntaxCharacters: escaping them is valid RE2 (user-pattern.ts), and JavaScript with and without the u flag (`-` and `/` need none).
const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|]/g;

export function exactFunctionPattern(name: string): string {
  return `^${name.replace(REGEX_SYNTAX, '\\$&')}$`;
}
