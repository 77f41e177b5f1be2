/**
 * The distinct call paths of one profile as its samples stream by: an
 * open-addressing table from a path's 53-bit hash (stack-hash.ts) to its
 * local path number (0, 1, 2… in order of first sample). Only the hash and
 * the number are kept, 12 bytes a slot: a path's frames live in the store
 * (or in the writer's pending batch), and equal hashes are confirmed by
 * comparing frames through `sameFrames`, so a collision costs a comparison,
 * never a wrong merge.
 */

const EMPTY = -1;

export class PathTable {
  /** Paths added so far. */
  count = 0;
  private hashes = new Float64Array(1 << 12);
  private paths = new Int32Array(1 << 12).fill(EMPTY);

  /**
   * @param sameFrames whether local path `path` has exactly these frames (the first `depth` of `frames`)
   */
  constructor(private readonly sameFrames: (path: number, frames: Int32Array, depth: number) => boolean) {}

  /** The path with these frames, or -1 when the profile has not had it. */
  find(hash: number, frames: Int32Array, depth: number): number {
    const mask = this.paths.length - 1;
    for (let slot = slotOf(hash) & mask; ; slot = (slot + 1) & mask) {
      const path = this.paths[slot] as number;
      if (path === EMPTY) return -1;
      if (this.hashes[slot] === hash && this.sameFrames(path, frames, depth)) return path;
    }
  }

  /** Adds a path not found by `find`; returns its number. */
  add(hash: number): number {
    // At most 70 % full, so that probe runs stay short.
    if (10 * (this.count + 1) > 7 * this.paths.length) this.grow();
    const path = this.count++;
    this.place(this.hashes, this.paths, hash, path);
    return path;
  }

  /** Calls `visit` for every path with its hash (in no order), then empties the table and releases its memory. */
  drain(visit: (hash: number, path: number) => void): void {
    const { hashes, paths } = this;
    this.hashes = new Float64Array(0);
    this.paths = new Int32Array(0);
    this.count = 0;
    for (let slot = 0; slot < paths.length; slot++) {
      const path = paths[slot] as number;
      if (path !== EMPTY) visit(hashes[slot] as number, path);
    }
  }

  private place(hashes: Float64Array, paths: Int32Array, hash: number, path: number): void {
    const mask = paths.length - 1;
    let slot = slotOf(hash) & mask;
    while (paths[slot] !== EMPTY) slot = (slot + 1) & mask;
    hashes[slot] = hash;
    paths[slot] = path;
  }

  private grow(): void {
    const oldHashes = this.hashes;
    const oldPaths = this.paths;
    const hashes = new Float64Array(oldPaths.length * 2);
    const paths = new Int32Array(oldPaths.length * 2).fill(EMPTY);
    for (let slot = 0; slot < oldPaths.length; slot++) {
      const path = oldPaths[slot] as number;
      if (path !== EMPTY) this.place(hashes, paths, oldHashes[slot] as number, path);
    }
    this.hashes = hashes;
    this.paths = paths;
  }
}

/** The hash's low 32 bits, mixed again: tests inject hashes with few distinct bits. */
function slotOf(hash: number): number {
  let h = (hash >>> 0) ^ Math.floor(hash / 4294967296);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return (h ^ (h >>> 16)) >>> 0;
}
