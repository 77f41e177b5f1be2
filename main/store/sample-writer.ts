/**
 * The store's one sample writer: the SampleSink (shared/profile/sample-sink.ts)
 * every importer's samples go to, the in-memory path and the streamed pprof
 * path alike. Runs inside the caller's transaction; the store rolls it back on
 * any error or cancel.
 *
 * Stacks are stored as the sink gives them, a parent stack plus a segment of
 * frames (`stacks (id, parent, frames, depth)`, depth being the segment's
 * length), so storage is linear in the input however deep the stacks are.
 * A stack is interned globally by (parent id, segment): found through
 * `stack_hashes` by a hash of both, equal hashes confirmed by comparing.
 *
 * Memory is what the streamed path allows (a pprof of millions of distinct
 * stacks): per distinct stack of the item a 12-byte slot of the path table
 * (path-table.ts) plus its parent and its store id; and one batch. Every
 * BATCH_STACKS new stacks, BATCH_FRAMES frames or BATCH_ROWS samples the batch
 * is written:
 * - the new stacks: those under the root or under a stack stored before this
 *   item are looked up among the stored ones (one query per chunk, only when
 *   the store held stacks before), the rest inserted with ascending ids, so a
 *   parent's id is always smaller than its children's;
 * - a chunk of the item's stack cache (stack-cache.ts) with the same stacks;
 * - the samples: values summed per (sample type, stack, label set) and upserted
 *   (a key can come back in a later batch; the cache reads its values from
 *   these rows), and the sample times.
 * Before each batch the connection's checkpoint hook runs (batch-checkpoint.ts):
 * it throws to cancel. At the end: the new stacks' hashes in key order, the
 * sample types with their totals, and the item's function totals for search:
 * counted per sample while writing when every sample follows its own whole
 * stack (sample-function-totals.ts: the streamed pprof path), else from the
 * stack cache (item-function-totals.ts).
 */
import type Database from 'better-sqlite3';
import { ROOT_STACK, type SampleSink, type SinkLabel, type SinkTables } from '../../shared/profile/sample-sink';
import { countTooLarge, MAX_EXACT_COUNT, roundedCount } from '../../shared/import/exact-count';
import { batchCheckpoint } from './batch-checkpoint';
import { BulkInsert } from './bulk-insert';
import { FrameInterner, internSampleTypes, linkSampleTypes } from './intern-tables';
import { internLabelSet } from './intern-label-sets';
import { writeFunctionTotalRows } from './function-total-counter';
import { writeItemFunctionTotals } from './item-function-totals';
import { PathTable } from './path-table';
import { SampleFunctionTotals } from './sample-function-totals';
import { sortHashPairs } from './sort-hash-pairs';
import { cacheOrder, writeCacheChunk } from './stack-cache';
import { segmentHash, segmentIsNarrow, segmentOfBlob, type SegmentHash } from './stack-hash';
import { storedStackLookup, type PathRef, type StoredStackLookup } from './stored-stack-lookup';

const BATCH_STACKS = 20_000;
const BATCH_FRAMES = 4 * 1024 * 1024;
const BATCH_ROWS = 100_000;

export interface SampleWriterOptions {
  /** Replaces the stack hash; tests use a constant one to force collisions. */
  stackHash?: SegmentHash;
  /**
   * Every stack will be whole, under the root (the streamed pprof path): the writer keeps no parent and no cache
   * node per stack (8 bytes per distinct stack; 67 MB on a heap profile of 5M stacks).
   */
  wholeStacks?: boolean;
}

export class SampleWriter implements SampleSink {
  private readonly hash: SegmentHash;
  private readonly interner: FrameInterner;
  private readonly typeCount: number;
  private readonly sampleTypeIds: number[];
  private readonly sampleTypeNames: string[];
  private readonly totals: Float64Array;
  private readonly labelSetsByCanonical = new Map<string, number>();
  private labelSetCount = 0;

