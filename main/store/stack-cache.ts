/**
 * Each item's stacks, listed, so that opening an item (every view of one item
 * without label filters) reads its stacks by id ranges and a few blobs instead
 * of grouping stack_values row by row (500 ms of deep-node's first paint):
 *
 * - `stack_cache_nodes (profile, chunk, parents, stacks, forest_frames)`: the
 *   item's distinct stacks as nodes, each a parent node (-1: root) and the
 *   store stack (`stacks.id`) whose segment it adds: a stack's parent stack is
 *   its node's parent's. So the cache holds no frames of its own (they are in
 *   `stacks` once) and is linear in the input however deep the stacks. One
 *   chunk per batch the writer flushed, so a streamed pprof of millions of
 *   stacks never holds its cache in memory. In a chunk, the whole paths (root
 *   nodes) come first, sorted by their frames, so that each shares its longest
 *   common prefix with the one before it: the reader's forest shares those
 *   prefixes (`ForestBuilder`) and a pprof item reads back as the prefix tree
 *   of each batch rather than as every path's frames (deep-go.pb.gz: 9.9M
 *   forest nodes for 15.6M frames). `forest_frames` is the frames the chunk
 *   adds when so shared, a bound that sizes the reader's forest.
 * The values are the item's rows of stack_values, read in key order
 * (`readCacheValues`): a second copy of them per node cost 240 MB and a
 * quarter of the import's extra time on a heap profile of 5M stacks.
 *
 * Derived data, written by the sample writer for every item (sample-writer.ts)
 * and rebuilt by migration 11 for items written before (rebuildStackCache).
 */
import type Database from 'better-sqlite3';
import { framesOfBlob } from './stack-hash';
import { ForestBuilder, liveNodes, type FrameForest } from './stack-segments';
import { storedSegments } from './stored-segments';

/** A chunk of nodes: node i hangs from node `parents[i]` (-1: root) and adds store stack `stacks[i]`'s segment. */
export function writeCacheNodes(
  db: Database.Database,
  profileId: number,
  chunk: number,
  parents: Int32Array,
  stacks: Int32Array,
  forestFrames: number,
): void {
  db.prepare(
    'INSERT INTO stack_cache_nodes (profile, chunk, parents, stacks, forest_frames) VALUES (?, ?, ?, ?, ?)',
  ).run(profileId, chunk, blobOf(parents), blobOf(stacks), forestFrames);
}

/**
 * The order in which a chunk's nodes are cached, and the frames they add to a
 * forest in that order: the whole paths (`rooted(i)`) first, sorted by their
 * frames (`frames[start[i] … start[i + 1])`), then the others in their own
 * order (a parent comes before its children).
 */
export function cacheOrder(
  count: number,
  rooted: (i: number) => boolean,
  start: ArrayLike<number>,
  frames: Int32Array,
): { order: Int32Array; forestFrames: number } {
  const order = new Int32Array(count);
  let wholeCount = 0;
  for (let i = 0; i < count; i++) if (rooted(i)) order[wholeCount++] = i;
  let at = wholeCount;
  for (let i = 0; i < count; i++) if (!rooted(i)) order[at++] = i;
  const common = new Int32Array(wholeCount);
  sortPaths(
    order.subarray(0, wholeCount),
    start instanceof Int32Array ? start : Int32Array.from(start),
    frames,
    common,
  );
  let forestFrames = 0;
  for (let k = 0; k < wholeCount; k++) {
    const i = order[k] as number;
    const length = (start[i + 1] as number) - (start[i] as number);
    // As ForestBuilder shares: a whole path adds what follows its common prefix with the one before, at least a frame.
    forestFrames += length - Math.min(common[k] as number, length - 1);
  }
  for (let k = wholeCount; k < count; k++) {
    const i = order[k] as number;
    forestFrames += (start[i + 1] as number) - (start[i] as number);
  }
  return { order, forestFrames };
}

/**
 * Sorts paths (`paths` holds indices; path i is `frames[start[i] … start[i + 1])`) by their frames, a prefix
 * before its extensions: a three-way radix quicksort (Bentley and Sedgewick, "Fast algorithms for sorting and
 * searching strings", 1997), which compares each frame of a common prefix once per partition rather than once
 * per comparison, as a comparison sort does (deep stacks share long prefixes). Ranges to do are kept on an
 * explicit stack: a prefix 20,000 frames long is 20,000 levels. `common[k]` gets the length of the prefix that
 * sorted path k shares with path k - 1 (0 for the first): a partition at frame d puts paths that differ at d
 * side by side, so the lengths come with the sort.
 */
