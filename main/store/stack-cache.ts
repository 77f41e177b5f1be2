/**
 * Each item's distinct stacks, packed: one row with every stack's frames
 * (`stack_cache_frames`) and one per sample type with the stacks that have a
 * value of that type and their totals (`stack_cache`). `mergedStacks` of one
 * item without label filters (opening it, every view of it) reads these few
 * blobs instead of `SUM(value) … GROUP BY stack` joined to a row per stack:
 * on deep-node.cpuprofile's 112k stacks that query took 500 ms of a first
 * paint. It holds nothing that stack_values and stacks do not: the same
 * stacks, the same sums, in stack id order as the query returns them.
 *
 * Written with the item by writeProfile, from what it has in memory. Items
 * without it (written before migration 5, or by the streamed pprof writer,
 * whose profiles may have more stacks than one blob can hold) are read by the
 * query.
 */
import type Database from 'better-sqlite3';
import type { Profile } from '../../shared/profile/model';
import type { InternedStacks } from './intern-stacks';
import { framesOfBlob } from './stack-hash';

/** Frames above this are not cached (4 bytes each; SQLite caps a blob at 1 GB). */
const MAX_CACHED_FRAMES = 64 * 1024 * 1024;

export function writeStackCache(
  db: Database.Database,
  profileId: number,
  profile: Profile,
  stacks: InternedStacks,
  sampleTypeIds: readonly number[],
): void {
  const { stackOfPath, pathOfSample } = stacks;
  const pathCount = stackOfPath.length;
  const order = new Int32Array(pathCount);
  for (let p = 0; p < pathCount; p++) order[p] = p;
  // Into a fresh store paths get ascending stack ids already; only stacks stored before need the sort.
  let ascending = true;
  for (let p = 1; p < pathCount && ascending; p++)
    ascending = (stackOfPath[p] as number) > (stackOfPath[p - 1] as number);
  if (!ascending) order.sort((a, b) => (stackOfPath[a] as number) - (stackOfPath[b] as number));
  let frameCount = 0;
  for (let p = 0; p < pathCount; p++) frameCount += stacks.pathFrames(p).length;
  if (frameCount > MAX_CACHED_FRAMES) return;

  const offsets = new Int32Array(pathCount + 1);
  const frames = new Int32Array(frameCount);
  // rank[path]: the path's place in stack id order, the index the per-type rows refer to.
  const rank = new Int32Array(pathCount);
  for (let k = 0; k < pathCount; k++) {
    const path = order[k] as number;
    const pathFrames = stacks.pathFrames(path);
    frames.set(pathFrames, offsets[k] as number);
    offsets[k + 1] = (offsets[k] as number) + pathFrames.length;
    rank[path] = k;
  }
  db.prepare('INSERT INTO stack_cache_frames (profile, offsets, frames) VALUES (?, ?, ?)').run(
    profileId,
    blobOf(offsets),
    blobOf(frames),
  );

  const insert = db.prepare('INSERT INTO stack_cache (profile, sample_type, paths, totals) VALUES (?, ?, ?, ?)');
  const totals = new Float64Array(pathCount);
  // As stack_values: a stack has a row for a type when one of its samples has a non-zero value of it.
  const present = new Uint8Array(pathCount);
  profile.samples.values.forEach((column, position) => {
    totals.fill(0);
    present.fill(0);
    for (let i = 0; i < column.length; i++) {
      const value = column[i] as number;
      if (value === 0) continue;
      const k = rank[pathOfSample[i] as number] as number;
      totals[k] = (totals[k] as number) + value;
      present[k] = 1;
    }
    let keptCount = 0;
    for (let k = 0; k < pathCount; k++) keptCount += present[k] as number;
    const kept = new Int32Array(keptCount);
    const keptTotals = new Float64Array(keptCount);
    for (let k = 0, at = 0; k < pathCount; k++) {
      if (present[k] !== 1) continue;
      kept[at] = k;
      keptTotals[at++] = totals[k] as number;
    }
    insert.run(profileId, sampleTypeIds[position], blobOf(kept), blobOf(keptTotals));
  });
}

export interface CachedStacks {
  /** Frames of each stack with a value, in stack id order, packed: stack i is funcs[offsets[i] … offsets[i + 1]). */
  offsets: Int32Array;
  frames: Int32Array;
  value: Float64Array;
}

/** One item's stacks of one sample type from the cache, or null when the item has none. */
export function readStackCache(db: Database.Database, profileId: number, sampleTypeId: number): CachedStacks | null {
  const row = db
    .prepare(
      `SELECT f.offsets, f.frames, c.paths, c.totals FROM stack_cache c
       JOIN stack_cache_frames f ON f.profile = c.profile
       WHERE c.profile = ? AND c.sample_type = ?`,
    )
    .raw()
    .get(profileId, sampleTypeId) as [Buffer, Buffer, Buffer, Buffer] | undefined;
  if (row === undefined) return null;
  const [offsetsBlob, framesBlob, pathsBlob, totalsBlob] = row;
  const allOffsets = framesOfBlob(offsetsBlob);
  const allFrames = framesOfBlob(framesBlob);
  const paths = framesOfBlob(pathsBlob);
  const value = new Float64Array(
    totalsBlob.buffer.slice(totalsBlob.byteOffset, totalsBlob.byteOffset + totalsBlob.byteLength),
  );
  const offsets = new Int32Array(paths.length + 1);
  for (let i = 0; i < paths.length; i++) {
    const k = paths[i] as number;
    offsets[i + 1] = (offsets[i] as number) + (allOffsets[k + 1] as number) - (allOffsets[k] as number);
  }
  const frames = new Int32Array(offsets[paths.length] as number);
  for (let i = 0; i < paths.length; i++) {
    const k = paths[i] as number;
    frames.set(allFrames.subarray(allOffsets[k] as number, allOffsets[k + 1] as number), offsets[i] as number);
  }
  return { offsets, frames, value };
}

/** A typed array's bytes as a blob (little-endian on every platform Kiln builds for, as stacks.frames). */
function blobOf(array: Int32Array | Float64Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}
