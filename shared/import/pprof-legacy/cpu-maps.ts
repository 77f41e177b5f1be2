/**
 * The /proc/self/maps text after a native legacy CPU profile's samples, turned
 * into mappings the way pprof does, so that unsymbolized frames can be named
 * by the file they are in ("[libc-2.15.so]", as `go tool pprof -top` shows).
 *
 * Facts from google/pprof profile/legacy_profile.go (ParseProcMaps,
 * parseMappingEntry, remapMappingIDs) and profile/profile.go (massageMappings):
 * - A line is either /proc/self/maps ("start-limit perms offset dev:dev inode
 *   [file]") or the brief form ("start-limit: file [... @offset]"); numbers
 *   are hex, at most 64 bits. Entries whose permissions lack "x" are skipped;
 *   lines that parse as neither are ignored.
 * - Adjacent entries (limit == next start, same file where both have one,
 *   consistent offsets where both have one) merge into one mapping.
 * - The first mapping whose file is not empty, not a shared library
 *   (/\.so$|\.so[._][0-9]+/ after removing "(deleted)") and not "[...]" is the
 *   main binary and swaps to the front.
 * - Then: a first mapping named /anon_hugepage* that ends where the second
 *   starts is dropped; a first mapping with start - offset == 0x400000 (the
 *   usual x86-64 load address) becomes start 0x400000, offset 0.
 * - Each location (in order of first use) belongs to the first mapping with
 *   start <= address < limit; failing that, to the first mapping with a
 *   nonzero offset whose range extended back by the offset holds it, and that
 *   mapping is extended for good (start -= offset, offset = 0); failing that,
 *   to one "fake" mapping without a file covering everything, added once.
 *
 * Not carried over: pprof's "attr=value" lines that define $attr for later
 * lines (a Google-internal convention no profiler in the corpus writes), and
 * matches that start in the middle of a line (pprof's patterns are
 * unanchored; here the entry must start the line, as every writer does).
 * Lines are parsed by hand, in linear time: a backtracking regular expression
 * over a hostile line can take quadratic time.
 */
import { checkLimit, type ImportLimits } from '../limits';
import { addressToBigInt, parseHex64, type Address } from './cpu-address';

export interface LegacyMapping {
  start: bigint;
  limit: bigint;
  offset: bigint;
  /** As written in the maps text; "" when none (or for the fake mapping). */
  file: string;
}

const MAIN_BINARY_START = 0x400000n;
const LIBRARY = /\.so$|\.so[._][0-9]/;
// RE2's \s, which pprof's patterns use: no vertical tab, no Unicode spaces.
const SPACE = /[\t\n\f\r ]+/;
const PERMISSIONS = /^[-rwxp]+$/;

/** Mappings from the maps text, merged and ordered as pprof leaves them before assigning locations. */
export function parseProcMaps(text: string, limits: ImportLimits): LegacyMapping[] {
  const entries: LegacyMapping[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const entry = parseMapsLine(line);
    if (entry === null) continue;
    checkLimit('string length', entry.file.length, limits, 'maxStringLength');
    entries.push(entry);
  }
  return arrangeMappings(mergeAdjacent(entries));
}

/** One maps line as a mapping, or null (not executable, or not a maps line at all). */
export function parseMapsLine(line: string): LegacyMapping | null {
  const entry = parseProcMapsLine(line);
  return entry === NOT_EXECUTABLE ? null : (entry ?? parseBriefMapsLine(line));
}

const NOT_EXECUTABLE = 'not executable';

/** A /proc/self/maps line; NOT_EXECUTABLE for one without "x", which pprof skips without trying the brief form. */
function parseProcMapsLine(line: string): LegacyMapping | typeof NOT_EXECUTABLE | null {
  const fields = line.split(SPACE, 6);
  const [range, perms, offsetText, device, inodeAndFile, next] = fields;
  if (range === undefined || perms === undefined || offsetText === undefined) return null;
  if (device === undefined || inodeAndFile === undefined) return null;
  const bounds = parseRange(range, false);
  if (bounds === null || !PERMISSIONS.test(perms)) return null;
  const offset = parseHex64(offsetText);
  const colon = device.indexOf(':');
  if (offset === null || colon < 0 || !isHex(device.slice(0, colon)) || !isHex(device.slice(colon + 1))) return null;
  // "inode\s*(\S+)?": the inode's digits, then the file, in the same field or the next.
  const inodeDigits = /^[0-9]+/.exec(inodeAndFile)?.[0];
  if (inodeDigits === undefined) return null;
  if (!perms.includes('x')) return NOT_EXECUTABLE;
  const file = inodeAndFile.length > inodeDigits.length ? inodeAndFile.slice(inodeDigits.length) : (next ?? '');
  return { start: bounds.start, limit: bounds.limit, offset, file };
}

