/**
 * Stored stacks with a value, with every ancestor stack they hang from, as
 * Segments (stack-segments.ts). Stack ids grow from parent to child
 * (sample-writer.ts), so id order is topological order.
 *
 * Three kinds of query, none of which returns a row per stack (a window of
 * 1,000 Go CPU captures, ~200,000 value rows over ~40,000 stacks, took
 * 60–250 ms as one recursive query that grouped the values, climbed the
 * parents and joined the stacks, row by row; these take a few ms):
 * 1. the values: (stack, total) rows as two JSON arrays, summed per stack here;
 * 2. the stacks, a batch of ids at a time: their parents, depths and blob
 *    lengths as JSON arrays and their frames as one concatenated blob
 *    (as stack-cache.ts CacheChunkDecoder reads a chunk);
 * 3. the parents not read yet, the same way, until none is missing (pprof
 *    items store each path whole under the root: usually no round at all).
 */
import type Database from 'better-sqlite3';
import type { Segments } from './stack-segments';

export interface ValuedSegments {
  segments: Segments;
  /** Per node: its store stack id. */
  stackIds: Int32Array;
  value: Float64Array;
  present: Uint8Array;
}

/** Stacks read per query: bounds the concatenated blob (deep stacks are kilobytes each). */
const BATCH = 20_000;

/**
 * `valuesSql` selects (stack, total) rows, e.g. rows of stack_values; its parameters are `params`.
 * Stacks it selects twice are summed. Stacks that are not stored are left out.
 */
export function storedSegments(db: Database.Database, valuesSql: string, params: readonly unknown[]): ValuedSegments {
  return segmentsOfSums(db, storedStackSums(db, valuesSql, params));
}

/** The rows of `valuesSql` (stack, total) summed per stack, in one query. */
export function storedStackSums(db: Database.Database, valuesSql: string, params: readonly unknown[]): StackSums {
  // SQLite (3.53, bundled by better-sqlite3) writes a REAL in JSON as the shortest text that reads back as the same
  // double, so the values are exact.
  // A whole-number total is written as an integer: the same number, and a third of the time of writing a REAL's
  // shortest digits (a window of 633 Go CPU captures: 130,000 rows, 42 → 30 ms). NULL stays NULL.
  const [stacksJson, totalsJson] = db
    .prepare(
      `SELECT json_group_array(stack),
              json_group_array(CASE WHEN total = CAST(total AS INTEGER) THEN CAST(total AS INTEGER) ELSE total END)
       FROM (${valuesSql})`,
    )
    .raw()
    .get(...params) as [string, string];
  return summedPerStack(JSON.parse(stacksJson) as number[], JSON.parse(totalsJson) as (number | null)[]);
}

/** The stacks of `totals` with every ancestor they hang from, as segments with their values. */
export function segmentsOfSums(db: Database.Database, totals: StackSums): ValuedSegments {
  const rows = new StackRows(db);
  rows.readRange(totals.ids);
  // The ancestors of what was read, a round per level that is missing (none for whole paths under the root).
  for (let missing = rows.missingParents(); missing.length > 0; missing = rows.missingParents()) rows.read(missing);
  return rows.segments(totals);
}

/** Distinct stack ids, ascending, each with its sum (`has` 0: every total of it was null, as SQL's SUM). */
export interface StackSums {
  ids: Int32Array;
  sums: Float64Array;
  has: Uint8Array;
}

/**
 * The values summed per stack: in arrays over the ids' range when it is not much wider than the rows are many
 * (a service's stacks are written together: their ids are close), else in a map. 200,000 rows: ~1 ms.
 */
function summedPerStack(stacks: readonly number[], totals: readonly (number | null)[]): StackSums {
  const count = stacks.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let r = 0; r < count; r++) {
    const id = stacks[r] as number;
    if (id < lo) lo = id;
    if (id > hi) hi = id;
  }
  if (count === 0) return { ids: new Int32Array(0), sums: new Float64Array(0), has: new Uint8Array(0) };
  const width = hi - lo + 1;
  if (width <= 4 * count + 65_536) {
    const sum = new Float64Array(width);
    // 0: no row; 1: rows, all null; 2: a value.
    const state = new Uint8Array(width);
    for (let r = 0; r < count; r++) {
      const at = (stacks[r] as number) - lo;
      const total = totals[r] as number | null;
      if (total !== null) {
        sum[at] = (sum[at] as number) + total;
        state[at] = 2;
      } else if (state[at] === 0) state[at] = 1;
    }
    let distinct = 0;
    for (let i = 0; i < width; i++) if (state[i] !== 0) distinct++;
    const ids = new Int32Array(distinct);
    const sums = new Float64Array(distinct);
    const has = new Uint8Array(distinct);
    for (let i = 0, k = 0; i < width; i++) {
      if (state[i] === 0) continue;
      ids[k] = i + lo;
      sums[k] = sum[i] as number;
      has[k++] = state[i] === 2 ? 1 : 0;
    }
    return { ids, sums, has };
  }
  const byId = new Map<number, number | null>();
  for (let r = 0; r < count; r++) {
    const stack = stacks[r] as number;
    const total = totals[r] as number | null;
    const sum = byId.get(stack) ?? null;
    byId.set(stack, total === null ? sum : (sum ?? 0) + total);
  }
  const ids = Int32Array.from(byId.keys()).sort();
  const sums = new Float64Array(ids.length);
  const has = new Uint8Array(ids.length);
  ids.forEach((id, k) => {
    const sum = byId.get(id) ?? null;
    sums[k] = sum ?? 0;
    has[k] = sum === null ? 0 : 1;
  });
  return { ids, sums, has };
}

