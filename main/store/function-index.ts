/**
 * Which functions each profile's stacks contain, with their self and total
 * value for the profile's default sample type: the table behind catalogue-wide
 * function search.
 *
 * Answering "which profiles contain function f" from the stores' own tables
 * means decoding every `stacks.frames` blob of every profile on every search;
 * on a store holding `generated/large/deep-go.pb.gz` alone that is 310k blobs.
 * A profile never changes once written, so its per-function values are
 * computed once and kept in `profile_functions`, keyed (function, profile) so a
 * search looks up its candidate functions by primary key.
 *
 * The tables are created here with IF NOT EXISTS rather than in a numbered
 * migration, so that the index can be added, and rebuilt by dropping it,
 * without a schema version of its own: it holds nothing that cannot be
 * recomputed from stacks and stack_values. It is filled in two ways:
 *  - `indexWrittenProfile`, from the parsed profile, in the transaction that
 *    writes it (cheap: one walk of the in-memory stack tree);
 *  - lazily, `indexPendingProfiles` before each search: every catalogue item
 *    not yet in `profile_functions_indexed` (written before this index
 *    existed, or by a writer that does not call `indexWrittenProfile`) is
 *    computed from the store's stacks.
 * Each item is indexed exactly once, whichever comes first.
 *
 * Values are computed as `kiln top` computes them (shared/query/function-totals:
 * self = value of stacks whose leaf is the function, total = value of stacks
 * containing it, once per stack even under recursion), per function row of the
 * store (name, system name, file and start line), as the top table keeps them.
 */
