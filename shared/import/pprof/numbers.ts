/**
 * pprof-format returns every varint as a `number` when it took at most four
 * bytes (values below 2^28) and as a `bigint` otherwise, always reading the
 * raw 64 bits as unsigned: a negative int64 (ten-byte two's complement varint)
 * comes back as a bigint of 2^64 - |v|. These helpers give the field's real
 * meaning back as a JS number.
 */
export type Numeric = number | bigint;

/** An int64 field (profile.proto values, lines, labels' num): signed, exact up to 2^53. */
export function int64(value: Numeric): number {
  return typeof value === 'number' ? value : Number(BigInt.asIntN(64, value));
}

/** A uint64 field (addresses): unsigned, exact up to 2^53. */
export function uint64(value: Numeric): number {
  return typeof value === 'number' ? value : Number(BigInt.asUintN(64, value));
}

/** A uint64 as lowercase hex with 0x, exact at any size (pprof prints addresses so). */
export function hex(value: Numeric): string {
  const unsigned = typeof value === 'number' ? value : BigInt.asUintN(64, value);
  return `0x${unsigned.toString(16)}`;
}

/**
 * A key for an id (function, location, mapping ids are arbitrary nonzero
 * uint64s in profile.proto): a number while exact, else the bigint itself,
 * which Map compares by value, so large ids never collide.
 */
export type IdKey = number | bigint;

export function idKey(value: Numeric): IdKey {
  if (typeof value === 'number') return value;
  const unsigned = BigInt.asUintN(64, value);
  return unsigned <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(unsigned) : unsigned;
}

/** A string table index; anything not a safe integer becomes -1 (out of range for the caller to report). */
export function stringIndex(value: Numeric): number {
  const n = uint64(value);
  return Number.isSafeInteger(n) ? n : -1;
}

// Writers number ids 1..n (Go, pprof-format); such ids index an array, which
// is several times faster than a Map in the per-sample loop.
const DENSE_ID_LIMIT = 1 << 24;

/** Id -> value, for function, location and mapping ids. */
export class IdTable<T> {
  private readonly dense: (T | undefined)[] = [];
  private readonly sparse = new Map<IdKey, T>();

  set(id: Numeric, value: T): void {
    const key = idKey(id);
    if (typeof key === 'number' && key < DENSE_ID_LIMIT) this.dense[key] = value;
    else this.sparse.set(key, value);
  }

  get(id: Numeric): T | undefined {
    const key = idKey(id);
    return typeof key === 'number' && key < DENSE_ID_LIMIT ? this.dense[key] : this.sparse.get(key);
  }
}