/** One query's stacks: ids, parents, depths, where each one's frames start in the concatenated blob (uint16s). */
interface StackBatch {
  ids: number[];
  parents: number[];
  depths: number[];
  unitStart: Int32Array;
  narrow: Uint16Array;
}

/** Stored stacks read so far, batch by batch; `entryOf` finds an id's batch and position. */
class StackRows {
  private readonly statement: Database.Statement;
  private readonly batches: StackBatch[] = [];
  /** Per id read: batch × 2^20 + position in it (a batch holds at most BATCH stacks). */
  private readonly entryOf = new IdEntries();
  private rounds = 0;
  /** Batches whose parents missingParents has looked at. */
  private checked = 0;

  /** The same columns over a range of ids, in id order. */
  private readonly rangeStatement: Database.Statement;
  /** Stacks were read by range: some may be neither asked for nor an ancestor of one (segments leaves them out). */
  private ranged = false;

  constructor(db: Database.Database) {
    const columns = `CAST(group_concat(s.frames, '') AS BLOB), json_group_array(s.id), json_group_array(s.parent),
                     json_group_array(s.depth), json_group_array(length(s.frames))`;
    this.statement = db.prepare(`SELECT ${columns} FROM json_each(?) n JOIN stacks s ON s.id = n.value`).raw();
    this.rangeStatement = db.prepare(`SELECT ${columns} FROM stacks s WHERE s.id BETWEEN ? AND ?`).raw();
  }

  /**
   * The ids asked for (ascending) when they fill most of their range, as a service's stacks do (its captures are
   * written together): the range, one scan of the table a batch of ids at a time, which also reads most of their
   * ancestors (stored just before them). A lookup per id, and a round per level of missing parents, took twice as
   * long (633 Go CPU captures: 110,000 stacks, 45 → 28 ms).
   */
  readRange(ids: Int32Array): void {
    const count = ids.length;
    const lo = count > 0 ? (ids[0] as number) : 0;
    const hi = count > 0 ? (ids[count - 1] as number) : -1;
    if (count < BATCH || hi - lo + 1 > 1.5 * count) {
      this.read(ids);
      return;
    }
    this.rounds++;
    this.ranged = true;
    for (let from = lo; from <= hi; from += BATCH) {
      const [blob, idsJson, parentsJson, depthsJson, lengthsJson] = this.rangeStatement.get(
        from,
        Math.min(hi, from + BATCH - 1),
      ) as [Buffer | null, string, string, string, string];
      this.addBatch(blob, idsJson, parentsJson, depthsJson, lengthsJson);
    }
  }

