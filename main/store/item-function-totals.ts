/**
 * Per-function self and total of one item for its default sample type, the
 * rows of `item_functions` that catalogue search answers from, computed
 * once, from the item's stack cache (stack-cache.ts), as `kiln top` computes
 * them: self is the value of the stacks ending in the function, total the
 * value of the stacks containing it, once per stack even under recursion.
 * (The writer counts them per sample instead when it can, without this read:
 * sample-function-totals.ts; `writeFunctionTotalRows` stores either.)
 *
 * On the cache's nodes (a parent plus a segment): a frame whose function is
 * not on the path above it is the function's outermost occurrence there, and
 * every stack through it ends in its node's subtree, so the function's total
 * gains the subtree's value. One depth-first walk with a per-function count of
 * occurrences on the current path finds those frames: linear in the frames,
 * an explicit stack, no recursion. Nodes with neither parent nor children
 * (every path of a pprof item, stored whole) need no walk: they are counted
 * as their chunk is read, so a large pprof's frames are never all in memory.
 */
import type Database from 'better-sqlite3';
import { FunctionTotalCounter, writeFunctionTotalRows } from './function-total-counter';
import { cacheChunks, cacheParents, readCacheValues } from './stack-cache';

export function writeItemFunctionTotals(db: Database.Database, profileId: number): void {
  const sampleType = db
    .prepare(
      `SELECT pst.sample_type FROM items p
       JOIN item_sample_types pst ON pst.item = p.id AND pst.position = p.default_sample_type
       WHERE p.id = ?`,
    )
    .pluck()
    .get(profileId) as number | undefined;
  let counter: FunctionTotalCounter | null = null;
  if (sampleType !== undefined) {
    counter = new FunctionTotalCounter();
    new CacheFunctionTotals(db, counter).count(profileId, sampleType);
  }
  writeFunctionTotalRows(db, profileId, counter);
}

class CacheFunctionTotals {
  /** Store function id per store frame id. */
  private readonly functionOfFrame: Int32Array;
  /** Dense function number per store frame id (-1: not met yet). */
  private readonly denseOfFrame: Int32Array;
  private isolated = new Int32Array(256);

  /** The counter's mark is, per dense function, the last isolated node that counted it + 1, then (walk) its occurrences on the current path. */
  constructor(
    private readonly db: Database.Database,
    private readonly counter: FunctionTotalCounter,
  ) {
    const maxFrame = (db.prepare('SELECT MAX(id) FROM frames').pluck().get() as number | null) ?? 0;
    this.functionOfFrame = new Int32Array(maxFrame + 1).fill(-1);
    this.denseOfFrame = new Int32Array(maxFrame + 1).fill(-1);
    for (const [frame, fn] of db.prepare('SELECT id, function FROM frames').raw().iterate() as Iterable<
      [number, number]
    >) {
      this.functionOfFrame[frame] = fn;
    }
  }

  count(profileId: number, sampleType: number): void {
    const parent = cacheParents(this.db, profileId);
    const count = parent.length;
    const { value } = readCacheValues(this.db, profileId, sampleType);
    const hasChild = new Uint8Array(count);
    for (let n = 0; n < count; n++) if ((parent[n] as number) >= 0) hasChild[parent[n] as number] = 1;

    // Isolated nodes are counted as they are read; the others' frames are kept (dense) for the walk.
    const offsets = new Int32Array(count + 1);
    let kept = new Int32Array(1024);
    let keptLength = 0;
    let n = 0;
    for (const chunk of cacheChunks(this.db, profileId)) {
      for (let i = 0; i < chunk.count; i++, n++) {
        const frames = chunk.node(i);
        const to = frames.length;
        if ((parent[n] as number) < 0 && hasChild[n] === 0) {
          this.countIsolated(frames, 0, to, value[n] as number, n);
          offsets[n + 1] = keptLength;
          continue;
        }
        if (keptLength + to > kept.length) {
          const grown = new Int32Array(Math.max(2 * kept.length, keptLength + to));
          grown.set(kept.subarray(0, keptLength));
          kept = grown;
        }
        for (let j = 0; j < to; j++) kept[keptLength++] = this.dense(frames[j] as number);
        offsets[n + 1] = keptLength;
      }
    }
    this.walk(parent, hasChild, offsets, kept, value);
  }