export function sortPaths(paths: Int32Array, start: Int32Array, frames: Int32Array, common: Int32Array): void {
  // Frame d of path i, or -1 past its end (shorter paths first).
  const frameAt = (i: number, d: number): number => {
    const p = (start[i] as number) + d;
    return p < (start[i + 1] as number) ? (frames[p] as number) : -1;
  };
  const todo: number[] = [0, paths.length, 0];
  while (todo.length > 0) {
    const d = todo.pop() as number;
    const hi = todo.pop() as number;
    const lo = todo.pop() as number;
    if (hi - lo < 2) continue;
    if (hi - lo <= SMALL_RANGE) {
      insertionSort(paths, lo, hi, d, frameAt);
      for (let k = lo + 1; k < hi; k++)
        common[k] = commonPrefix(paths[k - 1] as number, paths[k] as number, d, frameAt);
      continue;
    }
    const pivot = medianOfThree(
      frameAt(paths[lo] as number, d),
      frameAt(paths[(lo + hi) >>> 1] as number, d),
      frameAt(paths[hi - 1] as number, d),
    );
    let lt = lo;
    let gt = hi - 1;
    let i = lo;
    while (i <= gt) {
      const path = paths[i] as number;
      const at = (start[path] as number) + d;
      const key = at < (start[path + 1] as number) ? (frames[at] as number) : -1;
      if (key < pivot) {
        paths[i++] = paths[lt] as number;
        paths[lt++] = path;
      } else if (key > pivot) {
        paths[i] = paths[gt] as number;
        paths[gt--] = path;
      } else i++;
    }
    if (lt > lo) common[lt] = d;
    if (gt + 1 < hi) common[gt + 1] = d;
    todo.push(lo, lt, d, gt + 1, hi, d);
    // Paths that ended at d are equal.
    if (pivot >= 0) todo.push(lt, gt + 1, d + 1);
    else for (let k = lt + 1; k <= gt; k++) common[k] = d;
  }
}

const SMALL_RANGE = 12;

function medianOfThree(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
}

/** Sorts paths[lo … hi), equal in their first d frames, from frame d on. */
function insertionSort(
  paths: Int32Array,
  lo: number,
  hi: number,
  d: number,
  frameAt: (i: number, d: number) => number,
): void {
  for (let k = lo + 1; k < hi; k++) {
    const path = paths[k] as number;
    let j = k;
    while (j > lo && comparePaths(paths[j - 1] as number, path, d, frameAt) > 0) {
      paths[j] = paths[j - 1] as number;
      j--;
    }
    paths[j] = path;
  }
}

/** The length of the prefix paths a and b share, known to be at least d. */
function commonPrefix(a: number, b: number, d: number, frameAt: (i: number, d: number) => number): number {
  let k = d;
  for (;;) {
    const x = frameAt(a, k);
    if (x < 0 || x !== frameAt(b, k)) return k;
    k++;
  }
}

function comparePaths(a: number, b: number, d: number, frameAt: (i: number, d: number) => number): number {
  for (let k = d; ; k++) {
    const x = frameAt(a, k);
    const y = frameAt(b, k);
    if (x !== y) return x - y;
    if (x < 0) return 0;
  }
}

/**
 * The frames of store stacks, a chunk of the cache at a time: `load(ids)`
 * reads the rows, `frames(i)` gives the segment of `ids[i]`. Ids are read by
 * ranges (an item's own stacks have consecutive ids), a stack stored by an
 * earlier item by its own range of one.
 */
export class StackFramesReader {
  private readonly range: Database.Statement;
  private blobs: Buffer[] = [];
  private slot = new Int32Array(0);

  constructor(db: Database.Database) {
    this.range = db.prepare('SELECT id, frames FROM stacks WHERE id BETWEEN ? AND ?').raw();
  }

  load(ids: Int32Array): void {
    const count = ids.length;
    const sorted = Int32Array.from(ids).sort();
    const byId = new Map<number, number>();
    this.blobs = [];
    // Runs of ids with gaps of at most RANGE_GAP: one query each.
    for (let i = 0; i < count;) {
      let j = i + 1;
      while (j < count && (sorted[j] as number) - (sorted[j - 1] as number) <= RANGE_GAP) j++;
      for (const [id, blob] of this.range.iterate(sorted[i], sorted[j - 1]) as Iterable<[number, Buffer]>) {
        byId.set(id, this.blobs.length);
        this.blobs.push(blob);
      }
      i = j;
    }
    this.slot = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const at = byId.get(ids[i] as number);
      if (at === undefined) throw new Error(`the stack cache lists stack ${ids[i]}, which is not stored`);
      this.slot[i] = at;
    }
  }

  frames(i: number): Int32Array {
    return framesOfBlob(this.blobs[this.slot[i] as number] as Buffer);
  }
}

/** Ids further apart than this are read by separate range queries. */
const RANGE_GAP = 64;

/** Each cached chunk of an item, in order: its node parents and the frames reader loaded with its stacks. */
export function* cacheChunks(
  db: Database.Database,
  profileId: number,
): Generator<{ parents: Int32Array; stacks: StackFramesReader }> {
  const reader = new StackFramesReader(db);
  const rows = db
    .prepare('SELECT parents, stacks FROM stack_cache_nodes WHERE profile = ? ORDER BY chunk')
    .raw()
    .iterate(profileId) as Iterable<[Buffer, Buffer]>;
  for (const [parents, stacks] of rows) {
    reader.load(framesOfBlob(stacks));
    yield { parents: framesOfBlob(parents), stacks: reader };
  }
}