  read(ids: ArrayLike<number>): void {
    this.rounds++;
    let batch: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i] as number;
      if (this.entryOf.has(id)) continue;
      batch.push(id);
      if (batch.length === BATCH) {
        this.readBatch(batch);
        batch = [];
      }
    }
    if (batch.length > 0) this.readBatch(batch);
  }

  private readBatch(asked: readonly number[]): void {
    const [blob, idsJson, parentsJson, depthsJson, lengthsJson] = this.statement.get(JSON.stringify(asked)) as [
      Buffer | null,
      string,
      string,
      string,
      string,
    ];
    this.addBatch(blob, idsJson, parentsJson, depthsJson, lengthsJson);
  }

  private addBatch(blob: Buffer | null, idsJson: string, parentsJson: string, depthsJson: string, lengthsJson: string) {
    const ids = JSON.parse(idsJson) as number[];
    const lengths = JSON.parse(lengthsJson) as number[];
    const unitStart = new Int32Array(ids.length + 1);
    for (let i = 0; i < ids.length; i++) unitStart[i + 1] = (unitStart[i] as number) + ((lengths[i] as number) >> 1);
    const bytes = blob ?? Buffer.alloc(0);
    // Every blob is a whole number of uint16s: a copy when the buffer's offset is odd.
    const aligned = bytes.byteOffset % 2 === 0 ? bytes : Buffer.from(bytes);
    const b = this.batches.length;
    this.batches.push({
      ids,
      parents: JSON.parse(parentsJson) as number[],
      depths: JSON.parse(depthsJson) as number[],
      unitStart,
      narrow: new Uint16Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 1),
    });
    for (let i = 0; i < ids.length; i++) this.entryOf.set(ids[i] as number, b * 2 ** 20 + i);
  }

  /**
   * Parents of the stacks read that are not read themselves (0: no parent). Only the batches of the last round
   * are looked at: the parents the earlier ones missed were read by this round. (A Go service's stacks hang up to
   * 11 levels deep: every round scanning every batch read was most of the read.)
   */
  missingParents(): number[] {
    const missing = new Set<number>();
    for (let b = this.checked; b < this.batches.length; b++)
      for (const parent of (this.batches[b] as StackBatch).parents)
        if (parent !== 0 && !this.entryOf.has(parent)) missing.add(parent);
    this.checked = this.batches.length;
    return [...missing];
  }

  /** The ids read that were asked for (`totals`) or that one of those hangs from, ascending. */
  private neededIds(totals: StackSums): Int32Array {
    const read = this.entryOf.sortedIds();
    const count = read.length;
    const nodeOf = new NodeOfId(read);
    const needed = new Uint8Array(count);
    for (let n = 0, k = 0; n < count && k < totals.ids.length; n++) {
      while (k < totals.ids.length && (totals.ids[k] as number) < (read[n] as number)) k++;
      if (totals.ids[k] === read[n]) needed[n] = 1;
    }
    let kept = 0;
    // Children after parents (ids grow from parent to child): one pass down marks every ancestor.
    for (let n = count - 1; n >= 0; n--) {
      if (needed[n] !== 1) continue;
      kept++;
      const entry = this.entryOf.get(read[n] as number);
      const parentId = (this.batches[Math.floor(entry / 2 ** 20)] as StackBatch).parents[entry % 2 ** 20] as number;
      const p = parentId !== 0 ? nodeOf.get(parentId) : -1;
      if (p >= 0) needed[p] = 1;
    }
    if (kept === count) return read;
    const ids = new Int32Array(kept);
    for (let n = 0, at = 0; n < count; n++) if (needed[n] === 1) ids[at++] = read[n] as number;
    return ids;
  }

  /** Every stack read, in id order, as segments with the values of `totals`. */
  segments(totals: StackSums): ValuedSegments {
    const onlyAsked = !this.ranged && this.rounds === 1 && this.entryOf.size === totals.ids.length;
    // Usually exactly the ids asked for, already ascending; with ancestors added (or ids not stored), sorted again.
    const stackIds = onlyAsked ? totals.ids : this.ranged ? this.neededIds(totals) : this.entryOf.sortedIds();
    const count = stackIds.length;
    const parent = new Int32Array(count);
    const offsets = new Int32Array(count + 1);
    const value = new Float64Array(count);
    const present = new Uint8Array(count);
    const entries = new Int32Array(count);
    const nodeOf = new NodeOfId(stackIds);
    this.batches.forEach(({ ids }, b) => {
      for (let i = 0; i < ids.length; i++) {
        const n = nodeOf.get(ids[i] as number);
        if (n >= 0) entries[n] = b * 2 ** 20 + i;
      }
    });
    let frameCount = 0;
    let k = 0;
    for (let n = 0; n < count; n++) {
      const id = stackIds[n] as number;
      const entry = entries[n] as number;
      const batch = this.batches[Math.floor(entry / 2 ** 20)] as StackBatch;
      const parentId = batch.parents[entry % 2 ** 20] as number;
      if (parentId !== 0) {
        const p = nodeOf.get(parentId);
        if (p < 0 || p >= n) throw new Error(`stack ${id} hangs from stack ${parentId}, which is not stored before it`);
        parent[n] = p;
      } else {
        parent[n] = -1;
      }
      frameCount += batch.depths[entry % 2 ** 20] as number;
      offsets[n + 1] = frameCount;
      // The values' ids are ascending, as stackIds: one pass finds each one's sum.
      while (k < totals.ids.length && (totals.ids[k] as number) < id) k++;
      if (k < totals.ids.length && totals.ids[k] === id && totals.has[k] === 1) {
        value[n] = totals.sums[k] as number;
        present[n] = 1;
      }
    }
    const frames = new Int32Array(frameCount);
    for (let n = 0; n < count; n++) {
      const entry = entries[n] as number;
      const batch = this.batches[Math.floor(entry / 2 ** 20)] as StackBatch;
      const i = entry % 2 ** 20;
      const depth = batch.depths[i] as number;
      const from = batch.unitStart[i] as number;
      const units = (batch.unitStart[i + 1] as number) - from;
      const at = offsets[n] as number;
      const narrow = batch.narrow;
      // stacks.frames: little-endian uint16s when every id fits, else int32s (stack-hash.ts segmentOfBlob).
      if (units === depth) for (let j = 0; j < depth; j++) frames[at + j] = narrow[from + j] as number;
      else if (units === 2 * depth)
        for (let j = 0; j < depth; j++)
          frames[at + j] = (narrow[from + 2 * j] as number) | ((narrow[from + 2 * j + 1] as number) << 16);
      else throw new Error(`a stack of ${depth} frames has a blob of ${2 * units} bytes`);
    }
    return { segments: { parent, offsets, frames }, stackIds, value, present };
  }
}

