/**
 * Writes one parsed profile into the store as a catalogue item of a file.
 * Runs inside the caller's transaction: an exception anywhere leaves the
 * database as it was.
 *
 * Every local id of the profile (function, frame, stack, sample type, label
 * set) is mapped to a global, interned id, so profiles share stacks. The bulk
 * of a large profile is its stacks and values: intern-stacks.ts finds and
 * writes the stacks in chunked queries and multi-row inserts (a write used to
 * be one SELECT and INSERT per stack), write-sample-values.ts writes the
 * values likewise. Functions and frames number in the thousands at most and
 * are looked up row by row, but only when the store already holds some.
 */
import type Database from 'better-sqlite3';
import type { Profile, ValueType } from '../../shared/profile/model';
import { sampleTotals } from '../../shared/profile/model';
import { indexWrittenProfile } from './function-index';
import { internLabelSets } from './intern-label-sets';
import { internStacks } from './intern-stacks';
import { writeStackCache } from './stack-cache';
import type { StackHash } from './stack-hash';
import { insertItemRow, type ItemPlace } from './write-item';
import { writeSampleTimes, writeStackValues } from './write-sample-values';

export interface WriteProfileOptions {
  /** Replaces the stack hash; tests use a constant one to force collisions. */
  stackHash?: StackHash;
}

/**
 * Page cache while a profile is written, in KiB (negative: SQLite's unit).
 * A large profile dirties about 100 MB of pages (deep-go.pb.gz: 63 MB of stack
 * blobs, 25 MB of values); with better-sqlite3's default 16 MB, most of them
 * are spilled to the WAL before the commit and the lookups of the next import
 * re-read them. 64 MB measured slightly faster than 16 MB; more gained nothing.
 * The connection's own setting is restored afterwards.
 */
const IMPORT_CACHE_KIB = -65_536;

export function writeProfile(
  db: Database.Database,
  profile: Profile,
  place: ItemPlace,
  options: WriteProfileOptions = {},
): number {
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  // Positive sizes count pages, negative ones KiB.
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const cacheKib = cacheSize < 0 ? -cacheSize : (cacheSize * pageSize) / 1024;
  if (cacheKib < -IMPORT_CACHE_KIB) db.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
  try {
    return writeProfileRows(db, profile, place, options);
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
}

function writeProfileRows(
  db: Database.Database,
  profile: Profile,
  place: ItemPlace,
  options: WriteProfileOptions,
): number {
  const str = (index: number): string => profile.strings[index] ?? '';
  const profileId = insertItemRow(db, place, {
    format: profile.format,
    kind: profile.kind,
    capturedAtMs: profile.startTimeMs,
    durationNs: profile.durationNs,
    period: profile.period,
    periodType: profile.periodType,
    defaultSampleType: profile.defaultSampleType,
    comments: profile.comments,
  });

  const functionIds = internFunctions(db, profile);
  const frameIds = internFrames(db, profile, functionIds);
  const stacks = internStacks(db, profile, frameIds, options.stackHash);

  const sampleTypeIds = internSampleTypes(db, profile.sampleTypes, sampleTotals(profile), profileId);
  const labelSetOfSample = internLabelSets(db, profile, str);
  writeStackValues(db, profile, profileId, stacks, sampleTypeIds, labelSetOfSample);
  writeSampleTimes(db, profile, profileId, stacks, labelSetOfSample);
  writeStackCache(db, profileId, profile, stacks, sampleTypeIds);
  // Catalogue search answers from per-item function totals; computing them here, from the profile in memory, is
  // cheaper than reading the item back on the first search (function-index.ts).
  indexWrittenProfile(db, profileId, profile, functionIds);
  return profileId;
}

/** What interning functions and frames reads of a profile (the streaming pprof writer has no more than this). */
export type FunctionsAndFrames = Pick<Profile, 'strings' | 'functions' | 'frames'>;

/** Global function ids per local function; new functions are also added to the search index. */
export function internFunctions(db: Database.Database, profile: FunctionsAndFrames): Int32Array {
  const str = (index: number): string => profile.strings[index] ?? '';
  const find = db
    .prepare('SELECT id FROM functions WHERE name = ? AND system_name = ? AND file = ? AND start_line = ?')
    .pluck();
  const insert = db.prepare('INSERT INTO functions (name, system_name, file, start_line) VALUES (?, ?, ?, ?)');
  const lastIdBefore = db.prepare('SELECT COALESCE(MAX(id), 0) FROM functions').pluck().get() as number;
  const storeIsEmpty = lastIdBefore === 0;
  const { name, systemName, file, startLine } = profile.functions;
  const ids = new Int32Array(name.length);
  const byKey = new Map<string, number>();
  for (let i = 0; i < name.length; i++) {
    const row = [str(name[i] as number), str(systemName[i] ?? 0), str(file[i] ?? 0), startLine[i] ?? 0] as const;
    const key = JSON.stringify(row);
    let id = byKey.get(key) ?? (storeIsEmpty ? undefined : (find.get(...row) as number | undefined));
    if (id === undefined) id = Number(insert.run(...row).lastInsertRowid);
    byKey.set(key, id);
    ids[i] = id;
  }
  // function_search is an external-content FTS table over functions: it must list every new row.
  db.prepare('INSERT INTO function_search (rowid, name) SELECT id, name FROM functions WHERE id > ?').run(lastIdBefore);
  return ids;
}

export function internFrames(db: Database.Database, profile: FunctionsAndFrames, functionIds: Int32Array): Int32Array {
  const find = db.prepare('SELECT id FROM frames WHERE function = ? AND line = ? AND col = ? AND inlined = ?').pluck();
  const insert = db.prepare('INSERT INTO frames (function, line, col, inlined) VALUES (?, ?, ?, ?)');
  const storeIsEmpty = db.prepare('SELECT 1 FROM frames LIMIT 1').get() === undefined;
  const { func, line, column, inlined } = profile.frames;
  const ids = new Int32Array(func.length);
  const byKey = new Map<string, number>();
  for (let i = 0; i < func.length; i++) {
    const f = func[i] as number;
    if (!(f >= 0 && f < functionIds.length)) {
      throw new Error(`frame ${i} points at function ${f}, which the profile does not have`);
    }
    const row = [functionIds[f] as number, line[i] ?? 0, column[i] ?? 0, inlined[i] ? 1 : 0] as const;
    const key = `${row[0]},${row[1]},${row[2]},${row[3]}`;
    let id = byKey.get(key) ?? (storeIsEmpty ? undefined : (find.get(...row) as number | undefined));
    if (id === undefined) id = Number(insert.run(...row).lastInsertRowid);
    byKey.set(key, id);
    ids[i] = id;
  }
  return ids;
}

/** Global sample type ids, linked to the item in order with each type's total. */
export function internSampleTypes(
  db: Database.Database,
  sampleTypes: readonly ValueType[],
  totals: ArrayLike<number>,
  profileId: number,
): number[] {
  const find = db.prepare('SELECT id FROM sample_types WHERE type = ? AND unit = ?').pluck();
  const insert = db.prepare('INSERT INTO sample_types (type, unit) VALUES (?, ?)');
  const link = db.prepare(
    'INSERT INTO profile_sample_types (profile, position, sample_type, total) VALUES (?, ?, ?, ?)',
  );
  return sampleTypes.map((vt, position) => {
    const id =
      (find.get(vt.type, vt.unit) as number | undefined) ?? Number(insert.run(vt.type, vt.unit).lastInsertRowid);
    link.run(profileId, position, id, totals[position] ?? 0);
    return id;
  });
}
