/**
 * Each item's stacks, listed in the order that makes their frames share
 * prefixes, so that opening an item (every view of one item without label
 * filters) reads its stacks a chunk at a time instead of grouping
 * stack_values and fetching a row per stack (500 ms of deep-node's first
 * paint; 304,560 rows of deep-go.pb.gz take a second as row objects):
 *
 * `stack_cache_nodes (item, chunk, parents, stacks, forest_frames)`: the
 * item's distinct stacks as nodes, each a parent node (-1: root) and the store
 * stack whose segment it adds (`stacks`: ids; a stack's parent stack is its
 * node's parent's), so the cache is linear in the input however deep the
 * stacks, and holds no frames: they are in `stacks` once (a copy of
 * deep-go.pb.gz's, even prefix-shared, was 20 MB and a tenth of its import).
 * One chunk per batch the writer flushed, so a streamed pprof of millions of
 * stacks never holds its cache in memory. In a chunk the whole paths (root
 * nodes) come first, sorted by their frames (sort-paths.ts), so that each
 * shares its longest common prefix with the one before: the reader's forest
 * shares those prefixes (`ForestBuilder`), and a pprof item reads back as the
 * prefix tree of each batch (deep-go.pb.gz: 9.9M forest nodes for 15.6M
 * frames); `forest_frames` is what the chunk adds to it, a bound that sizes
 * the forest. A chunk's frames are read in one query (`CacheChunkDecoder`).
 *
 * The values are the item's rows of stack_values (`readCacheValues`), found
 * by the `stacks` ids: a copy of them per node cost 240 MB and a quarter of
 * the import's time added by the cache on a heap profile of 5M stacks.
 *
 * Derived data, written by the sample writer for every item (sample-writer.ts)
 * and built by migration 13 for items written before (rebuildStackCache).
 */
import type Database from 'better-sqlite3';
import { sortPaths } from './sort-paths';
import { int32sOfBlob } from './stack-hash';
import { ForestBuilder, liveNodes, type FrameForest } from './stack-segments';
import { storedSegments } from './stored-segments';

/** A chunk of nodes: node i hangs from node `parents[i]` (-1: root) and adds store stack `stacks[i]`'s segment. */
export interface CacheChunk {
  parents: Int32Array;
  stacks: Int32Array;
  /** The forest nodes the chunk adds when read in order, prefixes shared. */
  forestFrames: number;
}

export function writeCacheChunk(db: Database.Database, profileId: number, chunk: number, nodes: CacheChunk): void {
  db.prepare('INSERT INTO stack_cache_nodes (item, chunk, parents, stacks, forest_frames) VALUES (?, ?, ?, ?, ?)').run(
    profileId,
    chunk,
    blobOf(nodes.parents),
    blobOf(nodes.stacks),
    nodes.forestFrames,
  );
}

/**
 * The order in which a chunk's segments (segment i is `frames[start[i] …
 * start[i + 1])`) are cached: the whole paths (`rooted(i)`) first, sorted,
 * then the others in their own order (a parent comes before its children);
 * and the forest nodes they add in that order. The caller gives each node its
 * parent and stack.
 */
export function cacheOrder(
  count: number,
  rooted: (i: number) => boolean,
  start: ArrayLike<number>,
  frames: Int32Array,
): { order: Int32Array; forestFrames: number } {
  const starts = start instanceof Int32Array ? start : Int32Array.from(start);
  const order = new Int32Array(count);
  let wholeCount = 0;
  for (let i = 0; i < count; i++) if (rooted(i)) order[wholeCount++] = i;
  let at = wholeCount;
  for (let i = 0; i < count; i++) if (!rooted(i)) order[at++] = i;
  const shared = new Int32Array(wholeCount);
  sortPaths(order.subarray(0, wholeCount), starts, frames, shared);
  let forestFrames = 0;
  for (let k = 0; k < count; k++) {
    const i = order[k] as number;
    const length = (starts[i + 1] as number) - (starts[i] as number);
    // As ForestBuilder shares: a whole path adds what follows its common prefix with the one before, at least a frame.
    forestFrames += k < wholeCount ? length - Math.min(shared[k] as number, length - 1) : length;
  }
  return { order, forestFrames };
}