/** "start-limit: file", optionally followed by text ending in "@offset". */
function parseBriefMapsLine(line: string): LegacyMapping | null {
  const colon = line.indexOf(':');
  if (colon < 0) return null;
  const bounds = parseRange(line.slice(0, colon), true);
  if (bounds === null) return null;
  const after = line.slice(colon + 1).replace(/^[\t\n\f\r ]+/, '');
  const file = after.split(SPACE, 1)[0] ?? '';
  if (file === '') return null;
  let offset = 0n;
  const tail = after.slice(file.length);
  const at = tail.lastIndexOf('@');
  if (at >= 0) {
    const digits = /^[0-9A-Fa-f]+/.exec(tail.slice(at + 1))?.[0];
    if (digits !== undefined) {
      const parsed = parseHex64(digits);
      if (parsed === null) return null;
      offset = parsed;
    }
  }
  return { start: bounds.start, limit: bounds.limit, offset, file };
}

function parseRange(text: string, allowLeadingSpace: boolean): { start: bigint; limit: bigint } | null {
  const trimmed = allowLeadingSpace ? text.replace(/^[\t\n\f\r ]+/, '') : text;
  const dash = trimmed.indexOf('-');
  if (dash < 0) return null;
  const start = parseHex64(trimmed.slice(0, dash));
  const limit = parseHex64(trimmed.slice(dash + 1));
  return start === null || limit === null ? null : { start, limit };
}

function isHex(text: string): boolean {
  return /^[0-9A-Fa-f]+$/.test(text);
}

function mergeAdjacent(entries: LegacyMapping[]): LegacyMapping[] {
  const merged: LegacyMapping[] = [];
  for (const entry of entries) {
    const last = merged[merged.length - 1];
    if (last && adjacent(last, entry)) {
      last.limit = entry.limit;
      if (entry.file !== '') last.file = entry.file;
    } else {
      merged.push({ ...entry });
    }
  }
  return merged;
}

function adjacent(a: LegacyMapping, b: LegacyMapping): boolean {
  if (a.file !== '' && b.file !== '' && a.file !== b.file) return false;
  if (a.limit !== b.start) return false;
  if (a.offset !== 0n && b.offset !== 0n && BigInt.asUintN(64, a.offset + (a.limit - a.start)) !== b.offset) {
    return false;
  }
  return true;
}

/** massageMappings' main-binary swap, then remapMappingIDs' fixes to the first mapping. */
function arrangeMappings(mappings: LegacyMapping[]): LegacyMapping[] {
  const main = mappings.findIndex((m) => {
    const file = m.file.replaceAll('(deleted)', '').trim();
    return file !== '' && !LIBRARY.test(file) && !file.startsWith('[');
  });
  if (main > 0) {
    const first = mappings[0] as LegacyMapping;
    mappings[0] = mappings[main] as LegacyMapping;
    mappings[main] = first;
  }
  const first = mappings[0];
  const second = mappings[1];
  if (first && second && first.file.startsWith('/anon_hugepage') && first.limit === second.start) mappings.shift();
  const head = mappings[0];
  if (head && BigInt.asUintN(64, head.start - head.offset) === MAIN_BINARY_START) {
    head.start = MAIN_BINARY_START;
    head.offset = 0n;
  }
  return mappings;
}

/** Assigns locations to mappings in the order pprof does, extending or adding mappings as it does. */
export class MappingResolver {
  readonly mappings: LegacyMapping[];
  private fake: LegacyMapping | null = null;

  constructor(mappings: LegacyMapping[]) {
    this.mappings = mappings;
  }

  /** The mapping of `address`; null for address 0, which pprof leaves without one. */
  resolve(address: Address): LegacyMapping | null {
    if (address === 0) return null;
    const a = addressToBigInt(address);
    // Once added, the fake mapping is searched like the others and takes
    // every address no real mapping holds, as in pprof.
    for (const m of this.mappings) {
      if (m.start <= a && a < m.limit) return m;
    }
    // pprof: "Work around legacy handlers failing to encode the first part of
    // mappings split into adjacent ranges."
    for (const m of this.mappings) {
      if (m.offset !== 0n && BigInt.asUintN(64, m.start - m.offset) <= a && a < m.start) {
        m.start = BigInt.asUintN(64, m.start - m.offset);
        m.offset = 0n;
        return m;
      }
    }
    if (this.fake === null) {
      this.fake = { start: 0n, limit: (1n << 64n) - 1n, offset: 0n, file: '' };
      this.mappings.push(this.fake);
    }
    return this.fake;
  }
}

/** The file's base name, as pprof shows unsymbolized code: "[libc-2.15.so]"; "" without a file. */
export function mappingLabel(mapping: LegacyMapping | null): string {
  if (mapping === null || mapping.file === '') return '';
  const base = mapping.file.slice(mapping.file.lastIndexOf('/') + 1);
  return base === '' ? '' : `[${base}]`;
}
