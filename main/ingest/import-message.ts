/**
 * The message a user sees when a file does not import, in the import report
 * (`kiln import`, its --json, the app's import panel): the file's name once,
 * then the reason, short and in the user's terms.
 *
 * - Engine errors that reach this far (a RangeError from an allocation the
 *   file's counts asked for, a string past V8's limit, a recursion too deep)
 *   say what they mean for the file instead of how V8 failed.
 * - No message is longer than about MAX_REASON_CHARS after the name: a
 *   reason can quote the input ("weightType "…" is not …"), and a file can
 *   make that quote megabytes long. Long quotes are cut first, then the rest,
 *   each cut saying how much it left out.
 *
 * Works on the message text: errors cross from the ingest worker as text, so
 * their classes are gone by the time they get here.
 */
import { basename } from 'node:path';

/** The reason's budget, after "<file>: ". */
export const MAX_REASON_CHARS = 300;
/** A quoted value longer than this is cut to it. */
const MAX_QUOTE_CHARS = 40;

/** "<file>: <reason>", the reason translated and capped. */
export function importErrorMessage(file: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Importer errors already start with the file's name (the base name, or the path as given).
  const name = basename(file);
  const named = [`${name}: `, `${file}: `].find((prefix) => message.startsWith(prefix));
  const reason = named === undefined ? message : message.slice(named.length);
  return `${named ?? `${file}: `}${capReason(translateEngineError(reason) ?? reason)}`;
}

/** "reading pprof failed: " and "input nests too deeply (", which toImportError puts before an engine's message. */
const WRAPPING = /^(?:[a-z][a-z0-9 _-]{0,40} failed: )?(?:input nests too deeply \()?(?:RangeError: )?/;

/** The reason in the user's terms when it is one of the engine's errors; null for every other reason. */
export function translateEngineError(reason: string): string | null {
  const engine = reason.replace(WRAPPING, '');
  if (/^(?:Invalid typed array length|Array buffer allocation failed|Invalid array length)\b/.test(engine)) {
    const size = /length: (\d+)/.exec(engine)?.[1];
    const detail = size === undefined ? 'memory ran out while reading it' : `a table of ${group(size)} entries`;
    return `the file declares more data than Kiln can hold in memory (${detail})`;
  }
  if (/^(?:Cannot create a string longer than|Invalid string length)\b/.test(engine)) {
    return 'a text value in the file is too long to read';
  }
  if (/^Maximum call stack size exceeded\b/.test(engine)) return 'the file nests deeper than Kiln can read';
  return null;
}

/** The reason within MAX_REASON_CHARS: long quoted values cut first, then the text's end. */
export function capReason(reason: string): string {
  if (reason.length <= MAX_REASON_CHARS) return reason;
  // JSON-style quotes ("…", backslash escapes inside), cut one by one until the text so far fills the budget:
  // what follows is cut anyway, and a reason can hold millions of quotes.
  const quote = /"[^"\\]*(?:\\.[^"\\]*)*"/g;
  let shown = '';
  let from = 0;
  for (let match = quote.exec(reason); match !== null && shown.length <= MAX_REASON_CHARS; match = quote.exec(reason)) {
    const inner = match[0].slice(1, -1);
    const kept = head(inner, MAX_QUOTE_CHARS);
    const cut = kept.length < inner.length ? `"${kept}…" (${leftOut(inner.length - kept.length)})` : match[0];
    shown += reason.slice(from, match.index) + cut;
    from = match.index + match[0].length;
  }
  const length = shown.length + reason.length - from;
  if (length <= MAX_REASON_CHARS) return shown + reason.slice(from);
  // Room for "… (12,345,678 more characters left out)" within the budget.
  const kept = head(shown + reason.slice(from, from + MAX_REASON_CHARS), MAX_REASON_CHARS - 50);
  return `${kept}… (${leftOut(length - kept.length)})`;
}

/** The first `chars` characters, one fewer when the cut would split a surrogate pair. */
function head(text: string, chars: number): string {
  const code = text.charCodeAt(chars - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? chars - 1 : chars);
}

function leftOut(chars: number): string {
  return `${group(String(chars))} more character${chars === 1 ? '' : 's'} left out`;
}

/** Digits grouped by commas, as the CLI prints counts. */
function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