  // Distinct stacks of the item ("local" numbers 0, 1, 2… in order of first appearance).
  private localCount = 0;
  /** Per local stack: its parent (empty when every stack is whole: wholeStacks). */
  private parentOf: Int32Array;
  private readonly wholeStacks: boolean;
  /** Store stack id per local stack; -1 while it waits in the batch. */
  private storeOf = new Int32Array(1 << 12);
  private readonly paths: PathTable;
  private findingParent = ROOT_STACK;
  private segment = new Int32Array(256);
  /** Function totals counted per sample, while every sample follows its own whole stack. */
  private readonly functionTotals: SampleFunctionTotals;
  private readonly defaultType: number;

  private readonly storeHadStacks: boolean;
  private readonly firstNewStackId: number;
  private nextStackId: number;
  // Hashes of new stacks that have a parent (root-parented ones are keyed in the path table by the same hash).
  private parentedHashes = new Float64Array(0);
  private parentedIds = new Int32Array(0);
  private parentedCount = 0;

  // The batch's new stacks: local numbers from batchFirst on, their frames and (local) hashes.
  private batchFirst = 0;
  private batchFrames = new Int32Array(1 << 16);
  private batchFrameCount = 0;
  private batchStart: number[] = [0];
  private batchHashes: number[] = [];
  private nodeChunks = 0;
  /** Per segment of the batch, where encodeBatch put it. */
  private byteStart = new Int32Array(1024);
  private byteLength = new Int32Array(1024);
  /** Per local stack: its node in the item's stack cache (empty when every stack is whole). */
  private cacheNodeOf: Int32Array;
  private cacheNodeCount = 0;

  // The batch's samples: local stack, store label set, values, time (NaN: none) and sample number.
  private rowStacks = new Int32Array(BATCH_ROWS);
  private rowLabelSets = new Int32Array(BATCH_ROWS);
  private readonly rowValues: Float64Array;
  private rowTimes = new Float64Array(BATCH_ROWS);
  private rowCount = 0;
  private sampleCount = 0;

  private readonly findStored: StoredStackLookup;
  private readonly storedSegment: Database.Statement;
  private readonly upsertValues: BulkInsert;
  private readonly insertTimes: BulkInsert;
  private readonly insertWeights: BulkInsert;

  constructor(
    private readonly db: Database.Database,
    readonly profileId: number,
    tables: SinkTables,
    options: SampleWriterOptions = {},
  ) {
    this.hash = options.stackHash ?? segmentHash;
    this.wholeStacks = options.wholeStacks ?? false;
    this.parentOf = new Int32Array(this.wholeStacks ? 0 : 1 << 12);
    this.cacheNodeOf = new Int32Array(this.wholeStacks ? 0 : 1 << 12);
    this.interner = new FrameInterner(db, tables);
    this.functionTotals = new SampleFunctionTotals((row) => this.interner.functionOf(row));
    this.typeCount = tables.sampleTypes.length;
    this.sampleTypeIds = internSampleTypes(db, tables.sampleTypes);
    this.sampleTypeNames = tables.sampleTypes.map((t) => t.type);
    this.totals = new Float64Array(this.typeCount);
    this.defaultType = db
      .prepare('SELECT default_sample_type FROM items WHERE id = ?')
      .pluck()
      .get(profileId) as number;
    if (!(this.defaultType >= 0 && this.defaultType < this.typeCount)) this.functionTotals.usable = false;
    this.rowValues = new Float64Array(BATCH_ROWS * this.typeCount);
    this.paths = new PathTable((local, frames, depth) => this.sameSegment(local, frames, depth));
    this.storeHadStacks = db.prepare('SELECT 1 FROM stacks LIMIT 1').get() !== undefined;
    this.firstNewStackId = db.prepare('SELECT COALESCE(MAX(id), 0) + 1 FROM stacks').pluck().get() as number;
    this.nextStackId = this.firstNewStackId;
    this.findStored = storedStackLookup(db);
    this.storedSegment = db.prepare('SELECT frames, depth FROM stacks WHERE id = ?').raw();
    this.upsertValues = new BulkInsert(
      db,
      'INSERT INTO stack_values (item, sample_type, stack, label_set, value)',
      5,
      'ON CONFLICT (item, sample_type, stack, label_set) DO UPDATE SET value = value + excluded.value',
    );
    this.insertTimes = new BulkInsert(db, 'INSERT INTO sample_times (item, seq, stack, time_ns, label_set)', 5);
    this.insertWeights = new BulkInsert(db, 'INSERT INTO sample_weights (item, sample_type, seq, value)', 4);
  }

