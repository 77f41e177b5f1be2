/**
 * Each item's stacks, packed, so that opening an item (every view of one item
 * without label filters) reads a few blobs instead of grouping stack_values
 * and fetching a row per stack (500 ms of deep-node's first paint):
 *
 * - `stack_cache_nodes (profile, chunk, parents, shared, offsets, frames)`:
 *   the item's distinct stacks, as nodes that are a parent node (-1: root) and
 *   a segment of global frame ids — the sink's own form
 *   (shared/profile/sample-sink.ts), so the cache is linear in the input
 *   however deep the stacks. One chunk per batch the writer flushed, so a
 *   streamed pprof of millions of stacks never holds its cache in memory; in
 *   a chunk, whole paths come sorted and each keeps only what follows the
 *   prefix it shares with the one before (`CacheChunkDecoder`). Frames are
 *   2 bytes each when every frame id of the chunk fits (most stores: half
 *   the bytes to write and read; deep-go.pb.gz's cache 40 → 20 MB), else 4;
 *   the blob's length says which.
 * - `stack_cache_values (profile, sample_type, chunk, nodes, totals)`: per
 *   batch and sample type, the nodes that had a non-zero value and their sums
 *   (a node can come back in a later batch: the reader adds them up).
 *
 * Derived data, written by the sample writer for every item (sample-writer.ts)
 * and by migration 7 for items written before.
 */
import type Database from 'better-sqlite3';
import { framesOfBlob } from './stack-hash';
import { ForestBuilder, liveNodes, type FrameForest, type Segments } from './stack-segments';

/**
 * A chunk of nodes: each node's frames are its first `shared[i]` frames, which
 * are the previous node's first ones (the writer sorts whole paths, so
 * neighbours share prefixes), then `frames[offsets[i] … offsets[i + 1])`.
 */
export function writeCacheNodes(
  db: Database.Database,
  profileId: number,
  chunk: number,
  nodes: Omit<Segments, 'frames'> & { frames: Int32Array | Uint16Array },
  shared: Int32Array,
): void {
  db.prepare(
    'INSERT INTO stack_cache_nodes (profile, chunk, parents, shared, offsets, frames) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(
    profileId,
    chunk,
    blobOf(nodes.parent),
    blobOf(shared),
    blobOf(nodes.offsets),
    blobOf(nodes.frames instanceof Uint16Array ? nodes.frames : narrowed(nodes.frames)),
  );
}

/** The frames as 16-bit ids when they all fit, else as they are. */
function narrowed(frames: Int32Array): Int32Array | Uint16Array {
  for (const frame of frames) if (frame > 0xffff || frame < 0) return frames;
  return Uint16Array.from(frames);
}

/** A chunk's frames: 4 bytes each when the blob holds `count` int32s, else 2. */
function chunkFrames(blob: Buffer, count: number): Int32Array | Uint16Array {
  if (blob.byteLength === 4 * count) return framesOfBlob(blob);
  if (blob.byteLength !== 2 * count)
    throw new Error(`a stack cache chunk of ${count} frames has ${blob.byteLength} bytes`);
  if (blob.byteOffset % 2 === 0) return new Uint16Array(blob.buffer, blob.byteOffset, count);
  return new Uint16Array(blob.slice().buffer);
}

/** Reads a chunk's nodes back whole: `node(i)` gives node i's frames, in order (a view, valid until the next call). */
export class CacheChunkDecoder {
  private full = new Int32Array(256);
  private readonly shared: Int32Array;
  private readonly offsets: Int32Array;
  private readonly frames: Int32Array | Uint16Array;

  constructor(sharedBlob: Buffer, offsetsBlob: Buffer, framesBlob: Buffer) {
    this.shared = framesOfBlob(sharedBlob);
    this.offsets = framesOfBlob(offsetsBlob);
    this.frames = chunkFrames(framesBlob, this.offsets[this.shared.length] ?? 0);
  }

  get count(): number {
    return this.shared.length;
  }

