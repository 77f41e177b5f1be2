/**
 * Stored stacks hold global frame ids; every view wants dense function
 * indices with the functions' names, files and lines. One query resolves the
 * frames a result uses, and the ids are rewritten in place.
 */
import type Database from 'better-sqlite3';
import { displayLine, type WeightedStacks } from '../../shared/query/weighted-stacks';

export type FunctionColumns = Pick<WeightedStacks, 'functionNames' | 'functionFiles' | 'functionLines'>;

/**
 * Rewrites `frames` (global frame ids) in place to dense function indices. `byLine` makes each (function, line) its
 * own entry, named `name:line` as pprof's `-lines` does (frames differing only in column or inlining share one).
 */
export function framesToFunctions(db: Database.Database, frames: Int32Array, byLine = false): FunctionColumns {
  // Frame ids are dense row ids: a typed array indexed by id maps them, with one query for the functions.
  const maxFrameId = (db.prepare('SELECT MAX(id) FROM frames').pluck().get() as number | null) ?? 0;
  const indexOfFrame = new Int32Array(maxFrameId + 1).fill(-1);
  const usedFrames: number[] = [];
  for (const frame of frames) {
    if (frame < 0 || frame > maxFrameId)
      throw new Error(`a stored stack refers to frame ${frame}, which is not stored`);
    if (indexOfFrame[frame] === -1) {
      indexOfFrame[frame] = -2;
      usedFrames.push(frame);
    }
  }
  const rows = db
    .prepare(
      `SELECT fr.id, fn.id, fn.name, fn.file, fn.start_line, fr.line FROM frames fr JOIN functions fn ON fn.id = fr.function
       WHERE fr.id IN (SELECT value FROM json_each(?))`,
    )
    .raw()
    .all(JSON.stringify(usedFrames)) as [number, number, string, string, number, number][];
  const indexOfKey = new Map<string | number, number>();
  const functionNames: string[] = [];
  const functionFiles: string[] = [];
  const functionLines: number[] = [];
  for (const [frameId, functionId, name, file, startLine, frameLine] of rows) {
    const key = byLine ? `${functionId}:${frameLine}` : functionId;
    let index = indexOfKey.get(key);
    if (index === undefined) {
      index = functionNames.length;
      indexOfKey.set(key, index);
      // pprof leaves the line out of a node's name when it is unknown (0).
      functionNames.push(byLine && frameLine > 0 ? `${name}:${frameLine}` : name);
      functionFiles.push(file);
      functionLines.push(byLine && frameLine > 0 ? frameLine : startLine);
    }
    if (!byLine || frameLine <= 0)
      functionLines[index] = displayLine(functionLines[index] as number, startLine, frameLine);
    indexOfFrame[frameId] = index;
  }
  for (let i = 0; i < frames.length; i++) {
    const index = indexOfFrame[frames[i] as number] as number;
    if (index < 0) throw new Error(`a stored stack refers to frame ${frames[i]}, which is not stored`);
    frames[i] = index;
  }
  return { functionNames, functionFiles, functionLines };
}