  stack(parent: number, frames: ArrayLike<number>, from: number, to: number): number {
    const depth = to - from;
    if (!(depth > 0)) throw new Error('a stack segment without frames');
    if (parent !== ROOT_STACK && this.wholeStacks) throw new Error('a stack below another, where every stack is whole');
    if (parent !== ROOT_STACK && !(parent >= 0 && parent < this.localCount))
      throw new Error(`a stack below stack ${parent}, which was not given`);
    if (depth > this.segment.length) this.segment = new Int32Array(Math.max(depth, 2 * this.segment.length));
    const segment = this.segment;
    for (let i = 0; i < depth; i++) segment[i] = this.interner.frameId(frames[from + i] as number);
    // Root-parented: the store's own key (parent 0), so the path table's hashes double as stack_hashes rows.
    const hash = this.hash(parent + 1, segment.subarray(0, depth));
    this.findingParent = parent;
    let local = this.paths.find(hash, segment, depth);
    if (local < 0) local = this.addStack(parent, hash, depth);
    this.functionTotals.stack(local, parent === ROOT_STACK, frames, from, to);
    return local;
  }

  labelSet(labels: SinkLabel[]): number {
    if (labels.length === 0) return 0;
    if (++this.labelSetCount % 256 === 0) batchCheckpoint(this.db);
    return internLabelSet(this.db, labels, this.labelSetsByCanonical);
  }

  sample(stack: number, values: ArrayLike<number>, labelSet: number, timeNs?: number): void {
    if (!(stack >= 0 && stack < this.localCount)) throw new Error(`a sample on stack ${stack}, which was not given`);
    const row = this.rowCount++;
    const types = this.typeCount;
    this.rowStacks[row] = stack;
    this.rowLabelSets[row] = labelSet;
    for (let t = 0; t < types; t++) {
      const v = values[t] as number;
      this.rowValues[row * types + t] = v;
      const total = (this.totals[t] as number) + v;
      this.totals[t] = total;
      // Values and totals are doubles: past 2^53 − 1 they would be stored rounded, so the item is refused instead.
      if (total > MAX_EXACT_COUNT || total < -MAX_EXACT_COUNT) this.refuseCount(t, v);
    }
    this.rowTimes[row] = timeNs ?? Number.NaN;
    this.functionTotals.sample(stack, values[this.defaultType] as number);
    if (this.rowCount === BATCH_ROWS) this.flush();
  }

  /** Throws the refusal of a value, or of the total it brings past 2^53 − 1 (the file's name is added by the caller). */
  private refuseCount(type: number, value: number): never {
    if (value > MAX_EXACT_COUNT || value < -MAX_EXACT_COUNT) throw countTooLarge('a sample value', roundedCount(value));
    const name = this.sampleTypeNames[type] ?? String(type);
    throw countTooLarge(`the total of sample type ${name}`, roundedCount(this.totals[type] as number));
  }

  /** Writes what is left, the stack hashes, the sample types with their totals and the function totals. */
  finish(): number {
    this.flush();
    this.writeStackHashes();
    linkSampleTypes(this.db, this.profileId, this.sampleTypeIds, this.totals);
    if (this.functionTotals.usable) writeFunctionTotalRows(this.db, this.profileId, this.functionTotals.counter);
    else writeItemFunctionTotals(this.db, this.profileId);
    return this.profileId;
  }

  private parentOfStack(local: number): number {
    return this.wholeStacks ? ROOT_STACK : (this.parentOf[local] as number);
  }

