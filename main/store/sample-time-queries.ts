/**
 * Time-ordered samples from `sample_times (profile, seq, stack, time_ns,
 * label_set)`, for the stack chart. Samples come back in their file order
 * (seq), each pointing at one of the profile's distinct stacks, whose frames
 * are mapped to function indices as `mergedStacks` (stack-queries.ts) does:
 * one function per store function id (per function and line with `byLine`).
 *
 * A label filter does not remove samples: one whose label set fails it points
 * at an empty stack, as a sample whose frames a filter dropped does, so the
 * chart leaves a gap where it was rather than closing up time.
 */
import type Database from 'better-sqlite3';
import type { StackQueryOptions } from '../../shared/query/filters';
import type { TimedSamples } from '../../shared/query/stack-chart-timeline';
import type { WeightedStacks } from '../../shared/query/weighted-stacks';
import { framesToFunctions } from './frames-to-functions';
import { labelSetCondition } from './label-queries';

/** Stands for "no frames" among the store stack ids of a result: the stack of a sample a label filter leaves out. */
const NO_STACK = -1;

export interface StoredTimedSamples {
  samples: TimedSamples;
  /** The distinct stacks `samples.stack` indexes, as function sequences (values are 0). */
  stacks: WeightedStacks;
}

/** Ids of the profiles among `profileIds` whose samples have times. */
export function profilesWithSampleTimes(db: Database.Database, profileIds: readonly number[]): Set<number> {
  const ids = db
    .prepare(
      `SELECT p.value FROM json_each(?) AS p
       WHERE EXISTS (SELECT 1 FROM sample_times t WHERE t.profile = p.value)`,
    )
    .pluck()
    .all(JSON.stringify(profileIds)) as number[];
  return new Set(ids);
}

/** A profile's samples with their times, or null when it has none. */
export function timedSamples(
  db: Database.Database,
  profileId: number,
  query: StackQueryOptions = {},
): StoredTimedSamples | null {
  const count = db.prepare('SELECT COUNT(*) FROM sample_times WHERE profile = ?').pluck().get(profileId) as number;
  if (count === 0) return null;
  const stack = new Int32Array(count);
  const timeNs = new Float64Array(count);
  const denseOf = new Map<number, number>();
  const storeIds: number[] = [];
  let i = 0;
  const labels = query.labels && query.labels.length > 0 ? labelSetCondition(query.labels) : null;
  const rows = db
    .prepare(
      `SELECT stack, time_ns, ${labels === null ? '1' : `(${labels.sql})`} FROM sample_times WHERE profile = ? ORDER BY seq`,
    )
    .raw();
  const params = [...(labels?.params ?? []), profileId];
  for (const [stored, time, kept] of rows.iterate(...params) as Iterable<[number, number, number]>) {
    if (i === count) break; // rows written since the count: not part of this read
    const storeStack = kept ? stored : NO_STACK;
    let dense = denseOf.get(storeStack);
    if (dense === undefined) {
      dense = storeIds.length;
      denseOf.set(storeStack, dense);
      storeIds.push(storeStack);
    }
    stack[i] = dense;
    timeNs[i] = time;
    i++;
  }
  return {
    samples: { stack: stack.subarray(0, i), timeNs: timeNs.subarray(0, i) },
    stacks: stacksOf(db, storeIds, query.byLine === true),
  };
}

/** The frames of stacks `storeIds` (in that order), as function sequences; NO_STACK has none. */
function stacksOf(db: Database.Database, storeIds: number[], byLine: boolean): WeightedStacks {
  const blobs = new Array<Buffer | undefined>(storeIds.length);
  const position = new Map(storeIds.map((id, k) => [id, k]));
  const noStack = position.get(NO_STACK);
  if (noStack !== undefined) blobs[noStack] = Buffer.alloc(0);
  const rows = db.prepare('SELECT id, frames FROM stacks WHERE id IN (SELECT value FROM json_each(?))').raw();
  for (const [id, frames] of rows.iterate(JSON.stringify(storeIds)) as Iterable<[number, Buffer]>) {
    blobs[position.get(id) as number] = frames;
  }
  const offsets = new Int32Array(storeIds.length + 1);
  blobs.forEach((blob, k) => {
    if (blob === undefined) throw new Error(`sample_times refers to stack ${storeIds[k]}, which is not stored`);
    offsets[k + 1] = (offsets[k] as number) + (blob.byteLength >> 2);
  });
  const funcs = new Int32Array(offsets[storeIds.length] as number);
  blobs.forEach((blob, k) => {
    const frames = blob as Buffer;
    const at = offsets[k] as number;
    const length = frames.byteLength >> 2;
    // Stack blobs are little-endian int32 frame ids, root first (write-profile.ts).
    if (frames.byteOffset % 4 === 0) funcs.set(new Int32Array(frames.buffer, frames.byteOffset, length), at);
    else for (let j = 0; j < length; j++) funcs[at + j] = frames.readInt32LE(j * 4);
  });
  const functions = framesToFunctions(db, funcs, byLine);
  return { offsets, funcs, value: new Float64Array(storeIds.length), ...functions };
}
