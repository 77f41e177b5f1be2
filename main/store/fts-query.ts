/**
 * Turns what a user typed into a search box into an FTS5 query that can only
 * mean "names with words starting like these". FTS5's query language
 * (https://sqlite.org/fts5.html#full_text_query_syntax) gives meaning to bare
 * `AND`/`OR`/`NOT`/`NEAR`, `*`, `^`, `-`, `+`, `:`, parentheses and column
 * filters; none of that may reach MATCH from user text, where a stray `"` or
 * `(` would be a syntax error and `NEAR`/`-` would silently change the query.
 *
 * Every whitespace-separated term becomes one quoted string (`"` doubled, the
 * only escape FTS5 strings have) followed by `*`. FTS5 runs the string through
 * the table's tokenizer (unicode61: letters, digits and private-use characters
 * are token characters, everything else separates), so `runtime.malloc`
 * becomes the phrase `runtime malloc*`: "runtime" directly followed by a word
 * starting with "malloc". Terms are ANDed.
 */

/** unicode61's default token characters (its `categories` option: `L* N* Co`). */
const TOKEN_CHARACTER = /[\p{L}\p{N}\p{Co}]/u;

/**
 * The FTS5 query for `text`, or null when no term has a token character (all
 * punctuation, or blank): such a query would match nothing, and only the
 * substring search can find names like `(*T).<-`.
 */
export function ftsPrefixQuery(text: string): string | null {
  const phrases = text
    .split(/\s+/u)
    .filter((term) => TOKEN_CHARACTER.test(term))
    .map((term) => `"${term.replaceAll('"', '""')}"*`);
  return phrases.length === 0 ? null : phrases.join(' ');
}