  private addStack(parent: number, hash: number, depth: number): number {
    const local = this.paths.add(hash);
    this.localCount = local + 1;
    if (local === this.storeOf.length) this.storeOf = grownInt32(this.storeOf, 2 * local);
    this.storeOf[local] = -1;
    if (!this.wholeStacks) {
      if (local === this.parentOf.length) {
        this.parentOf = grownInt32(this.parentOf, 2 * local);
        this.cacheNodeOf = grownInt32(this.cacheNodeOf, 2 * local);
      }
      this.parentOf[local] = parent;
    }
    if (this.batchFrameCount + depth > this.batchFrames.length) {
      this.batchFrames = grownInt32(
        this.batchFrames,
        Math.max(2 * this.batchFrames.length, this.batchFrameCount + depth),
        this.batchFrameCount,
      );
    }
    this.batchFrames.set(this.segment.subarray(0, depth), this.batchFrameCount);
    this.batchFrameCount += depth;
    this.batchStart.push(this.batchFrameCount);
    this.batchHashes.push(hash);
    if (this.batchHashes.length === BATCH_STACKS || this.batchFrameCount >= BATCH_FRAMES) this.flush();
    return local;
  }

  /** Whether local stack `local` is (findingParent, frames[0 … depth)). */
  private sameSegment(local: number, frames: Int32Array, depth: number): boolean {
    if (this.parentOfStack(local) !== this.findingParent) return false;
    const store = this.storeOf[local] as number;
    let stored: Int32Array;
    let from = 0;
    if (store < 0) {
      const b = local - this.batchFirst;
      from = this.batchStart[b] as number;
      if ((this.batchStart[b + 1] as number) - from !== depth) return false;
      stored = this.batchFrames;
    } else {
      const [blob, storedDepth] = this.storedSegment.get(store) as [Buffer, number];
      if (storedDepth !== depth) return false;
      stored = segmentOfBlob(blob, depth);
    }
    for (let i = 0; i < depth; i++) if (stored[from + i] !== frames[i]) return false;
    return true;
  }

  private flush(): void {
    batchCheckpoint(this.db);
    this.writeBatchStacks();
    this.writeRows();
  }

  /** Finds or writes the batch's new stacks, parents first, and writes them as a chunk of the item's cache. */
  private writeBatchStacks(): void {
    const count = this.batchHashes.length;
    if (count === 0) return;
    const first = this.batchFirst;
    const frames = this.batchFrames;
    const wide = Buffer.from(frames.buffer, frames.byteOffset, this.batchFrameCount * 4);
    const encoded = this.encodeBatch(count);
    const insertStack = new BulkInsert(this.db, 'INSERT INTO stacks (id, parent, frames, depth)', 4);
    const pending: PathRef[] = [];
    const pendingLocals: number[] = [];
    const assignNew = (local: number, parentStore: number, hash: number, b: number, depth: number): void => {
      const id = this.nextStackId++;
      this.storeOf[local] = id;
      const from = this.byteStart[b] as number;
      // A view: SQLite copies the blob when the row is bound, before the batch's buffer is reused.
      insertStack.row(id, parentStore, encoded.subarray(from, from + (this.byteLength[b] as number)), depth);
      if (parentStore !== 0) this.addParentedHash(hash, id);
    };
    const lookUpPending = (): void => {
      if (pending.length === 0) return;
      this.findStored(pending, encoded, wide, (i, stack) => (this.storeOf[pendingLocals[i] as number] = stack));
      pending.forEach((ref, i) => {
        const local = pendingLocals[i] as number;
        if ((this.storeOf[local] as number) < 0) assignNew(local, ref.parent, ref.hash, local - first, ref.depth);
      });
      pending.length = 0;
      pendingLocals.length = 0;
    };
    for (let b = 0; b < count; b++) {
      const local = first + b;
      const parent = this.parentOfStack(local);
      // A parent still waiting for its lookup is resolved first: the child's key holds the parent's id.
      if (parent >= 0 && (this.storeOf[parent] as number) < 0) lookUpPending();
      const parentStore = parent >= 0 ? (this.storeOf[parent] as number) : 0;
      const start = this.batchStart[b] as number;
      const depth = (this.batchStart[b + 1] as number) - start;
      const hash =
        parent >= 0 ? this.hash(parentStore, frames.subarray(start, start + depth)) : (this.batchHashes[b] as number);
      // Only stacks under the root or under a stack stored before this item can be stored already.
      if (this.storeHadStacks && parentStore < this.firstNewStackId) {
        const byteStart = this.byteStart[b] as number;
        const byteLength = this.byteLength[b] as number;
        pending.push({
          hash,
          parent: parentStore,
          byteStart,
          byteLength,
          wideStart: byteLength < 4 * depth ? start : -1,
          depth,
        });
        pendingLocals.push(local);
      } else {
        assignNew(local, parentStore, hash, b, depth);
      }
    }
    lookUpPending();
    insertStack.flush();

    this.writeCacheChunk(first, count);
    this.batchFirst = first + count;
    this.batchFrameCount = 0;
    this.batchStart = [0];
    this.batchHashes = [];
  }

