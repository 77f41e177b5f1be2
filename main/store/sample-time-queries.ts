/**
 * Time-ordered samples from `sample_times (profile, seq, stack, time_ns)`, for
 * the stack chart. Samples come back in their file order (seq), each pointing
 * at one of the profile's distinct stacks, whose frames are mapped to function
 * indices as `mergedStacks` (stack-queries.ts) does: one function per store
 * function id, so stacks that differ only in lines share a path.
 */
import type Database from 'better-sqlite3';
import type { TimedSamples } from '../../shared/query/stack-chart-timeline';
import { displayLine, type WeightedStacks } from '../../shared/query/weighted-stacks';

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
export function timedSamples(db: Database.Database, profileId: number): StoredTimedSamples | null {
  const count = db.prepare('SELECT COUNT(*) FROM sample_times WHERE profile = ?').pluck().get(profileId) as number;
  if (count === 0) return null;
  const stack = new Int32Array(count);
  const timeNs = new Float64Array(count);
  const denseOf = new Map<number, number>();
  const storeIds: number[] = [];
  let i = 0;
  const rows = db.prepare('SELECT stack, time_ns FROM sample_times WHERE profile = ? ORDER BY seq').raw();
  for (const [storeStack, time] of rows.iterate(profileId) as Iterable<[number, number]>) {
    if (i === count) break; // rows written since the count: not part of this read
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
  return { samples: { stack: stack.subarray(0, i), timeNs: timeNs.subarray(0, i) }, stacks: stacksOf(db, storeIds) };
}

/** The frames of stacks `storeIds` (in that order), as function sequences. */
function stacksOf(db: Database.Database, storeIds: number[]): WeightedStacks {
  const blobs = new Array<Buffer | undefined>(storeIds.length);
  const position = new Map(storeIds.map((id, k) => [id, k]));
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
  const functions = framesToFunctions(db, funcs);
  return { offsets, funcs, value: new Float64Array(storeIds.length), ...functions };
}

/** Rewrites frame ids in place to dense function indices, and returns those functions' names, files and lines. */
function framesToFunctions(
  db: Database.Database,
  funcs: Int32Array,
): Pick<WeightedStacks, 'functionNames' | 'functionFiles' | 'functionLines'> {
  // Frame ids are dense row ids: a typed array indexed by id maps them, with one query for the functions.
  const maxFrameId = (db.prepare('SELECT MAX(id) FROM frames').pluck().get() as number | null) ?? 0;
  const funcOfFrame = new Int32Array(maxFrameId + 1).fill(-1);
  const frameIds: number[] = [];
  for (const frame of funcs) {
    if (frame < 0 || frame > maxFrameId)
      throw new Error(`a stored stack refers to frame ${frame}, which is not stored`);
    if (funcOfFrame[frame] === -1) {
      funcOfFrame[frame] = -2;
      frameIds.push(frame);
    }
  }
  const rows = db
    .prepare(
      `SELECT fr.id, fn.id, fn.name, fn.file, fn.start_line, fr.line FROM frames fr JOIN functions fn ON fn.id = fr.function
       WHERE fr.id IN (SELECT value FROM json_each(?))`,
    )
    .raw()
    .all(JSON.stringify(frameIds)) as [number, number, string, string, number, number][];
  const funcIndex = new Map<number, number>();
  const functionNames: string[] = [];
  const functionFiles: string[] = [];
  const functionLines: number[] = [];
  for (const [frameId, functionId, name, file, startLine, frameLine] of rows) {
    let index = funcIndex.get(functionId);
    if (index === undefined) {
      index = functionNames.length;
      funcIndex.set(functionId, index);
      functionNames.push(name);
      functionFiles.push(file);
      functionLines.push(startLine);
    }
    functionLines[index] = displayLine(functionLines[index] as number, startLine, frameLine);
    funcOfFrame[frameId] = index;
  }
  for (let i = 0; i < funcs.length; i++) {
    const func = funcOfFrame[funcs[i] as number] as number;
    if (func < 0) throw new Error(`a stored stack refers to frame ${funcs[i]}, which is not stored`);
    funcs[i] = func;
  }
  return { functionNames, functionFiles, functionLines };
}
