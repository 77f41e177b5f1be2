import { describe, expect, it } from 'vitest';
import { sortHashPairs } from './sort-hash-pairs';

/** Deterministic 53-bit values (mulberry32 twice). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  const next32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return () => (next32() & 0x1fffff) * 4294967296 + next32();
}

describe('sortHashPairs', () => {
  it('orders by hash, then stack, as the stack_hashes primary key does', () => {
    const next = random(7);
    const count = 50_000;
    const hashes = new Float64Array(count);
    const stacks = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      // Some hashes repeat (collisions), with stack ids in any order; ids up to 2^31 - 1.
      hashes[i] = i % 10 === 0 ? 42 : i % 7 === 0 ? 2 ** 53 - 1 : next();
      stacks[i] = (next() % 2 ** 31) | 0;
    }
    const expected = Array.from(hashes, (h, i) => [h, stacks[i] as number]).sort(
      (a, b) => a[0]! - b[0]! || a[1]! - b[1]!,
    );
    const sorted = sortHashPairs(hashes, stacks, count);
    expect(Array.from(sorted.hashes)).toEqual(expected.map((p) => p[0]));
    expect(Array.from(sorted.stacks)).toEqual(expected.map((p) => p[1]));
  });

  it('sorts only the first `count` pairs and handles none', () => {
    const sorted = sortHashPairs(Float64Array.of(5, 3, 1, 0), Int32Array.of(1, 2, 3, 4), 2);
    expect([...sorted.hashes]).toEqual([3, 5]);
    expect([...sorted.stacks]).toEqual([2, 1]);
    expect(sortHashPairs(new Float64Array(0), new Int32Array(0), 0).hashes.length).toBe(0);
  });
});
