/**
 * Writes a pprof profile into the store while pass 2 of the streaming reader
 * decodes it (a SampleSink, shared/import/pprof-stream-sink.ts), so that the
 * import's memory does not grow with the profile: what stays in memory is a
 * 12-byte slot and a stack id per distinct call path, the current batch, and
 * per-function totals. The in-memory model (stack prefix tree, every path's
 * frames) of a 240 MB Go heap profile with 5M distinct stacks took more than
 * 4 GB; the rows written are the same as writeProfile's for the same file.
 *
 * Per sample: its locations become global frame ids (root first), the path
 * is found among the profile's paths by hash and frames (path-table.ts) or
 * is new; its values are queued as rows. Every BATCH_PATHS new paths or
 * BATCH_ROWS rows the batch is written: new paths are looked up among the
 * stored stacks (only when the store held stacks before this profile), the
 * rest inserted with consecutive ids, then the value rows are inserted,
 * summed per (sample type, stack, label set) with an upsert, since the same
 * key can come back in a later batch. The new stacks' hashes are written at
 * the end, sorted, so the stack_hashes index grows by appending.
 *
 * Runs inside the caller's transaction; the caller rolls back on any error.
 */
import type Database from 'better-sqlite3';
import type { LabelSets } from '../../shared/import/pprof-stream-labels';
import type { ResolvedTables } from '../../shared/import/pprof-stream-resolve';
import type { SampleSink } from '../../shared/import/pprof-stream-sink';
import { NO_STACK } from '../../shared/import/pprof-stream-trie-sink';
import { BulkInsert } from './bulk-insert';
import { internLabelSet, type Label } from './intern-label-sets';
import { PathTable } from './path-table';
import { sortHashPairs } from './sort-hash-pairs';
import { stackHash, type StackHash } from './stack-hash';
import { storedStackLookup, type StoredStackLookup } from './stored-stack-lookup';
import { StreamedFunctionTotals } from './streamed-function-totals';
import { insertItemRow, type ItemPlace } from './write-item';
import { internFrames, internFunctions, internSampleTypes, type FunctionsAndFrames } from './write-profile';

/** New paths per batch: the stored-stack lookup takes them in one query. */
const BATCH_PATHS = 20_000;
/** Value rows per batch. */
const BATCH_ROWS = 100_000;

export interface StreamedWriteOptions {
  /** Replaces the stack hash; tests use a constant one to force collisions. */
  stackHash?: StackHash;
  /** Called before each batch is written; throws to stop the import (ImportCancelled). */
  checkpoint?(): void;
}

export class StreamedPprofWriter implements SampleSink {
  readonly profileId: number;
  private readonly db: Database.Database;
  private readonly tables: ResolvedTables;
  private readonly labelSets: LabelSets;
  private readonly hash: StackHash;
  private readonly typeCount: number;
  private readonly frameIds: Int32Array;
  private readonly functionOfFrame = new Map<number, number>();
  private noStackFrame = -1;
  private readonly storeHadStacks: boolean;
  private readonly firstNewStackId: number;
  private nextStackId: number;

  private readonly paths: PathTable;
  /** Per local path: its store stack id, or -1 while it waits in the batch. */
  private stackOfPath = new Int32Array(1 << 12);
  /** Local label set → store label set id (0: not interned yet; set 0, no labels, is 0 in both). */
  private labelSetIds = new Int32Array(64);
  private readonly labelSetsByCanonical = new Map<string, number>();
  private readonly totals: Float64Array;
  private readonly functionTotals: StreamedFunctionTotals;

  // The current sample's global frame ids, root first.
  private frames = new Int32Array(256);

  // The batch: new paths (consecutive local numbers from batchFirstPath) with their frames and hashes…
  private batchFirstPath = 0;
  private batchFrames = new Int32Array(1 << 16);
  private batchFrameCount = 0;
  private batchStart: number[] = [0];
  private batchHashes: number[] = [];
  // …and value rows: local path, store label set, then typeCount values.
  private rowPaths = new Int32Array(BATCH_ROWS);
  private rowLabelSets = new Int32Array(BATCH_ROWS);
  private rowValues: Float64Array;
  private rowCount = 0;