  /**
   * The batch's segments encoded as `stacks.frames` (stack-hash.ts), one after the other in one buffer: segment b
   * at `byteStart[b]`, `byteLength[b]` bytes; wide ones start on a multiple of 4.
   */
  private encodeBatch(count: number): Buffer {
    const frames = this.batchFrames;
    const encoded = Buffer.allocUnsafe(this.batchFrameCount * 4 + 4 * count);
    const narrow = new Uint16Array(encoded.buffer, encoded.byteOffset, encoded.byteLength >> 1);
    const wide = new Int32Array(encoded.buffer, encoded.byteOffset, encoded.byteLength >> 2);
    if (this.byteStart.length < count) {
      this.byteStart = new Int32Array(Math.max(count, 2 * this.byteStart.length));
      this.byteLength = new Int32Array(this.byteStart.length);
    }
    // Every frame id of the item fits in 2 bytes (most stores): all segments narrow, one after the other.
    const allNarrow = this.interner.largestFrameId <= 0xffff;
    if (allNarrow) narrow.set(frames.subarray(0, this.batchFrameCount));
    let at = 0;
    for (let b = 0; b < count; b++) {
      const start = this.batchStart[b] as number;
      const end = this.batchStart[b + 1] as number;
      if (allNarrow) {
        this.byteStart[b] = 2 * start;
        this.byteLength[b] = 2 * (end - start);
        continue;
      }
      if (segmentIsNarrow(frames, start, end)) {
        narrow.set(frames.subarray(start, end), at >> 1);
        this.byteStart[b] = at;
        this.byteLength[b] = 2 * (end - start);
      } else {
        at = (at + 3) & ~3;
        wide.set(frames.subarray(start, end), at >> 2);
        this.byteStart[b] = at;
        this.byteLength[b] = 4 * (end - start);
      }
      at += this.byteLength[b] as number;
    }
    return encoded;
  }

  /** Writes the batch's new stacks as a chunk of the item's stack cache (stack-cache.ts), whole paths sorted first. */
  private writeCacheChunk(first: number, count: number): void {
    const { order, forestFrames } = cacheOrder(
      count,
      (b) => this.parentOfStack(first + b) === ROOT_STACK,
      this.batchStart,
      this.batchFrames,
    );
    const parents = new Int32Array(count);
    const stacks = new Int32Array(count);
    for (let k = 0; k < count; k++) {
      const local = first + (order[k] as number);
      if (!this.wholeStacks) this.cacheNodeOf[local] = this.cacheNodeCount + k;
      const p = this.parentOfStack(local);
      parents[k] = p === ROOT_STACK ? -1 : (this.cacheNodeOf[p] as number);
      stacks[k] = this.storeOf[local] as number;
    }
    this.cacheNodeCount += count;
    writeCacheChunk(this.db, this.profileId, this.nodeChunks++, { parents, stacks, forestFrames });
  }

