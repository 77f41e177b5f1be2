/**
 * Code addresses of legacy binary CPU profiles as exact unsigned 64-bit values.
 *
 * pprof (google/pprof profile/legacy_profile.go, get32l/get32b/get64l/get64b)
 * reads every word into a uint64, the 32-bit layouts included, and makes its
 * "address - 1" adjustment in uint64 arithmetic, so a non-leaf 0 becomes
 * 2^64 - 1. A JS number is exact only up to 2^53: user-space code on x86-64
 * sits below 2^47 and stays a number here, while kernel and vsyscall addresses
 * (0xffffffffff600000…) become bigints. Each value has exactly one form (a
 * number when exact, else a bigint), so Map keys compare addresses by value.
 */
export type Address = number | bigint;

const TWO_POW_32 = 2 ** 32;
// Below this high word, hi * 2^32 + lo is under 2^53 and exact as a number.
const EXACT_HIGH_WORD = 2 ** 21;
const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/** The address whose high and low 32-bit halves are given (both unsigned). */
export function addressFromHalves(high: number, low: number): Address {
  return high < EXACT_HIGH_WORD ? high * TWO_POW_32 + low : (BigInt(high) << 32n) | BigInt(low);
}

/** `value` reduced modulo 2^64, in its one canonical form. */
export function canonicalAddress(value: bigint): Address {
  const unsigned = BigInt.asUintN(64, value);
  return unsigned <= MAX_EXACT ? Number(unsigned) : unsigned;
}

export function addressToBigInt(address: Address): bigint {
  return typeof address === 'bigint' ? address : BigInt(address);
}

/** address - 1 in uint64 arithmetic: pprof's step from a return address back into the call instruction. */
export function callSite(address: Address): Address {
  return typeof address === 'number' && address > 0 ? address - 1 : canonicalAddress(addressToBigInt(address) - 1n);
}

/** a === b + 1 in uint64 arithmetic. */
export function isSuccessor(a: Address, b: Address): boolean {
  if (typeof a === 'number' && typeof b === 'number' && b < Number.MAX_SAFE_INTEGER) return a === b + 1;
  return addressToBigInt(a) === BigInt.asUintN(64, addressToBigInt(b) + 1n);
}

/** Lowercase hex with 0x, exact at any size, as pprof prints addresses ("0x42ef04"). */
export function hexAddress(address: Address): string {
  return `0x${address.toString(16)}`;
}

/**
 * An unsigned hex number of at most 64 bits (leading zeros allowed, as Go's
 * strconv.ParseUint(s, 16, 64) allows them), or null when `digits` is empty,
 * not hex, or too large — the cases in which ParseUint fails.
 */
export function parseHex64(digits: string): bigint | null {
  if (!/^[0-9A-Fa-f]+$/.test(digits)) return null;
  const significant = digits.replace(/^0+/, '');
  if (significant.length > 16) return null;
  return significant === '' ? 0n : BigInt(`0x${significant}`);
}
