/**
 * Sorts (stack hash, stack id) pairs by hash, then stack: the primary-key
 * order of `stack_hashes`, so that a large import appends to that index
 * instead of inserting at random (5M hashes inserted batch by batch took 20 s
 * of a 70 s import; sorted, a few). An LSD radix sort over 16-bit digits: two
 * passes for the stack id (below 2^31), four for the hash (below 2^53,
 * stack-hash.ts). Each pass is a stable counting sort, so after the hash
 * passes equal hashes stay in stack order. Linear time; it needs one spare
 * copy of both arrays.
 */

const DIGIT_BITS = 16;
const RADIX = 1 << DIGIT_BITS;
const DIGIT_MASK = RADIX - 1;
/** 16-bit digits of a 53-bit hash. */
const HASH_DIGITS = 4;

/** Sorts `hashes[0..count)` with `stacks[0..count)` alongside; returns the arrays that hold the result. */
export function sortHashPairs(
  hashes: Float64Array,
  stacks: Int32Array,
  count: number,
): { hashes: Float64Array; stacks: Int32Array } {
  let keys: Float64Array = hashes;
  let values: Int32Array = stacks;
  let spareKeys: Float64Array = new Float64Array(count);
  let spareValues: Int32Array = new Int32Array(count);
  const counts = new Int32Array(RADIX);
  // One counting-sort pass per digit; written out twice (stack digits, hash digits) rather than through a digit
  // callback, which made the loops megamorphic and the sort ten times slower.
  for (let pass = 0; pass < 2 + HASH_DIGITS; pass++) {
    const byStack = pass < 2;
    const stackShift = pass * DIGIT_BITS;
    // Dividing an integer below 2^53 by a power of two is exact in a double, and so is its floor.
    const hashScale = byStack ? 1 : 2 ** ((pass - 2) * DIGIT_BITS);
    counts.fill(0);
    for (let i = 0; i < count; i++) {
      const d = byStack
        ? ((values[i] as number) >>> stackShift) & DIGIT_MASK
        : Math.floor((keys[i] as number) / hashScale) % RADIX;
      counts[d] = (counts[d] as number) + 1;
    }
    let sum = 0;
    for (let d = 0; d < RADIX; d++) {
      const c = counts[d] as number;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < count; i++) {
      const key = keys[i] as number;
      const value = values[i] as number;
      const d = byStack ? (value >>> stackShift) & DIGIT_MASK : Math.floor(key / hashScale) % RADIX;
      const at = counts[d] as number;
      counts[d] = at + 1;
      spareKeys[at] = key;
      spareValues[at] = value;
    }
    const doneKeys = spareKeys;
    spareKeys = keys;
    keys = doneKeys;
    const doneValues = spareValues;
    spareValues = values;
    values = doneValues;
  }
  return { hashes: keys.subarray(0, count), stacks: values.subarray(0, count) };
}
