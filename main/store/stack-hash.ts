/**
 * The lookup key of a stored stack (`stacks.hash`): a hash of its global frame
 * ids, root first. Stacks are found by this hash and then by comparing their
 * frames, so a collision costs a comparison, never a wrong answer.
 *
 * 53 bits, so that the value is exact both as a JS number and as an SQLite
 * INTEGER. Two 32-bit lanes mix each frame id with MurmurHash3's word step
 * (different seeds and rotations per lane) and end with its fmix32 avalanche;
 * the result is lane 1 plus the low 21 bits of lane 2 above it.
 */

/** Hashes a frame sequence; injectable so that tests can force collisions. */
export type StackHash = (frames: Int32Array) => number;

/** Hashes a stack's key, its parent stack id (0: the root) and its segment; injectable as StackHash is. */
export type SegmentHash = (parent: number, frames: Int32Array) => number;

const TWO_POW_32 = 4294967296;
const HIGH_LANE_MASK = 0x1fffff;

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export const stackHash: StackHash = (frames) => segmentHash(0, frames);

/**
 * The key of a stored stack (stacks.parent, stacks.frames): its parent stack id
 * and its segment's frame ids. A root-parented stack (parent 0) hashes as
 * `stackHash` always did, so the whole stacks written before stacks had parents
 * keep their stack_hashes rows; a parent is mixed in first, as two words.
 */
export function segmentHash(parent: number, frames: Int32Array): number {
  let h1 = 0x2545f491 ^ frames.length;
  let h2 = 0x9e3779b9 ^ frames.length;
  const words = parent !== 0 ? 2 : 0;
  // The parent's two words, then each frame: one MurmurHash3 word step per lane (written out, no closure: this runs
  // for every frame of every sample of a streamed pprof).
  for (let i = -words; i < frames.length; i++) {
    const word = i >= 0 ? (frames[i] as number) : i === -2 ? parent | 0 : Math.floor(parent / TWO_POW_32) ^ 0x5bd1e995;
    let k = Math.imul(word, 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    h1 ^= k;
    h1 = (Math.imul((h1 << 13) | (h1 >>> 19), 5) + 0xe6546b64) | 0;
    h2 ^= k;
    h2 = (Math.imul((h2 << 17) | (h2 >>> 15), 9) + 0x7f4a7c15) | 0;
  }
  h1 = fmix32(h1 ^ h2);
  h2 = fmix32(h2 ^ h1);
  return (h2 & HIGH_LANE_MASK) * TWO_POW_32 + (h1 >>> 0);
}

/** A blob of little-endian int32s (the stack cache's), viewed in place when aligned. */
export function int32sOfBlob(blob: Uint8Array): Int32Array {
  if (blob.byteLength % 4 !== 0) throw new Error(`a blob of ${blob.byteLength} bytes is not a sequence of int32s`);
  if (blob.byteOffset % 4 === 0) return new Int32Array(blob.buffer, blob.byteOffset, blob.byteLength / 4);
  return new Int32Array(blob.slice().buffer);
}

/**
 * `stacks.frames` holds a segment's frame ids as little-endian uint16s when
 * every id fits (frame ids are the store's, so most stores' do: half the
 * bytes to write and read; deep-go.pb.gz's stacks 62 → 31 MB), else as int32s
 * (all of them, and every blob written before this form). The row's depth
 * says which: a blob of 2 × depth bytes is narrow.
 */
export function segmentIsNarrow(frames: Int32Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const frame = frames[i] as number;
    if (frame < 0 || frame > 0xffff) return false;
  }
  return true;
}

/** The frame ids of a `stacks.frames` blob of `depth` frames (a copy when narrow or unaligned). */
export function segmentOfBlob(blob: Uint8Array, depth: number): Int32Array {
  if (blob.byteLength === 4 * depth) return int32sOfBlob(blob);
  if (blob.byteLength !== 2 * depth)
    throw new Error(`a stack of ${depth} frames has a blob of ${blob.byteLength} bytes`);
  const narrow =
    blob.byteOffset % 2 === 0
      ? new Uint16Array(blob.buffer, blob.byteOffset, depth)
      : new Uint16Array(blob.slice().buffer, 0, depth);
  return Int32Array.from(narrow);
}
