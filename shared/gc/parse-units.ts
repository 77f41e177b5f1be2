/**
 * Sizes and durations as GC logs print them, read exactly.
 *
 * - JVM sizes (unified logging and -XX:+PrintGCDetails) are a number and a
 *   unit letter, B/K/M/G/T, each a power of 1024 (HotSpot's
 *   byte_size_in_proper_unit and the `K` of PrintGCDetails): "1024K", "24M",
 *   and, in G1's detail lines, decimals such as "65.0G" or "7128.0B".
 * - A JVM running under a locale with a decimal comma prints "0,003s" and
 *   "6,572ms" (GCViewer's samples have such logs), so both separators are read.
 * - Go's gctrace prints whole MB, which the runtime computes as bytes >> 20;
 *   V8's --trace-gc prints MB with one or two decimals, also of 2^20 bytes.
 *
 * Durations are scaled to integer nanoseconds from their decimal text, not
 * through floating point, so that "6.529ms" is exactly 6 529 000 ns and sums
 * match the log to its printed precision.
 */

const DECIMAL = /^([0-9]+)(?:[.,]([0-9]*))?$/;

/**
 * A decimal number ("6.529", "0,003", "12") multiplied by 10^exponent, exact
 * up to the scale and rounded half up beyond it; null when the text is not a
 * plain unsigned decimal.
 */
export function scaleDecimal(text: string, exponent: number): number | null {
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const whole = match[1] as string;
  const fraction = match[2] ?? '';
  const kept = fraction.slice(0, exponent).padEnd(exponent, '0');
  let value = Number(whole + kept);
  const next = fraction.charCodeAt(exponent);
  if (next >= 0x35 /* '5' */ && next <= 0x39) value += 1;
  return Number.isSafeInteger(value) ? value : null;
}

/** A plain decimal with "." or "," as separator, as a float; null when malformed. */
export function parseDecimal(text: string): number | null {
  if (!DECIMAL.test(text)) return null;
  return Number(text.replace(',', '.'));
}

const DURATION_EXPONENT: Readonly<Record<string, number>> = {
  ns: 0,
  us: 3,
  µs: 3,
  ms: 6,
  s: 9,
  sec: 9,
  secs: 9,
  seconds: 9,
};

/** A duration value and its unit ("ms", "s", "sec", "secs", "us", "ns") in nanoseconds; null when malformed. */
export function durationNs(value: string, unit: string): number | null {
  const exponent = DURATION_EXPONENT[unit];
  if (exponent === undefined) return null;
  return scaleDecimal(value, exponent);
}

export interface TrailingNumber {
  /** The number's text ("0.0144450"). */
  number: string;
  /** The unit after it, one of those asked for, or null when there was none. */
  unit: string | null;
  /** Where the number starts in the text. */
  index: number;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

function isNumberChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2c;
}

/**
 * The decimal number at the end of `text`, optionally followed by whitespace
 * and one of `units` (longer units first: "secs" before "sec"), and trailing
 * whitespace: "…, 0.0144450 secs" → 0.0144450 secs. Scanned from the end, so
 * a long line costs one pass; a regular expression anchored only at "$" would
 * retry every start position and turn quadratic on hostile lines.
 */
export function trailingNumber(text: string, units: readonly string[]): TrailingNumber | null {
  let end = text.length;
  while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
  let unit: string | null = null;
  for (const candidate of units) {
    if (text.endsWith(candidate, end)) {
      unit = candidate;
      end -= candidate.length;
      break;
    }
  }
  while (unit !== null && end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
  let start = end;
  while (start > 0 && isNumberChar(text.charCodeAt(start - 1))) start--;
  const number = text.slice(start, end);
  if (!DECIMAL.test(number)) return null;
  return { number, unit, index: start };
}

/** "12.345ms", "0.0123 secs", "0,003s", "1.5 ms" → nanoseconds; null when not a duration. */
export function parseDurationNs(text: string): number | null {
  const match = /^([0-9]+(?:[.,][0-9]*)?)\s*(ns|us|µs|ms|s|sec|secs|seconds)$/.exec(text.trim());
  return match ? durationNs(match[1] as string, match[2] as string) : null;
}

const SIZE_SHIFT: Readonly<Record<string, number>> = { B: 0, K: 10, M: 20, G: 30, T: 40 };

/** The text of one JVM size: digits, optional decimals, a unit letter (an optional trailing "B" as in "12MB"). */
export const JVM_SIZE = String.raw`[0-9]+(?:[.,][0-9]+)?[BKMGT]`;
/**
 * JVM_SIZE for unanchored searches: it may not start inside a number, so a
 * long run of digits is tried once rather than from each of its digits.
 */
export const JVM_SIZE_START = String.raw`(?<![0-9.,])${JVM_SIZE}`;

/** "1024K", "24M", "65.0G", "7128.0B", "12 MB" → bytes (powers of 1024); null when not a size. */
export function parseSizeBytes(text: string): number | null {
  const match = /^([0-9]+(?:[.,][0-9]+)?)\s*([BKMGT])B?$/.exec(text.trim());
  if (!match) return null;
  const value = parseDecimal(match[1] as string);
  const shift = SIZE_SHIFT[match[2] as string];
  if (value === null || shift === undefined) return null;
  return Math.round(value * 2 ** shift);
}

/** Mebibytes as Go and V8 print them ("4", "3.7") → bytes; null when malformed. */
export function parseMebibytes(text: string): number | null {
  const value = parseDecimal(text);
  return value === null ? null : Math.round(value * 2 ** 20);
}

export interface HeapTransition {
  beforeBytes: number;
  afterBytes: number;
  /** Committed size after the collection (the parenthesised number after "->"). */
  capacityBytes: number | null;
}

const TRANSITION = new RegExp(`^(${JVM_SIZE})(?:\\((${JVM_SIZE})\\))?->(${JVM_SIZE})(?:\\((${JVM_SIZE})\\))?$`);

/**
 * A heap transition as HotSpot prints it: "24M->8M(256M)" (before, after,
 * committed after) or, in G1's detail lines, "24.0M(256.0M)->8.0M(256.0M)"
 * (each side with its committed size; the capacity kept is the one after,
 * null when only the size before has one).
 */
export function parseHeapTransition(text: string): HeapTransition | null {
  const match = TRANSITION.exec(text);
  if (!match) return null;
  const beforeBytes = parseSizeBytes(match[1] as string);
  const afterBytes = parseSizeBytes(match[3] as string);
  if (beforeBytes === null || afterBytes === null) return null;
  const capacityText = match[4];
  const capacityBytes = capacityText === undefined ? null : parseSizeBytes(capacityText);
  return { beforeBytes, afterBytes, capacityBytes };
}
