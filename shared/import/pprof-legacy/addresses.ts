/**
 * Addresses in pprof's legacy text profiles: the hex numbers of a stack, the
 * "--- Memory map: ---" section that tells which binary each address is in,
 * and the symbol lines that name them.
 *
 * Facts from google/pprof profile/legacy_profile.go (vendored in Go 1.19 as
 * cmd/vendor/github.com/google/pprof/profile):
 * - Stack addresses are the hex numbers `0x[0-9a-f]+` of a line
 *   (parseHexAddresses); one that does not fit in 64 bits makes the profile
 *   malformed.
 * - Addresses are return addresses; pprof subtracts 1 from every one (heap,
 *   contention, Go count profiles) or from every one but the leaf (threadz),
 *   "to land somewhere on the actual call". Kiln keys frames by that adjusted
 *   address, as pprof keys its locations.
 * - The memory map starts at a line containing "--- Memory map: ---" or
 *   "MAPPED_LIBRARIES:"; entries are /proc/self/maps lines or the brief
 *   "start-end: file" form; entries whose permissions lack "x" are skipped.
 *
 * Addresses are 64-bit: above 2^53 a JS number is inexact, so they are kept as
 * canonical hex strings ("0x4b5370") and BigInt does the arithmetic there.
 */

/** Canonical lower-case hex of an address, without leading zeros: "0x0040be31" → "0x40be31". */
export type HexAddress = string;

const HEX_NUMBER = /0x[0-9a-f]+/g;
const MAX_EXACT_HEX_DIGITS = 13; // 52 bits: exact as a JS number

/** The hex numbers in `text` (pprof's hexNumberRE), canonical; null if one exceeds 64 bits. */
export function hexAddresses(text: string): HexAddress[] | null {
  const found = text.match(HEX_NUMBER);
  if (!found) return [];
  const result: HexAddress[] = [];
  for (const token of found) {
    const canonical = canonicalHex(token);
    if (canonical === null) return null;
    result.push(canonical);
  }
  return result;
}

/** "0x00Ab" → "0xab"; null when the value does not fit in 64 bits. */
export function canonicalHex(token: string): HexAddress | null {
  let digits = token.slice(2).toLowerCase();
  let start = 0;
  while (start < digits.length - 1 && digits.charCodeAt(start) === 48 /* 0 */) start++;
  digits = digits.slice(start);
  if (digits.length > 16 || digits === '') return null;
  return `0x${digits}`;
}

/** `address - 1` as a uint64, wrapping below zero as Go's `addr--` does. */
export function previousAddress(address: HexAddress): HexAddress {
  const digits = address.length - 2;
  if (digits <= MAX_EXACT_HEX_DIGITS) {
    const value = parseInt(address, 16);
    if (value > 0) return `0x${(value - 1).toString(16)}`;
  }
  return `0x${BigInt.asUintN(64, BigInt(address) - 1n).toString(16)}`;
}

/** The address as a number for the model's address column, 0 when it is not exact as a JS number. */
export function addressNumber(address: HexAddress): number {
  if (address.length - 2 <= MAX_EXACT_HEX_DIGITS) return parseInt(address, 16);
  const big = BigInt(address);
  return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : 0;
}

export interface MemoryMapping {
  start: bigint;
  limit: bigint;
  /** Base name of the mapped file ("libc-2.15.so"), "" when the entry names none. */
  name: string;
}

export function isMemoryMapSentinel(line: string): boolean {
  return line.includes('--- Memory map: ---') || line.includes('MAPPED_LIBRARIES:');
}

// The two entry forms pprof reads (procMapsRE, briefMapsRE), reduced to what
// Kiln uses: the range, the permissions and the file.
const PROC_MAPS =
  /^\s*(?:0x)?([0-9a-fA-F]+)[\s-]?\s*(?:0x)?([0-9a-fA-F]+):?(?:\s+([-rwxp]+))?(?:\s+[0-9a-fA-F]+)?\s+[0-9a-fA-F]+:[0-9a-fA-F]+\s+\d+(?:\s+(\S+))?/;
const BRIEF_MAPS = /^\s*(?:0x)?([0-9a-fA-F]+)[\s-]?\s*(?:0x)?([0-9a-fA-F]+):?(?:\s+([-rwxp]+))?(?:\s+(\S+))?/;
// glog prefixes ("I0102 15:04:05.000000 123 file.cc:45] ") that pprof strips (removeLoggingInfo).
const LOG_PREFIX = /^[^[\]]+:[0-9]+]\s/;

/** One memory map line as a mapping, or null for lines that are not executable entries. */
export function parseMappingLine(line: string): MemoryMapping | null {
  const text = line.replace(LOG_PREFIX, '');
  const match = PROC_MAPS.exec(text) ?? BRIEF_MAPS.exec(text);
  if (!match) return null;
  const [, start, end, permissions, file] = match;
  if (permissions !== undefined && !permissions.includes('x')) return null;
  if ((start as string).length > 16 || (end as string).length > 16) return null;
  const path = file ?? '';
  return {
    start: BigInt(`0x${start as string}`),
    limit: BigInt(`0x${end as string}`),
    name: path.slice(path.lastIndexOf('/') + 1),
  };
}

/** The base name of the mapping that holds `address`, "" when none does. */
export function mappingNameOf(mappings: MemoryMapping[], address: HexAddress): string {
  if (mappings.length === 0) return '';
  const value = BigInt(address);
  for (const m of mappings) if (m.start <= value && value < m.limit) return m.name;
  return '';
}

/**
 * The mappings after the memory map sentinel (pprof parseAdditionalSections):
 * lines before the sentinel are skipped, lines after it that are not
 * executable map entries are ignored. `current` is a line already read.
 */
export function readMemoryMap(reader: { next(): string | null }, current: string | null): MemoryMapping[] {
  let line = current;
  while (line !== null && !isMemoryMapSentinel(line)) line = reader.next();
  const mappings: MemoryMapping[] = [];
  if (line === null) return mappings;
  for (line = reader.next(); line !== null; line = reader.next()) {
    const mapping = parseMappingLine(line);
    if (mapping) mappings.push(mapping);
  }
  return mappings;
}