import type Database from 'better-sqlite3';
import type { Profile } from '../../shared/profile/model';
import { functionTotals } from '../../shared/query/function-totals';
import type { WeightedStacks } from '../../shared/query/weighted-stacks';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS profile_functions (
    function INTEGER NOT NULL REFERENCES functions (id),
    profile INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    self REAL NOT NULL,
    total REAL NOT NULL,
    PRIMARY KEY (function, profile)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS profile_functions_by_profile ON profile_functions (profile);
  -- One row per catalogue item already indexed, also for items without stacks
  -- (GC logs, heap snapshots, empty profiles), so each is looked at once.
  CREATE TABLE IF NOT EXISTS profile_functions_indexed (
    profile INTEGER PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE
  );
`;

const ready = new WeakSet<Database.Database>();

/** Creates the index tables on this connection's database when they are missing. */
export function ensureFunctionIndex(db: Database.Database): void {
  if (ready.has(db)) return;
  db.exec(SCHEMA);
  // Tables created inside a transaction are gone if it rolls back (a failed import): remember only committed ones.
  if (!db.inTransaction) ready.add(db);
}

/**
 * Indexes a profile that is being written, from the parsed profile still in
 * memory: call it in writeProfile's transaction with the store id of each of
 * the profile's functions (by local index). It walks each distinct sampled
 * stack of the profile's tree once, where `indexProfileFunctions` has to read
 * back and decode every stack blob (1.7 s of a 6.4 s import of deep-go.pb.gz).
 */
export function indexWrittenProfile(
  db: Database.Database,
  profileId: number,
  profile: Profile,
  functionIds: ArrayLike<number>,
): void {
  ensureFunctionIndex(db);
  const column = profile.samples.values[profile.defaultSampleType];
  if (column !== undefined) {
    // Dense numbers for the store functions: two local functions can intern to one store function (a pprof
    // file may repeat a function), and a stack holding both must count it once.
    const denseOf = new Map<number, number>();
    const storeIds: number[] = [];
    const denseOfLocal = Int32Array.from({ length: functionIds.length }, (_, f) => {
      const id = functionIds[f] as number;
      let dense = denseOf.get(id);
      if (dense === undefined) {
        dense = storeIds.length;
        denseOf.set(id, dense);
        storeIds.push(id);
      }
      return dense;
    });
    const valueOfLeaf = new Map<number, number>();
    profile.samples.stack.forEach((leaf, i) => valueOfLeaf.set(leaf, (valueOfLeaf.get(leaf) ?? 0) + (column[i] ?? 0)));

    const { frame, parent } = profile.stacks;
    const frameFunc = profile.frames.func;
    const self = new Float64Array(storeIds.length);
    const total = new Float64Array(storeIds.length);
    // seenIn[f] = 1 + the leaf whose stack already counted f: recursion counts once per stack, as in functionTotals.
    const seenIn = new Int32Array(storeIds.length);
    const funcOf = (node: number): number => denseOfLocal[frameFunc[frame[node] as number] as number] as number;
    // Leaves in row order: nearby rows share ancestors, so the walks stay in cache (twice as fast on deep-go).
    const leaves = Int32Array.from(valueOfLeaf.keys()).sort();
    for (const leaf of leaves) {
      const value = valueOfLeaf.get(leaf) as number;
      if (value === 0) continue;
      const leafFunc = funcOf(leaf);
      self[leafFunc] = (self[leafFunc] as number) + value;
      for (let node = leaf; node >= 0; node = parent[node] as number) {
        const f = funcOf(node);
        if (seenIn[f] !== leaf + 1) {
          seenIn[f] = leaf + 1;
          total[f] = (total[f] as number) + value;
        }
      }
    }
    insertFunctionRows(db, profileId, storeIds, self, total);
  }
  markIndexed(db, profileId);
}

/** Records that an item's functions are in profile_functions (also when it has none). */
export function markIndexed(db: Database.Database, profileId: number): void {
  db.prepare('INSERT INTO profile_functions_indexed (profile) VALUES (?)').run(profileId);
}

/**
 * Indexes one catalogue item from what the store holds for it (items written
 * without `indexWrittenProfile`); does nothing for an item already indexed.
 */
export function indexProfileFunctions(db: Database.Database, profileId: number): void {
  ensureFunctionIndex(db);
  const done = db.prepare('SELECT 1 FROM profile_functions_indexed WHERE profile = ?').get(profileId);
  if (done !== undefined) return;
  const sampleType = db
    .prepare(
      `SELECT pst.sample_type FROM profiles p
       JOIN profile_sample_types pst ON pst.profile = p.id AND pst.position = p.default_sample_type
       WHERE p.id = ?`,
    )
    .pluck()
    .get(profileId) as number | undefined;
  if (sampleType !== undefined) {
    const { stacks, functionIds } = profileStacks(db, profileId, sampleType);
    insertTotals(db, profileId, stacks, functionIds);
  }
  db.prepare('INSERT INTO profile_functions_indexed (profile) VALUES (?)').run(profileId);
}

/**
 * Indexes every catalogue item not indexed yet, each in its own transaction;
 * returns how many it indexed. When another connection is writing (the ingest
 * worker importing a file) it does not wait for it: it stops, and the items
 * left are indexed by a later call. A search then misses only those items
 * instead of stalling, or failing, behind an import that takes minutes.
 */
export function indexPendingProfiles(db: Database.Database): number {
  ensureFunctionIndex(db);
  const pending = db
    .prepare('SELECT id FROM profiles WHERE id NOT IN (SELECT profile FROM profile_functions_indexed) ORDER BY id')
    .pluck()
    .all() as number[];
  if (pending.length === 0) return 0;
  const indexOne = db.transaction((profileId: number) => indexProfileFunctions(db, profileId));
  const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  let indexed = 0;
  try {
    for (const profileId of pending) {
      indexOne.immediate(profileId);
      indexed++;
    }
  } catch (error) {
    if (!isBusy(error)) throw error;
  } finally {
    db.pragma(`busy_timeout = ${busyTimeout}`);
  }
  return indexed;
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** One row per function with a value: `stacks` indexes functions densely, `functionIds[f]` is f's store id. */
function insertTotals(db: Database.Database, profileId: number, stacks: WeightedStacks, functionIds: number[]): void {
  const { self, total } = functionTotals(stacks);
  insertFunctionRows(db, profileId, functionIds, self, total);
}

/** One row per function with a value: `functionIds[f]` is the store id of f in self and total. */
export function insertFunctionRows(
  db: Database.Database,
  profileId: number,
  functionIds: readonly number[],
  self: Float64Array,
  total: Float64Array,
): void {
  const insert = db.prepare('INSERT INTO profile_functions (function, profile, self, total) VALUES (?, ?, ?, ?)');
  functionIds.forEach((functionId, f) => {
    const s = self[f] as number;
    const t = total[f] as number;
    if (s !== 0 || t !== 0) insert.run(functionId, profileId, s, t);
  });
}

/**
 * One profile's stacks for one sample type, as function sequences
 * (`SUM(value) GROUP BY stack` over its label sets), and the store id of each
 * dense function index. Frames map to functions through a typed array indexed
 * by frame id: the blobs of a large profile hold tens of millions of frame ids.
 */
function profileStacks(
  db: Database.Database,
  profileId: number,
  sampleType: number,
): { stacks: WeightedStacks; functionIds: number[] } {
  const rows = db
    .prepare(
      `SELECT s.frames, v.total FROM (
         SELECT stack, SUM(value) AS total FROM stack_values
         WHERE profile = ? AND sample_type = ? GROUP BY stack
       ) AS v JOIN stacks s ON s.id = v.stack`,
    )
    .raw()
    .all(profileId, sampleType) as [Buffer, number][];

  let frameCount = 0;
  for (const [blob] of rows) frameCount += blob.byteLength >> 2;
  const funcs = new Int32Array(frameCount);
  const offsets = new Int32Array(rows.length + 1);
  const value = new Float64Array(rows.length);
  let length = 0;
  rows.forEach(([blob, total], s) => {
    // Blobs are little-endian int32s (migrations.ts), as are typed arrays on every platform Kiln builds for;
    // a blob that does not start on a 4-byte boundary is read value by value.
    const count = blob.byteLength >> 2;
    if (blob.byteOffset % 4 === 0) funcs.set(new Int32Array(blob.buffer, blob.byteOffset, count), length);
    else for (let i = 0; i < count; i++) funcs[length + i] = blob.readInt32LE(i * 4);
    length += count;
    offsets[s + 1] = length;
    value[s] = total;
  });

  let maxFrame = 0;
  for (const frame of funcs) if (frame > maxFrame) maxFrame = frame;
  const frameToFunction = new Int32Array(maxFrame + 1).fill(-1);
  const usedFrames: number[] = [];
  for (const frame of funcs) {
    if (frameToFunction[frame] === -1) {
      frameToFunction[frame] = -2;
      usedFrames.push(frame);
    }
  }
  const frameRows = db
    .prepare(
      `SELECT fr.id, fn.id, fn.name, fn.file FROM frames fr JOIN functions fn ON fn.id = fr.function
       WHERE fr.id IN (SELECT value FROM json_each(?))`,
    )
    .raw()
    .all(JSON.stringify(usedFrames)) as [number, number, string, string][];
  const denseOf = new Map<number, number>();
  const functionIds: number[] = [];
  const names: string[] = [];
  const files: string[] = [];
  for (const [frameId, functionId, name, file] of frameRows) {
    let dense = denseOf.get(functionId);
    if (dense === undefined) {
      dense = functionIds.length;
      denseOf.set(functionId, dense);
      functionIds.push(functionId);
      names.push(name);
      files.push(file);
    }
    frameToFunction[frameId] = dense;
  }
  for (let i = 0; i < funcs.length; i++) {
    const dense = frameToFunction[funcs[i] as number] as number;
    if (dense < 0) throw new Error(`profile ${profileId}: stack frame ${funcs[i]} is not in the frames table`);
    funcs[i] = dense;
  }
  return {
    stacks: {
      offsets,
      funcs,
      value,
      functionNames: names,
      functionFiles: files,
      functionLines: new Array<number>(names.length).fill(0),
    },
    functionIds,
  };
}
