/**
 * Global ids for an item's functions, frames and sample types. Functions and
 * frames are interned globally (frame identity leaves out the address, so one
 * source line in two builds of a binary is one frame) and number in the
 * thousands at most: they are looked up row by row, and only when the store
 * already holds some. The frame table may grow while samples arrive (a feeder
 * adds "(no stack)" when it first needs it), so frames are interned up to the
 * highest row asked for.
 */
import type Database from 'better-sqlite3';
import type { ValueType } from '../../shared/profile/model';
import type { SinkTables } from '../../shared/profile/sample-sink';
import { batchCheckpoint } from './batch-checkpoint';

export class FrameInterner {
  /** Global frame id per local frame row interned so far. */
  frameIds = new Int32Array(0);
  /** The largest store frame id interned so far (narrow stack blobs: stack-hash.ts). */
  largestFrameId = 0;
  /** Global function id per local function row interned so far. */
  functionIds = new Int32Array(0);
  private readonly findFunction: Database.Statement;
  private readonly insertFunction: Database.Statement;
  private readonly findFrame: Database.Statement;
  private readonly insertFrame: Database.Statement;
  private readonly functionByKey = new Map<string, number>();
  private readonly frameByKey = new Map<string, number>();
  private readonly functionsWereEmpty: boolean;
  private readonly framesWereEmpty: boolean;

  constructor(
    private readonly db: Database.Database,
    private readonly tables: Pick<SinkTables, 'strings' | 'functions' | 'frames'>,
  ) {
    this.findFunction = db
      .prepare('SELECT id FROM functions WHERE name = ? AND system_name = ? AND file = ? AND start_line = ?')
      .pluck();
    this.insertFunction = db.prepare('INSERT INTO functions (name, system_name, file, start_line) VALUES (?, ?, ?, ?)');
    this.findFrame = db
      .prepare('SELECT id FROM frames WHERE function = ? AND line = ? AND col = ? AND inlined = ?')
      .pluck();
    this.insertFrame = db.prepare('INSERT INTO frames (function, line, col, inlined) VALUES (?, ?, ?, ?)');
    this.functionsWereEmpty = db.prepare('SELECT 1 FROM functions LIMIT 1').get() === undefined;
    this.framesWereEmpty = db.prepare('SELECT 1 FROM frames LIMIT 1').get() === undefined;
    this.internUpTo(tables.frames.func.length);
  }

  /** The global id of local frame `row`. */
  frameId(row: number): number {
    if (row >= this.frameIds.length) this.internUpTo(row + 1);
    return this.frameIds[row] as number;
  }

  /** The store function id of local frame `row`, once `frameId(row)` has interned it. */
  functionOf(row: number): number {
    return this.functionIds[this.tables.frames.func[row] as number] as number;
  }

  /** Interns every function and frame row below `frameCount` (and every function row of the table). */
  private internUpTo(frameCount: number): void {
    const { strings, functions, frames } = this.tables;
    if (frameCount > frames.func.length)
      throw new Error(`a stack points at frame ${frameCount - 1}, which the profile does not have`);
    const str = (index: number | undefined): string => strings[index ?? 0] ?? '';
    const lastFunctionBefore = this.db.prepare('SELECT COALESCE(MAX(id), 0) FROM functions').pluck().get() as number;
    const functionIds = grown(this.functionIds, functions.name.length);
    for (let i = this.functionIds.length; i < functions.name.length; i++) {
      // The store's cancellation point (batch-checkpoint.ts), every few hundred rows.
      if (i % 256 === 0) batchCheckpoint(this.db);
      const row = [
        str(functions.name[i]),
        str(functions.systemName[i]),
        str(functions.file[i]),
        functions.startLine[i] ?? 0,
      ] as const;
      const key = JSON.stringify(row);
      let id =
        this.functionByKey.get(key) ??
        (this.functionsWereEmpty ? undefined : (this.findFunction.get(...row) as number | undefined));
      if (id === undefined) id = Number(this.insertFunction.run(...row).lastInsertRowid);
      this.functionByKey.set(key, id);
      functionIds[i] = id;
    }
    this.functionIds = functionIds;
    // function_search is an external-content FTS table over functions: it must list every new row.
    this.db
      .prepare('INSERT INTO function_search (rowid, name) SELECT id, name FROM functions WHERE id > ?')
      .run(lastFunctionBefore);

    const frameIds = grown(this.frameIds, frameCount);
    for (let i = this.frameIds.length; i < frameCount; i++) {
      if (i % 256 === 0) batchCheckpoint(this.db);
      const f = frames.func[i] as number;
      if (!(f >= 0 && f < functionIds.length)) {
        throw new Error(`frame ${i} points at function ${f}, which the profile does not have`);
      }
      const row = [
        functionIds[f] as number,
        frames.line[i] ?? 0,
        frames.column[i] ?? 0,
        frames.inlined[i] ? 1 : 0,
      ] as const;
      const key = `${row[0]},${row[1]},${row[2]},${row[3]}`;
      let id =
        this.frameByKey.get(key) ??
        (this.framesWereEmpty ? undefined : (this.findFrame.get(...row) as number | undefined));
      if (id === undefined) id = Number(this.insertFrame.run(...row).lastInsertRowid);
      this.frameByKey.set(key, id);
      frameIds[i] = id;
      if (id > this.largestFrameId) this.largestFrameId = id;
    }
    this.frameIds = frameIds;
  }
}

function grown(array: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> {
  if (length <= array.length) return array;
  const bigger = new Int32Array(length);
  bigger.set(array);
  return bigger;
}

/** Global sample type ids (found or written), in the item's order. */
export function internSampleTypes(db: Database.Database, sampleTypes: readonly ValueType[]): number[] {
  const find = db.prepare('SELECT id FROM sample_types WHERE type = ? AND unit = ?').pluck();
  const insert = db.prepare('INSERT INTO sample_types (type, unit) VALUES (?, ?)');
  return sampleTypes.map(
    (vt) => (find.get(vt.type, vt.unit) as number | undefined) ?? Number(insert.run(vt.type, vt.unit).lastInsertRowid),
  );
}

/** Links the item to its sample types, in order, with each type's total. */
export function linkSampleTypes(
  db: Database.Database,
  profileId: number,
  sampleTypeIds: readonly number[],
  totals: ArrayLike<number>,
): void {
  const link = db.prepare('INSERT INTO item_sample_types (item, position, sample_type, total) VALUES (?, ?, ?, ?)');
  sampleTypeIds.forEach((id, position) => link.run(profileId, position, id, totals[position] ?? 0));
}
