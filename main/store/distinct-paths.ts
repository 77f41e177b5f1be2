/**
 * The distinct global call paths among a profile's leaves, in an
 * open-addressing hash table keyed by the stack hash. Two local leaves can
 * share a global path (frames that differ only in address are one global
 * frame), and two different paths can share a hash: a path is found by its
 * hash and then by comparing frames.
 */
import { leafFrames, leafHasFrames, type LeafPaths } from './leaf-paths';
import type { StackHash } from './stack-hash';

const EMPTY = -1;

export class DistinctPaths {
  /** Number of distinct paths, numbered from 0 in order of first leaf. */
  count = 0;
  /** Per leaf: its path. */
  readonly pathOfLeaf: Int32Array;
  /** Per path: a leaf that has it (whose frames it is), and its hash. */
  readonly leafOfPath: Int32Array;
  readonly hashOfPath: Float64Array;
  private readonly slots: Int32Array;
  private readonly mask: number;

  constructor(
    private readonly leaves: LeafPaths,
    hash: StackHash,
  ) {
    this.pathOfLeaf = new Int32Array(leaves.count);
    this.leafOfPath = new Int32Array(leaves.count);
    this.hashOfPath = new Float64Array(leaves.count);
    // At most half full, so that probe runs stay short.
    let capacity = 16;
    while (capacity < leaves.count * 2) capacity *= 2;
    this.slots = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
    for (let leaf = 0; leaf < leaves.count; leaf++)
      this.pathOfLeaf[leaf] = this.add(leaf, hash(leafFrames(leaves, leaf)));
  }

  /** Every path with hash h, in path order. */
  withHash(h: number): number[] {
    const paths: number[] = [];
    for (let slot = this.slotOf(h); ; slot = (slot + 1) & this.mask) {
      const path = this.slots[slot] as number;
      if (path === EMPTY) return paths.sort((a, b) => a - b);
      if (this.hashOfPath[path] === h) paths.push(path);
    }
  }

  /** The distinct hashes, ascending. */
  sortedHashes(): Float64Array {
    const sorted = this.hashOfPath.slice(0, this.count).sort();
    let distinct = 0;
    for (let i = 0; i < sorted.length; i++)
      if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i] as number;
    return sorted.subarray(0, distinct);
  }

  private add(leaf: number, h: number): number {
    const frames = leafFrames(this.leaves, leaf);
    let slot = this.slotOf(h);
    for (; ; slot = (slot + 1) & this.mask) {
      const path = this.slots[slot] as number;
      if (path === EMPTY) break;
      if (this.hashOfPath[path] === h && leafHasFrames(this.leaves, this.leafOfPath[path] as number, frames))
        return path;
    }
    const path = this.count++;
    this.slots[slot] = path;
    this.leafOfPath[path] = leaf;
    this.hashOfPath[path] = h;
    return path;
  }

  /** The low bits of the hash pick the first slot (`&` takes an integer modulo 2^32). */
  private slotOf(h: number): number {
    return h & this.mask;
  }
}