/** An item's stack cache from its stored stacks and values (items written before the cache's form): one chunk. */
export function rebuildStackCache(db: Database.Database, profileId: number): void {
  const { segments, stackIds } = storedSegments(
    db,
    'SELECT stack, value AS total FROM stack_values WHERE profile = ?',
    [profileId],
  );
  const { parent, offsets, frames } = segments;
  const { order, forestFrames } = cacheOrder(parent.length, (i) => parent[i] === -1, offsets, frames);
  const nodeOf = new Int32Array(parent.length);
  order.forEach((i, k) => (nodeOf[i] = k));
  const parents = Int32Array.from(order, (i) =>
    (parent[i] as number) < 0 ? -1 : (nodeOf[parent[i] as number] as number),
  );
  const stacks = Int32Array.from(order, (i) => stackIds[i] as number);
  writeCacheNodes(db, profileId, 0, parents, stacks, forestFrames);
}

/**
 * Per node of an item's cache, the sum of its values of one sample type (over
 * label sets) and whether it has one: the item's rows of stack_values, read in
 * key order (stack, label set), each added to the node that lists its stack.
 */
export function readCacheValues(
  db: Database.Database,
  profileId: number,
  sampleType: number,
): { value: Float64Array; present: Uint8Array } {
  const lists = db
    .prepare('SELECT stacks FROM stack_cache_nodes WHERE profile = ? ORDER BY chunk')
    .pluck()
    .all(profileId) as Buffer[];
  let count = 0;
  for (const blob of lists) count += blob.byteLength >> 2;
  const stacks = new Int32Array(count);
  count = 0;
  for (const blob of lists) {
    stacks.set(framesOfBlob(blob), count);
    count += blob.byteLength >> 2;
  }
  const nodeOf = nodeOfStack(stacks);
  const value = new Float64Array(count);
  const present = new Uint8Array(count);
  const rows = db
    .prepare('SELECT stack, value FROM stack_values WHERE profile = ? AND sample_type = ?')
    .raw()
    .iterate(profileId, sampleType) as Iterable<[number, number]>;
  for (const [stack, v] of rows) {
    const n = nodeOf(stack);
    if (n < 0) throw new Error(`item ${profileId} has a value on stack ${stack}, which its stack cache does not list`);
    value[n] = (value[n] as number) + v;
    present[n] = 1;
  }
  return { value, present };
}

/**
 * The node listing each stack: an array over the ids' range when they are
 * about as many as the range is wide (an item's own stacks have consecutive
 * ids), else a map.
 */
function nodeOfStack(stacks: Int32Array): (stack: number) => number {
  let lo = Infinity;
  let hi = -Infinity;
  for (const id of stacks) {
    if (id < lo) lo = id;
    if (id > hi) hi = id;
  }
  if (stacks.length > 0 && hi - lo < 4 * stacks.length + 1024) {
    const node = new Int32Array(hi - lo + 1).fill(-1);
    stacks.forEach((id, n) => (node[id - lo] = n));
    return (stack) => (stack >= lo && stack <= hi ? (node[stack - lo] as number) : -1);
  }
  const node = new Map<number, number>();
  stacks.forEach((id, n) => node.set(id, n));
  return (stack) => node.get(stack) ?? -1;
}

/**
 * One item's stacks of one sample type from its cache, as a frame forest, or
 * null when it has no cache. The parents and values are read first, to know
 * which nodes the forest needs; then the stacks chunk by chunk, straight into
 * the forest, so a large item's segments are never all in memory beside it.
 * The chunks' `forest_frames` bound the forest (deep-go.pb.gz: 9.9M, exactly),
 * so its arrays are allocated once; counting first and reading again cost 0.6 s
 * of its first paint.
 */
export function readStackCache(db: Database.Database, profileId: number, sampleTypeId: number): FrameForest | null {
  const rows = db
    .prepare('SELECT parents, forest_frames FROM stack_cache_nodes WHERE profile = ? ORDER BY chunk')
    .raw()
    .all(profileId) as [Buffer, number][];
  if (rows.length === 0) return null;
  let count = 0;
  let forestFrames = 0;
  for (const [blob, frames] of rows) {
    count += blob.byteLength >> 2;
    forestFrames += frames;
  }
  const parent = new Int32Array(count);
  count = 0;
  for (const [blob] of rows) {
    parent.set(framesOfBlob(blob), count);
    count += blob.byteLength >> 2;
  }
  const { value, present } = readCacheValues(db, profileId, sampleTypeId);
  const live = liveNodes(parent, present);
  const builder = new ForestBuilder(count, forestFrames, live, value, present);
  let n = 0;
  for (const chunk of cacheChunks(db, profileId)) {
    for (let i = 0; i < chunk.parents.length; i++, n++) {
      if (live[n] !== 1) continue;
      const frames = chunk.stacks.frames(i);
      builder.add(n, parent[n] as number, frames, 0, frames.length);
    }
  }
  return builder.finish();
}

/** A typed array's bytes as a blob (little-endian on every platform Kiln builds for, as stacks.frames). */
export function blobOf(array: Int32Array | Float64Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}
