/**
 * The text after a Java legacy CPU profile's samples, which names the
 * "addresses" (method ids) the samples use, one per line:
 *   0x0000006 com.example.function06 (source.java:06)
 *
 * Facts from google/pprof profile/legacy_java_profile.go (parseJavaLocations
 * and its patterns javaLocationRx, javaLocationFileLineRx, javaLocationPathRx):
 * - A line is "0x<hex> <description>" (surrounding space ignored); other lines
 *   are skipped, and so are ids no sample uses. A hex id that does not fit in
 *   64 bits fails the parse.
 * - "<function> (<file>:<line>)": function, file and line; a line number that
 *   is not positive counts as none (0).
 * - "<function> (<path>)": a native library; pprof keeps only the path's base name.
 * - A description containing "generated stub/JIT" is the function "STUB".
 * - Anything else is the function's whole name (the agent's "GC", "VM").
 * - Functions are identified by name: the first line naming a function sets
 *   its file for every later line naming it.
 * - A later line for the same id replaces an earlier one.
 * - pprof then zeroes every address (they are ids, not code), so frames carry none.
 *
 * The patterns are matched by hand, in linear time, with the same results on
 * the lines the agents write (backtracking regular expressions can take
 * quadratic time on a hostile line).
 */
import { fail } from '../errors';
import { checkLimit, type ImportLimits } from '../limits';
import { canonicalAddress, parseHex64, type Address } from './cpu-address';

export interface JavaFrame {
  name: string;
  file: string;
  line: number;
}

const SPACE = /[\t\n\f\r ]/;
const LINE_NUMBER = /^-?[0-9]+$/;
const MAX_INT64 = 2n ** 63n - 1n;

/** The frame of each id in `used` that the text names. */
export function parseJavaLocations(
  text: string,
  used: ReadonlySet<Address>,
  limits: ImportLimits,
): Map<Address, JavaFrame> {
  const frames = new Map<Address, JavaFrame>();
  const fileOf = new Map<string, string>();
  let lineNumber = 0;
  for (const raw of text.split('\n')) {
    lineNumber++;
    const line = raw.trim();
    const entry = splitLocationLine(line);
    if (entry === null) continue;
    const id = parseHex64(entry.hex);
    if (id === null) fail(`Java location line ${lineNumber}: id 0x${entry.hex.slice(0, 40)} does not fit in 64 bits`);
    const address = canonicalAddress(id);
    if (!used.has(address)) continue;
    const described = describe(entry.description);
    checkLimit('string length', described.name.length, limits, 'maxStringLength');
    checkLimit('string length', described.file.length, limits, 'maxStringLength');
    let file = fileOf.get(described.name);
    if (file === undefined) {
      file = described.file;
      fileOf.set(described.name, file);
    }
    frames.set(address, { name: described.name, file, line: described.line });
  }
  return frames;
}

/** `^\s*0x([[:xdigit:]]+)\s+(.*)\s*$` on a trimmed line. */
function splitLocationLine(line: string): { hex: string; description: string } | null {
  if (!line.startsWith('0x')) return null;
  const hex = /^[0-9A-Fa-f]+/.exec(line.slice(2))?.[0];
  if (hex === undefined) return null;
  const after = line.slice(2 + hex.length);
  if (!SPACE.test(after.charAt(0))) return null;
  return { hex, description: after.replace(/^[\t\n\f\r ]+/, '') };
}

function describe(description: string): JavaFrame {
  const withLine = fileAndLine(description);
  if (withLine) return withLine;
  const paren = lastSpaceParen(description, description.length - 1);
  if (description.endsWith(')') && paren >= 0) {
    return { name: description.slice(0, paren - 1), file: baseName(description.slice(paren + 1, -1)), line: 0 };
  }
  if (description.includes('generated stub/JIT')) return { name: 'STUB', file: '', line: 0 };
  return { name: description, file: '', line: 0 };
}

/** `^(.*)\s+\((.+):(-?[[:digit:]]+)\)$`: the greedy name ends just before the last fitting " (". */
function fileAndLine(description: string): JavaFrame | null {
  if (!description.endsWith(')')) return null;
  const colon = description.lastIndexOf(':');
  if (colon < 0) return null;
  const digits = description.slice(colon + 1, -1);
  if (!LINE_NUMBER.test(digits)) return null;
  // "(.+)" needs at least one character between "(" and ":".
  const paren = lastSpaceParen(description, colon - 2);
  if (paren < 0) return null;
  const value = BigInt(digits);
  const line = value > 0n && value <= MAX_INT64 ? Number(value) : 0;
  return { name: description.slice(0, paren - 1), file: description.slice(paren + 1, colon), line };
}

/** The last "(" at or before `from` that follows a space and is not the first character, or -1. */
function lastSpaceParen(text: string, from: number): number {
  for (let i = text.lastIndexOf('(', from); i > 0; i = text.lastIndexOf('(', i - 1)) {
    if (SPACE.test(text.charAt(i - 1))) return i;
  }
  return -1;
}

/** Go's filepath.Base on a Unix path. */
function baseName(path: string): string {
  if (path === '') return '.';
  const stripped = path.replace(/\/+$/, '');
  if (stripped === '') return '/';
  return stripped.slice(stripped.lastIndexOf('/') + 1);
}