  private readonly findStored: StoredStackLookup;
  private readonly storedFrames: Database.Statement;
  private readonly upsertValues: BulkInsert;
  private readonly sampleTypeIds: number[] = [];
  private readonly checkpoint: () => void;

  constructor(
    db: Database.Database,
    tables: ResolvedTables,
    labelSets: LabelSets,
    place: ItemPlace,
    options: StreamedWriteOptions = {},
  ) {
    this.db = db;
    this.tables = tables;
    this.labelSets = labelSets;
    this.hash = options.stackHash ?? stackHash;
    this.checkpoint = options.checkpoint ?? (() => {});
    this.typeCount = tables.sampleTypes.length;
    this.totals = new Float64Array(this.typeCount);
    this.rowValues = new Float64Array(BATCH_ROWS * this.typeCount);
    this.profileId = insertItemRow(db, place, {
      format: 'pprof',
      kind: tables.kind,
      capturedAtMs: tables.startTimeMs,
      durationNs: tables.durationNs,
      period: tables.period,
      periodType: tables.periodType,
      defaultSampleType: tables.defaultSampleType,
      comments: tables.comments,
    });
    const { model } = tables;
    const local: FunctionsAndFrames = {
      strings: model.strings.strings,
      functions: model.functions,
      frames: model.frames,
    };
    const functionIds = internFunctions(db, local);
    this.frameIds = internFrames(db, local, functionIds);
    model.frames.func.forEach((f, i) => this.functionOfFrame.set(this.frameIds[i] as number, functionIds[f] as number));
    this.functionTotals = new StreamedFunctionTotals((frameId) => this.functionOfFrame.get(frameId) ?? -1);
    this.storeHadStacks = db.prepare('SELECT 1 FROM stacks LIMIT 1').get() !== undefined;
    this.firstNewStackId = db.prepare('SELECT COALESCE(MAX(id), 0) + 1 FROM stacks').pluck().get() as number;
    this.nextStackId = this.firstNewStackId;
    this.paths = new PathTable((path, frames, depth) => this.sameFrames(path, frames, depth));
    this.findStored = storedStackLookup(db);
    this.storedFrames = db.prepare('SELECT frames FROM stacks WHERE id = ?').pluck();
    this.upsertValues = new BulkInsert(
      db,
      'INSERT INTO stack_values (profile, sample_type, stack, label_set, value)',
      5,
      'ON CONFLICT (profile, sample_type, stack, label_set) DO UPDATE SET value = value + excluded.value',
    );
    // Types are linked with their totals at the end; their ids are needed for the rows now.
    for (const vt of tables.sampleTypes) this.sampleTypeIds.push(this.sampleTypeId(vt.type, vt.unit));
  }

  sample(locations: Int32Array, count: number, labelSet: number, values: Float64Array): void {
    const depth = count === 0 ? this.noStackPath() : this.expand(locations, count);
    const frames = this.frames;
    const hash = this.hash(frames.subarray(0, depth));
    let path = this.paths.find(hash, frames, depth);
    if (path < 0) path = this.addPath(hash, depth);

    const types = this.typeCount;
    for (let t = 0; t < types; t++) this.totals[t] = (this.totals[t] as number) + (values[t] as number);
    this.functionTotals.add(frames, depth, values[this.tables.defaultSampleType] as number);

    const row = this.rowCount++;
    this.rowPaths[row] = path;
    this.rowLabelSets[row] = labelSet === 0 ? 0 : this.storeLabelSet(labelSet);
    this.rowValues.set(values.subarray(0, types), row * types);
    if (this.rowCount === BATCH_ROWS || this.batchHashes.length === BATCH_PATHS) this.flush();
  }

  /** Writes what is left, the sample types with their totals and the function index; returns the item id. */
  finish(): number {
    this.flush();
    this.writeStackHashes();
    internSampleTypes(this.db, this.tables.sampleTypes, this.totals, this.profileId);
    this.functionTotals.write(this.db, this.profileId);
    return this.profileId;
  }

