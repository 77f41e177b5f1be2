/**
 * Sets of small integers that share structure: adding a member makes a new
 * set in O(bits) and leaves the old one intact (a persistent binary trie with
 * path copying, its nodes in one growable Int32Array). The call-tree walk
 * keeps one per stack node — the functions of its recursion cycle already on
 * the path — so "is this callee on the path?" costs O(bits) instead of a walk
 * up the path, which made a 99,000-function cycle quadratic (58 s).
 */
export class PathSets {
  /** The empty set, a valid argument to `add` and `has`. */
  static readonly EMPTY = 0;
  /** Marks a present key below the last level; never dereferenced. */
  private static readonly PRESENT = 1;
  /** Two child slots per node; nodes 0 (empty) and 1 (present) are reserved. */
  private pool = new Int32Array(1024);
  private nodes = 2;

  /** The set `set` ∪ {key}, for keys below 2^bits (bits ≥ 1). */
  add(set: number, key: number, bits: number): number {
    const root = this.alloc();
    let from = set;
    let to = root;
    for (let level = bits - 1; level >= 0; level--) {
      const bit = (key >>> level) & 1;
      const pool = this.pool;
      pool[2 * to] = pool[2 * from] as number;
      pool[2 * to + 1] = pool[2 * from + 1] as number;
      if (level === 0) {
        pool[2 * to + bit] = PathSets.PRESENT;
        break;
      }
      const next = this.alloc();
      // alloc may have replaced the pool.
      this.pool[2 * to + bit] = next;
      from = from === PathSets.EMPTY ? PathSets.EMPTY : (this.pool[2 * from + bit] as number);
      to = next;
    }
    return root;
  }

  has(set: number, key: number, bits: number): boolean {
    let node = set;
    for (let level = bits - 1; level >= 0 && node !== PathSets.EMPTY; level--) {
      node = this.pool[2 * node + ((key >>> level) & 1)] as number;
    }
    return node === PathSets.PRESENT;
  }

  private alloc(): number {
    if (2 * this.nodes + 2 > this.pool.length) {
      const bigger = new Int32Array(this.pool.length * 2);
      bigger.set(this.pool);
      this.pool = bigger;
    }
    return this.nodes++;
  }
}