  /** A stack with no parent and no children: each of its functions once, its leaf's self. */
  private countIsolated(frames: Int32Array, from: number, to: number, value: number, node: number): void {
    if (value === 0) return;
    const depth = to - from;
    if (depth > this.isolated.length) this.isolated = new Int32Array(Math.max(depth, 2 * this.isolated.length));
    for (let j = 0; j < depth; j++) this.isolated[j] = this.dense(frames[from + j] as number);
    this.counter.countStack(this.isolated, depth, value, node + 1);
  }

  /** The depth-first walk over the nodes that are not isolated. */
  private walk(parent: Int32Array, hasChild: Uint8Array, offsets: Int32Array, dense: Int32Array, value: Float64Array) {
    const count = parent.length;
    // Subtree values, leaf to root (parent < child).
    const cum = Float64Array.from(value);
    for (let n = count - 1; n >= 0; n--) {
      const p = parent[n] as number;
      if (p >= 0) cum[p] = (cum[p] as number) + (cum[n] as number);
    }
    // Children lists (CSR) by parent + 1 (bucket 0: the roots that are not isolated).
    const childStart = new Int32Array(count + 2);
    const bucketOf = (n: number): number =>
      (parent[n] as number) < 0 && hasChild[n] === 0 ? -1 : (parent[n] as number) + 1;
    for (let n = 0; n < count; n++) {
      const b = bucketOf(n);
      if (b >= 0) childStart[b + 1] = (childStart[b + 1] as number) + 1;
    }
    for (let i = 1; i < childStart.length; i++)
      childStart[i] = (childStart[i] as number) + (childStart[i - 1] as number);
    const children = new Int32Array(childStart[count + 1] as number);
    const next = childStart.slice();
    for (let n = 0; n < count; n++) {
      const b = bucketOf(n);
      if (b < 0) continue;
      const at = next[b] as number;
      children[at] = n;
      next[b] = at + 1;
    }
    const { mark, total, self } = this.counter;
    mark.fill(0);
    // A node on the stack is entered when pushed (≥ 0) and left when popped again (~node).
    const stack = new Int32Array(2 * children.length + 1);
    let top = 0;
    for (let i = childStart[0] as number; i < (childStart[1] as number); i++) stack[top++] = children[i] as number;
    while (top > 0) {
      const entry = stack[--top] as number;
      const n = entry >= 0 ? entry : ~entry;
      const from = offsets[n] as number;
      const to = offsets[n + 1] as number;
      if (entry < 0) {
        for (let j = from; j < to; j++) {
          const f = dense[j] as number;
          mark[f] = (mark[f] as number) - 1;
        }
        continue;
      }
      const sub = cum[n] as number;
      for (let j = from; j < to; j++) {
        const f = dense[j] as number;
        if (mark[f] === 0) total[f] = (total[f] as number) + sub;
        mark[f] = (mark[f] as number) + 1;
      }
      const leaf = dense[to - 1] as number;
      self[leaf] = (self[leaf] as number) + (value[n] as number);
      stack[top++] = ~n;
      for (let i = childStart[n + 1] as number; i < (childStart[n + 2] as number); i++)
        stack[top++] = children[i] as number;
    }
  }

  /** The dense number of a store frame's function. */
  private dense(frame: number): number {
    const known = this.denseOfFrame[frame];
    if (known !== undefined && known >= 0) return known;
    const fn = frame < this.functionOfFrame.length ? (this.functionOfFrame[frame] as number) : -1;
    if (fn < 0) throw new Error(`a cached stack refers to frame ${frame}, which is not stored`);
    const d = this.counter.dense(fn);
    this.denseOfFrame[frame] = d;
    return d;
  }
}