/**
 * Node of each stack id (its position in `ids`, ascending), -1 for an id not there: an array over the ids' range
 * when it is not much wider than the ids are many (a service's stacks are written together), else a map. Two
 * Map operations per stack were a third of the read of a 1,000-capture window.
 */
class NodeOfId {
  private readonly lo: number;
  private readonly dense: Int32Array | null = null;
  private readonly sparse: Map<number, number> | null = null;

  constructor(ids: Int32Array) {
    const count = ids.length;
    this.lo = count > 0 ? (ids[0] as number) : 0;
    const width = count > 0 ? (ids[count - 1] as number) - this.lo + 1 : 0;
    if (width <= 4 * count + 65_536) {
      const dense = new Int32Array(width).fill(-1);
      for (let n = 0; n < count; n++) dense[(ids[n] as number) - this.lo] = n;
      this.dense = dense;
    } else {
      const sparse = new Map<number, number>();
      for (let n = 0; n < count; n++) sparse.set(ids[n] as number, n);
      this.sparse = sparse;
    }
  }

  get(id: number): number {
    if (this.dense !== null) {
      const at = id - this.lo;
      return at >= 0 && at < this.dense.length ? (this.dense[at] as number) : -1;
    }
    return (this.sparse as Map<number, number>).get(id) ?? -1;
  }
}

/**
 * Stack id → entry (a non-negative integer): an array over the ids' range, grown either way, while the range is not
 * much wider than the ids are many (a service's stacks are written together), else a map. A Map of 110,000 stacks
 * and its keys sorted were a third of the read of a window of 633 Go CPU captures.
 */
class IdEntries {
  private lo = 0;
  private dense: Int32Array | null = new Int32Array(0);
  private sparse: Map<number, number> | null = null;
  size = 0;

  get(id: number): number {
    if (this.dense !== null) {
      const at = id - this.lo;
      return at >= 0 && at < this.dense.length ? (this.dense[at] as number) : -1;
    }
    return (this.sparse as Map<number, number>).get(id) ?? -1;
  }

  has(id: number): boolean {
    return this.get(id) !== -1;
  }

  /** Sets a new id's entry. */
  set(id: number, entry: number): void {
    this.size++;
    if (this.dense !== null && entry <= 0x7fffffff) {
      const at = id - this.lo;
      if (at >= 0 && at < this.dense.length) {
        this.dense[at] = entry;
        return;
      }
      if (this.regrow(id)) {
        (this.dense as Int32Array)[id - this.lo] = entry;
        return;
      }
    }
    (this.sparse ?? this.toSparse()).set(id, entry);
  }

  /** Every id set, ascending. */
  sortedIds(): Int32Array {
    const ids = new Int32Array(this.size);
    if (this.dense !== null) {
      const dense = this.dense;
      for (let at = 0, k = 0; at < dense.length; at++) if (dense[at] !== -1) ids[k++] = at + this.lo;
      return ids;
    }
    let k = 0;
    for (const id of (this.sparse as Map<number, number>).keys()) ids[k++] = id;
    return ids.sort();
  }

  /** Widens the array to hold `id`; false (and nothing changed) when it would be too sparse. */
  private regrow(id: number): boolean {
    const old = this.dense as Int32Array;
    if (old.length === 0) {
      this.lo = id;
      this.dense = new Int32Array(1024).fill(-1);
      return true;
    }
    const hi = this.lo + old.length - 1;
    const width = Math.max(hi, id) - Math.min(this.lo, id) + 1;
    if (width > 4 * this.size + 65_536) return false;
    const length = Math.max(width, 2 * old.length);
    const lo = id < this.lo ? hi - length + 1 : this.lo;
    const dense = new Int32Array(length).fill(-1);
    dense.set(old, this.lo - lo);
    this.lo = lo;
    this.dense = dense;
    return true;
  }

  private toSparse(): Map<number, number> {
    const sparse = new Map<number, number>();
    const dense = this.dense;
    if (dense !== null)
      for (let at = 0; at < dense.length; at++) if (dense[at] !== -1) sparse.set(at + this.lo, dense[at] as number);
    this.dense = null;
    this.sparse = sparse;
    return sparse;
  }
}