  node(i: number): Int32Array {
    const shared = this.shared[i] as number;
    const from = this.offsets[i] as number;
    const to = this.offsets[i + 1] as number;
    const length = shared + to - from;
    if (length > this.full.length) {
      const grown = new Int32Array(Math.max(length, 2 * this.full.length));
      grown.set(this.full.subarray(0, shared));
      this.full = grown;
    }
    this.full.set(this.frames.subarray(from, to), shared);
    return this.full.subarray(0, length);
  }
}

export function writeCacheValues(
  db: Database.Database,
  profileId: number,
  sampleType: number,
  chunk: number,
  nodes: Int32Array,
  totals: Float64Array,
): void {
  db.prepare('INSERT INTO stack_cache_values (profile, sample_type, chunk, nodes, totals) VALUES (?, ?, ?, ?, ?)').run(
    profileId,
    sampleType,
    chunk,
    blobOf(nodes),
    blobOf(totals),
  );
}

/** Per node, the sum of its values of one sample type, and whether it has one. */
export function readCacheValues(
  db: Database.Database,
  profileId: number,
  sampleType: number,
  nodeCount: number,
): { value: Float64Array; present: Uint8Array } {
  const value = new Float64Array(nodeCount);
  const present = new Uint8Array(nodeCount);
  const rows = db
    .prepare('SELECT nodes, totals FROM stack_cache_values WHERE profile = ? AND sample_type = ? ORDER BY chunk')
    .raw()
    .iterate(profileId, sampleType) as Iterable<[Buffer, Buffer]>;
  for (const [nodesBlob, totalsBlob] of rows) {
    const nodes = framesOfBlob(nodesBlob);
    const totals = new Float64Array(
      totalsBlob.buffer.slice(totalsBlob.byteOffset, totalsBlob.byteOffset + totalsBlob.byteLength),
    );
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i] as number;
      value[n] = (value[n] as number) + (totals[i] as number);
      present[n] = 1;
    }
  }
  return { value, present };
}

/**
 * One item's stacks of one sample type from its cache, as a frame forest, or
 * null when it has no cache. The parents and values are read first, to know
 * which nodes the forest needs; then the frames chunk by chunk, straight into
 * the forest, so a large item's segments are never all in memory beside it.
 * One read of the frames: the forest never has more nodes than the chunks
 * store frames (it shares at least the prefixes the writer left out), so
 * arrays of that size hold it (deep-go.pb.gz: 9.9M, exactly); counting first
 * and reading again cost 0.6 s of its first paint.
 */
export function readStackCache(db: Database.Database, profileId: number, sampleTypeId: number): FrameForest | null {
  // A chunk's stored frame count is its last offset.
  const rows = db
    .prepare(
      'SELECT parents, substr(offsets, length(offsets) - 3, 4) FROM stack_cache_nodes WHERE profile = ? ORDER BY chunk',
    )
    .raw()
    .all(profileId) as [Buffer, Buffer][];
  if (rows.length === 0) return null;
  let count = 0;
  let storedFrames = 0;
  for (const [blob, last] of rows) {
    count += blob.byteLength >> 2;
    storedFrames += last.readInt32LE(0);
  }
  const parent = new Int32Array(count);
  count = 0;
  for (const [blob] of rows) {
    parent.set(framesOfBlob(blob), count);
    count += blob.byteLength >> 2;
  }
  const { value, present } = readCacheValues(db, profileId, sampleTypeId, count);
  const live = liveNodes(parent, present);
  const chunks = db
    .prepare('SELECT shared, offsets, frames FROM stack_cache_nodes WHERE profile = ? ORDER BY chunk')
    .raw();
  const builder = new ForestBuilder(count, storedFrames, live, value, present);
  let n = 0;
  for (const [shared, offsets, frames] of chunks.iterate(profileId) as Iterable<[Buffer, Buffer, Buffer]>) {
    const chunk = new CacheChunkDecoder(shared, offsets, frames);
    for (let i = 0; i < chunk.count; i++, n++) {
      const full = chunk.node(i);
      builder.add(n, parent[n] as number, full, 0, full.length);
    }
  }
  return builder.finish();
}

/** A typed array's bytes as a blob (little-endian on every platform Kiln builds for, as stacks.frames). */
export function blobOf(array: Int32Array | Uint16Array | Float64Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}
