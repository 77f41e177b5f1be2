/**
 * Splits frame labels that carry their source position in parentheses, as
 * Firefox's Gecko profiles write JS frames ("alpha (http://x/a.js:1:14)") and
 * Hermes writes its stack frames ("alpha(http://x/bundle.js:418874:4)").
 * Parsed by hand from the end of the string, not by a backtracking regular
 * expression, so a hostile label of a megabyte costs linear time.
 */

export interface CallSite {
  name: string;
  file: string;
  /** 1-based as written; 0 when absent. */
  line: number;
  column: number;
}

/**
 * `name<open>file:line[:column])`, where `open` is " (" (Gecko) or "(" (Hermes);
 * null when the label does not end that way. The last `open` starts the
 * position, because names may contain parentheses ("foo/< (…)") but URLs rarely do.
 */
export function splitCallSite(label: string, open: ' (' | '('): CallSite | null {
  if (!label.endsWith(')')) return null;
  const at = label.lastIndexOf(open, label.length - 2);
  if (at <= 0) return null;
  let inner = label.slice(at + open.length, -1);
  const last = trailingNumber(inner);
  if (last === null) return null;
  inner = inner.slice(0, last.start - 1);
  const previous = trailingNumber(inner);
  let line = last.value;
  let column = 0;
  if (previous !== null) {
    line = previous.value;
    column = last.value;
    inner = inner.slice(0, previous.start - 1);
  }
  if (inner === '') return null;
  return { name: label.slice(0, at), file: inner, line, column };
}

/** ":123" at the end of `text`: the number and where its digits start; null otherwise. */
function trailingNumber(text: string): { value: number; start: number } | null {
  let start = text.length;
  while (start > 0 && isDigit(text.charCodeAt(start - 1))) start--;
  if (start === text.length || start === 0 || text.charCodeAt(start - 1) !== 0x3a /* ':' */) return null;
  // More digits than a line number can have: not a position.
  if (text.length - start > 9) return null;
  return { value: Number(text.slice(start)), start };
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