/**
 * A chunk's nodes' frames, read in one query that joins its stack ids to
 * `stacks` and concatenates their blobs in the ids' order (a blob per row
 * would cost a JS object each); `node(i)` decodes node i's segment (a view,
 * valid until the next call). The rows come in the order of the ids list,
 * which the nested loop over it gives; the ids that come back are checked
 * against it.
 */
export class CacheChunkDecoder {
  private segment = new Int32Array(256);
  private readonly narrow: Uint16Array;
  private readonly byteStart: Int32Array;
  private readonly depths: number[];

  constructor(
    private readonly read: Database.Statement,
    stacks: Int32Array,
  ) {
    const ids = Array.from(stacks);
    const [blob, idsJson, depthsJson, lengthsJson] = read.get(JSON.stringify(ids)) as [
      Buffer | null,
      string,
      string,
      string,
    ];
    const returned = JSON.parse(idsJson) as number[];
    if (returned.length !== ids.length || returned.some((id, i) => id !== ids[i]))
      throw new Error('the stack cache lists stacks that are not stored, or they came back out of order');
    this.depths = JSON.parse(depthsJson) as number[];
    const lengths = JSON.parse(lengthsJson) as number[];
    this.byteStart = new Int32Array(ids.length + 1);
    for (let i = 0; i < ids.length; i++) this.byteStart[i + 1] = (this.byteStart[i] as number) + (lengths[i] as number);
    // Every blob is a whole number of uint16s: a copy when the buffer's offset is odd.
    const bytes = blob ?? Buffer.alloc(0);
    const aligned = bytes.byteOffset % 2 === 0 ? bytes : Buffer.from(bytes);
    this.narrow = new Uint16Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 1);
  }

  get count(): number {
    return this.depths.length;
  }

  node(i: number): Int32Array {
    const depth = this.depths[i] as number;
    const from = (this.byteStart[i] as number) >> 1;
    const units = ((this.byteStart[i + 1] as number) >> 1) - from;
    if (depth > this.segment.length) this.segment = new Int32Array(Math.max(depth, 2 * this.segment.length));
    const segment = this.segment;
    const narrow = this.narrow;
    if (units === depth) for (let j = 0; j < depth; j++) segment[j] = narrow[from + j] as number;
    else if (units === 2 * depth)
      // Little-endian int32s: low half first.
      for (let j = 0; j < depth; j++)
        segment[j] = (narrow[from + 2 * j] as number) | ((narrow[from + 2 * j + 1] as number) << 16);
    else throw new Error(`a stack of ${depth} frames has a blob of ${2 * units} bytes`);
    return segment.subarray(0, depth);
  }
}

/** Each cached chunk of an item, in order, as a decoder of its nodes' frames. */
export function* cacheChunks(db: Database.Database, profileId: number): Generator<CacheChunkDecoder> {
  const read = db
    .prepare(
      `SELECT CAST(group_concat(s.frames, '') AS BLOB), json_group_array(s.id), json_group_array(s.depth),
              json_group_array(length(s.frames))
       FROM json_each(?) n JOIN stacks s ON s.id = n.value`,
    )
    .raw();
  const lists = db
    .prepare('SELECT stacks FROM stack_cache_nodes WHERE item = ? ORDER BY chunk')
    .pluck()
    .iterate(profileId) as Iterable<Buffer>;
  for (const stacks of lists) yield new CacheChunkDecoder(read, int32sOfBlob(stacks));
}

/** The parents of an item's cached nodes, all chunks in order. */
export function cacheParents(db: Database.Database, profileId: number): Int32Array {
  return concatenated(
    db
      .prepare('SELECT parents FROM stack_cache_nodes WHERE item = ? ORDER BY chunk')
      .pluck()
      .all(profileId) as Buffer[],
  );
}

