/**
 * One frame of `perf script` output, "addr symbol+offset (dso)", read into a
 * function name, a file and a position.
 *
 * Facts from perf-script(1) and perf's output (tools/perf/util/evsel_fprintf.c):
 * - A call-chain line is the address in hex, the symbol (with "+0x<offset>"
 *   when symoff is printed) and the DSO in parentheses; symbols may contain
 *   spaces and parentheses themselves (C++ signatures), so the DSO is the
 *   balanced parenthesised group at the end of the line.
 * - Unresolved symbols print as "[unknown]"; Kiln names them after their DSO
 *   in brackets ("[libc.so.6]"), as the pprof importer names unsymbolized code
 *   after its mapping, so that a flame graph shows where the time went.
 * - JIT code named through a /tmp/perf-<pid>.map (V8's --perf-basic-prof)
 *   carries V8's code-event names: "JS:*fib /app/fib.js:6:13" in Node 20,
 *   "LazyCompile:~fib /app/fib.js:6" in older releases; the letter after the
 *   colon is V8's tier marker (~ interpreted, ^ baseline, + maglev, *
 *   optimized). Kiln keeps the function name ("(anonymous)" when empty) and
 *   takes file, line and column from the location, so one function's tiers
 *   and call sites merge; Builtin:, Stub: and other code kinds keep their
 *   whole name.
 */

export interface PerfFrame {
  name: string;
  /** The JS source file for V8 JIT frames, else the DSO path ("" when unknown). */
  file: string;
  line: number;
  column: number;
  /** The address as a number, 0 when it is not exact as one (kernel addresses above 2^53). */
  address: number;
}

const FRAME = /^\s*([0-9a-fA-F]+)\s+(\S.*?)\s*$/;
const SYMBOL_OFFSET = /\+0x[0-9a-fA-F]+$/;
const V8_JS_KINDS = /^(?:JS|LazyCompile|Function|InterpretedFunction|Script|Eval):[~^+*]?(.*)$/;
const V8_LOCATION = /^(.+?):(\d+)(?::(\d+))?$/;

/** Whether a line has the shape of a call-chain line ("hex-address something"). */
export function isFrameLine(line: string): boolean {
  return FRAME.test(line);
}

/** A call-chain line (or the "ip sym (dso)" part of a header line) as a frame; null if it is not one. */
export function parsePerfFrame(text: string): PerfFrame | null {
  const match = FRAME.exec(text);
  if (!match) return null;
  const hex = match[1] as string;
  const rest = match[2] as string;
  const { symbol, dso } = splitDso(rest);
  const address = hex.length <= 13 ? parseInt(hex, 16) : 0;
  const frame: PerfFrame = { name: '', file: dso === '[unknown]' ? '' : dso, line: 0, column: 0, address };
  const sym = symbol.replace(SYMBOL_OFFSET, '');
  if (sym === '' || sym === '[unknown]') {
    frame.name = dso === '' || dso === '[unknown]' ? '[unknown]' : `[${baseName(dso)}]`;
    return frame;
  }
  const js = V8_JS_KINDS.exec(sym);
  if (js) {
    const body = (js[1] as string).trim();
    const space = body.lastIndexOf(' ');
    const location = V8_LOCATION.exec(space >= 0 ? body.slice(space + 1) : body);
    if (location) {
      frame.name = space >= 0 ? body.slice(0, space).trim() || '(anonymous)' : '(anonymous)';
      frame.file = location[1] as string;
      frame.line = Number(location[2]);
      frame.column = location[3] !== undefined ? Number(location[3]) : 0;
      return frame;
    }
    frame.name = body || '(anonymous)';
    return frame;
  }
  frame.name = sym;
  return frame;
}

/** "sym (dso)" → sym and dso; the DSO is the balanced "(…)" group that ends the text. */
function splitDso(text: string): { symbol: string; dso: string } {
  if (!text.endsWith(')')) return { symbol: text, dso: '' };
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 41 /* ) */) depth++;
    else if (c === 40 /* ( */ && --depth === 0) {
      // A symbol's own parameter list ("foo(int)") is not preceded by a space.
      if (i > 0 && text.charCodeAt(i - 1) !== 32 && text.charCodeAt(i - 1) !== 9) return { symbol: text, dso: '' };
      return { symbol: text.slice(0, i).trim(), dso: text.slice(i + 1, -1) };
    }
  }
  return { symbol: text, dso: '' };
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