  /** The sample's frames, root first, into `frames`; returns the depth. */
  private expand(locations: Int32Array, count: number): number {
    const { frameStart, frames: localFrames } = this.tables;
    const frameIds = this.frameIds;
    let depth = 0;
    for (let k = count - 1; k >= 0; k--) {
      const row = locations[k] as number;
      const from = frameStart[row] as number;
      const to = frameStart[row + 1] as number;
      if (depth + to - from > this.frames.length) this.growFrames(depth + to - from);
      const frames = this.frames;
      for (let j = from; j < to; j++) frames[depth++] = frameIds[localFrames[j] as number] as number;
    }
    return depth;
  }

  /** A sample without locations keeps its value under one "(no stack)" frame, as the model does. */
  private noStackPath(): number {
    if (this.noStackFrame < 0) {
      const noStack: FunctionsAndFrames = {
        strings: ['', NO_STACK],
        functions: { name: [1], systemName: [0], file: [0], startLine: [0] },
        frames: { func: [0], line: [0], column: [0], address: [0], inlined: [0] },
      };
      const functionIds = internFunctions(this.db, noStack);
      this.noStackFrame = internFrames(this.db, noStack, functionIds)[0] as number;
      this.functionOfFrame.set(this.noStackFrame, functionIds[0] as number);
    }
    this.frames[0] = this.noStackFrame;
    return 1;
  }

  private addPath(hash: number, depth: number): number {
    const path = this.paths.add(hash);
    if (path === this.stackOfPath.length) {
      const grown = new Int32Array(path * 2);
      grown.set(this.stackOfPath);
      this.stackOfPath = grown;
    }
    this.stackOfPath[path] = -1;
    if (this.batchFrameCount + depth > this.batchFrames.length) {
      const grown = new Int32Array(Math.max(2 * this.batchFrames.length, this.batchFrameCount + depth));
      grown.set(this.batchFrames.subarray(0, this.batchFrameCount));
      this.batchFrames = grown;
    }
    this.batchFrames.set(this.frames.subarray(0, depth), this.batchFrameCount);
    this.batchFrameCount += depth;
    this.batchStart.push(this.batchFrameCount);
    this.batchHashes.push(hash);
    return path;
  }