/** Int32 blobs one after the other. */
function concatenated(blobs: Buffer[]): Int32Array {
  let count = 0;
  for (const blob of blobs) count += blob.byteLength >> 2;
  const all = new Int32Array(count);
  count = 0;
  for (const blob of blobs) {
    all.set(int32sOfBlob(blob), count);
    count += blob.byteLength >> 2;
  }
  return all;
}

/** An item's stack cache from its stored stacks (items written before the cache's form): one chunk. */
export function rebuildStackCache(db: Database.Database, profileId: number): void {
  const { segments, stackIds } = storedSegments(db, 'SELECT stack, value AS total FROM stack_values WHERE item = ?', [
    profileId,
  ]);
  const { parent, offsets, frames } = segments;
  const { order, forestFrames } = cacheOrder(parent.length, (i) => parent[i] === -1, offsets, frames);
  const nodeOf = new Int32Array(parent.length);
  order.forEach((i, k) => (nodeOf[i] = k));
  const parents = Int32Array.from(order, (i) =>
    (parent[i] as number) < 0 ? -1 : (nodeOf[parent[i] as number] as number),
  );
  const stacks = Int32Array.from(order, (i) => stackIds[i] as number);
  writeCacheChunk(db, profileId, 0, { parents, stacks, forestFrames });
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
  const stacks = concatenated(
    db.prepare('SELECT stacks FROM stack_cache_nodes WHERE item = ? ORDER BY chunk').pluck().all(profileId) as Buffer[],
  );
  const count = stacks.length;
  const nodeOf = nodeOfStack(stacks);
  const value = new Float64Array(count);
  const present = new Uint8Array(count);
  // Two JSON arrays in one pass, parsed: a fifth of the time of a row per value (deep-go.pb.gz: 110 ms against
  // 400 ms). SQLite (3.53, bundled by better-sqlite3) writes a REAL in JSON as the shortest text that reads back
  // as the same double, so the values are exact.
  const [stacksJson, valuesJson] = db
    .prepare(
      `SELECT json_group_array(stack ORDER BY stack, label_set), json_group_array(value ORDER BY stack, label_set)
       FROM stack_values WHERE item = ? AND sample_type = ?`,
    )
    .raw()
    .get(profileId, sampleType) as [string, string];
  const rowStacks = JSON.parse(stacksJson) as number[];
  const rowValues = JSON.parse(valuesJson) as number[];
  for (let r = 0; r < rowStacks.length; r++) {
    const stack = rowStacks[r] as number;
    const n = nodeOf(stack);
    if (n < 0) throw new Error(`item ${profileId} has a value on stack ${stack}, which its stack cache does not list`);
    value[n] = (value[n] as number) + (rowValues[r] as number);
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
 * which nodes the forest needs; then the frames chunk by chunk, straight into
 * the forest, so a large item's segments are never all in memory beside it.
 * One read of the frames: the chunks' forest_frames bound the forest
 * (deep-go.pb.gz: 9.9M, exactly), so arrays of that size hold it; counting
 * first and reading again cost 0.6 s of its first paint.
 */
export function readStackCache(db: Database.Database, profileId: number, sampleTypeId: number): FrameForest | null {
  const bounds = db
    .prepare('SELECT forest_frames FROM stack_cache_nodes WHERE item = ?')
    .pluck()
    .all(profileId) as number[];
  if (bounds.length === 0) return null;
  let frameCount = 0;
  for (const bound of bounds) frameCount += bound;
  const parent = cacheParents(db, profileId);
  const count = parent.length;
  const { value, present } = readCacheValues(db, profileId, sampleTypeId);
  const live = liveNodes(parent, present);
  const builder = new ForestBuilder(count, frameCount, live, value, present);
  let n = 0;
  for (const chunk of cacheChunks(db, profileId)) {
    for (let i = 0; i < chunk.count; i++, n++) {
      const full = chunk.node(i);
      builder.add(n, parent[n] as number, full, 0, full.length);
    }
  }
  return builder.finish();
}

/** A typed array's bytes as a blob (little-endian on every platform Kiln builds for, as stacks.frames). */
export function blobOf(array: Int32Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}