  /**
   * Writes the batch's samples: per sample type in (stack, label set) order,
   * equal keys summed first (zero sums are not written), then the sample times
   * in sample order.
   */
  private writeRows(): void {
    const count = this.rowCount;
    if (count === 0) return;
    const stackOfRow = new Float64Array(count);
    for (let r = 0; r < count; r++) stackOfRow[r] = this.storeOf[this.rowStacks[r] as number] as number;
    const order = Int32Array.from({ length: count }, (_, r) => r).sort(
      (a, b) =>
        (stackOfRow[a] as number) - (stackOfRow[b] as number) ||
        (this.rowLabelSets[a] as number) - (this.rowLabelSets[b] as number),
    );
    const types = this.typeCount;
    for (let t = 0; t < types; t++) {
      const sampleType = this.sampleTypeIds[t] as number;
      for (let i = 0; i < count;) {
        const r = order[i] as number;
        const stack = stackOfRow[r] as number;
        const labelSet = this.rowLabelSets[r] as number;
        let sum = 0;
        for (; i < count; i++) {
          const q = order[i] as number;
          if (stackOfRow[q] !== stack || this.rowLabelSets[q] !== labelSet) break;
          sum += this.rowValues[q * types + t] as number;
        }
        if (sum !== 0) this.upsertValues.row(this.profileId, sampleType, stack, labelSet, sum);
      }
      this.upsertValues.flush();
    }
    // Timed samples keep their order, time, label set and values: the stack chart reads the order, a selection's
    // time window sums the values of the samples inside it (sample_weights; zero values are not written).
    const firstSeq = this.sampleCount;
    this.sampleCount += count;
    for (let r = 0; r < count; r++) {
      const time = this.rowTimes[r] as number;
      if (!Number.isNaN(time))
        this.insertTimes.row(
          this.profileId,
          firstSeq + r,
          stackOfRow[r] as number,
          time,
          this.rowLabelSets[r] as number,
        );
    }
    this.insertTimes.flush();
    for (let t = 0; t < types; t++) {
      for (let r = 0; r < count; r++) {
        const v = this.rowValues[r * types + t] as number;
        if (v !== 0 && !Number.isNaN(this.rowTimes[r] as number))
          this.insertWeights.row(this.profileId, this.sampleTypeIds[t] as number, firstSeq + r, v);
      }
    }
    this.insertWeights.flush();
    this.rowCount = 0;
  }

  private addParentedHash(hash: number, id: number): void {
    if (this.parentedCount === this.parentedIds.length) {
      const size = Math.max(1024, 2 * this.parentedCount);
      const hashes = new Float64Array(size);
      hashes.set(this.parentedHashes);
      this.parentedHashes = hashes;
      this.parentedIds = grownInt32(this.parentedIds, size);
    }
    this.parentedHashes[this.parentedCount] = hash;
    this.parentedIds[this.parentedCount++] = id;
  }

  /**
   * Writes the hashes of the stacks this item added, once, at the end and in
   * stack_hashes' key order (sort-hash-pairs.ts). Until then they are not
   * needed: the store is searched only for stacks stored before this item;
   * this item's own are found through the path table.
   */
  private writeStackHashes(): void {
    const added = this.nextStackId - this.firstNewStackId;
    const hashes = new Float64Array(added);
    const stacks = new Int32Array(added);
    let count = 0;
    this.paths.drain((hash, local) => {
      const stack = this.storeOf[local] as number;
      if (stack >= this.firstNewStackId && this.parentOfStack(local) === ROOT_STACK) {
        hashes[count] = hash;
        stacks[count++] = stack;
      }
    });
    hashes.set(this.parentedHashes.subarray(0, this.parentedCount), count);
    stacks.set(this.parentedIds.subarray(0, this.parentedCount), count);
    count += this.parentedCount;
    const sorted = sortHashPairs(hashes, stacks, count);
    const insertHash = new BulkInsert(this.db, 'INSERT INTO stack_hashes (hash, stack)', 2);
    for (let i = 0; i < count; i++) insertHash.row(sorted.hashes[i] as number, sorted.stacks[i] as number);
    insertHash.flush();
  }
}

function grownInt32(array: Int32Array, size: number, keep = array.length): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(size);
  bigger.set(array.subarray(0, keep));
  return bigger;
}