  private sameFrames(path: number, frames: Int32Array, depth: number): boolean {
    const stack = this.stackOfPath[path] as number;
    let stored: Int32Array;
    let from = 0;
    if (stack < 0) {
      const b = path - this.batchFirstPath;
      from = this.batchStart[b] as number;
      if ((this.batchStart[b + 1] as number) - from !== depth) return false;
      stored = this.batchFrames;
    } else {
      const blob = this.storedFrames.get(stack) as Buffer;
      if (blob.byteLength !== depth * 4) return false;
      stored = new Int32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength));
    }
    for (let i = 0; i < depth; i++) if (stored[from + i] !== frames[i]) return false;
    return true;
  }

  private storeLabelSet(local: number): number {
    if (local >= this.labelSetIds.length) {
      const grown = new Int32Array(Math.max(2 * this.labelSetIds.length, local + 1));
      grown.set(this.labelSetIds);
      this.labelSetIds = grown;
    }
    let id = this.labelSetIds[local] as number;
    if (id === 0) {
      id = internLabelSet(this.db, this.labelsOf(local), this.labelSetsByCanonical);
      this.labelSetIds[local] = id;
    }
    return id;
  }

  /** A label set of the pass in the store's form (pprof: a label with str set is a string label, else numeric). */
  private labelsOf(local: number): Label[] {
    const strings = this.tables.fileStrings;
    const sets = this.labelSets;
    const labels: Label[] = [];
    for (let i = 0, n = sets.size(local); i < n; i++) {
      const key = strings[sets.get(local, i, 0)] as string;
      const str = sets.get(local, i, 1);
      const unit = sets.get(local, i, 3);
      if (str !== 0) labels.push([key, strings[str] as string, null, null]);
      else labels.push([key, null, sets.get(local, i, 2), unit === 0 ? null : (strings[unit] as string)]);
    }
    return labels;
  }

  private flush(): void {
    this.checkpoint();
    this.writeBatchPaths();
    this.writeRows();
  }

  /** Finds or writes the batch's new paths as store stacks. */
  private writeBatchPaths(): void {
    const count = this.batchHashes.length;
    if (count === 0) return;
    const first = this.batchFirstPath;
    if (this.storeHadStacks) {
      const packed = Buffer.from(this.batchFrames.buffer, 0, this.batchFrameCount * 4);
      const refs = this.batchHashes.map((hash, b) => {
        const start = this.batchStart[b] as number;
        return { hash, start, depth: (this.batchStart[b + 1] as number) - start };
      });
      this.findStored(refs, packed, (b, stack) => (this.stackOfPath[first + b] = stack));
    }
    const insertStack = new BulkInsert(this.db, 'INSERT INTO stacks (id, frames, depth)', 3);
    for (let b = 0; b < count; b++) {
      if ((this.stackOfPath[first + b] as number) >= 0) continue;
      const start = this.batchStart[b] as number;
      const depth = (this.batchStart[b + 1] as number) - start;
      const id = this.nextStackId++;
      this.stackOfPath[first + b] = id;
      // A view, not a copy: SQLite copies a blob when the statement binds it, and every row of the batch is bound
      // (insertStack.flush below) before the batch's buffer is reused.
      insertStack.row(id, Buffer.from(this.batchFrames.buffer, start * 4, depth * 4), depth);
    }
    insertStack.flush();

    this.batchFirstPath = first + count;
    this.batchFrameCount = 0;
    this.batchStart = [0];
    this.batchHashes = [];
  }

  /**
   * Writes the hashes of the stacks this profile added, once, at the end and
   * in stack_hashes' key order (sort-hash-pairs.ts). Until then they are not
   * needed: a path is looked up in the store only for stacks stored before
   * this profile, and this profile's own are found through the path table.
   */
  private writeStackHashes(): void {
    const added = this.nextStackId - this.firstNewStackId;
    const hashes = new Float64Array(added);
    const stacks = new Int32Array(added);
    let count = 0;
    this.paths.drain((hash, path) => {
      const stack = this.stackOfPath[path] as number;
      if (stack >= this.firstNewStackId) {
        hashes[count] = hash;
        stacks[count++] = stack;
      }
    });
    const sorted = sortHashPairs(hashes, stacks, count);
    const insertHash = new BulkInsert(this.db, 'INSERT INTO stack_hashes (hash, stack)', 2);
    for (let i = 0; i < count; i++) insertHash.row(sorted.hashes[i] as number, sorted.stacks[i] as number);
    insertHash.flush();
  }

  /**
   * Writes the batch's value rows, per sample type in (stack, label set)
   * order, equal keys summed first; zero sums are not written, as writeProfile
   * does not write zero values.
   */
  private writeRows(): void {
    const count = this.rowCount;
    if (count === 0) return;
    const stackOfRow = new Float64Array(count);
    for (let r = 0; r < count; r++) stackOfRow[r] = this.stackOfPath[this.rowPaths[r] as number] as number;
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
    }
    this.upsertValues.flush();
    this.rowCount = 0;
  }

  private sampleTypeId(type: string, unit: string): number {
    const found = this.db.prepare('SELECT id FROM sample_types WHERE type = ? AND unit = ?').pluck().get(type, unit);
    if (found !== undefined) return found as number;
    return Number(
      this.db.prepare('INSERT INTO sample_types (type, unit) VALUES (?, ?)').run(type, unit).lastInsertRowid,
    );
  }

  private growFrames(needed: number): void {
    let size = this.frames.length * 2;
    while (size < needed) size *= 2;
    const grown = new Int32Array(size);
    grown.set(this.frames);
    this.frames = grown;
  }
}
