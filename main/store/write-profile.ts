/**
 * Writes one parsed profile into the store as a catalogue item of a file.
 * Runs inside the caller's transaction: an exception anywhere leaves the
 * database as it was.
 *
 * Every local id of the profile (function, frame, stack, sample type, label
 * set) is mapped to a global, interned id, so profiles share stacks.
 */
import type Database from 'better-sqlite3';
import type { Profile } from '../../shared/profile/model';
import { sampleTotals } from '../../shared/profile/model';
import { insertItemRow, type ItemPlace } from './write-item';

/** key = labelSet * 2^32 + stack: both stay below 2^53 for any realistic store. */
const LABEL_SET_STRIDE = 4294967296;

export function writeProfile(db: Database.Database, profile: Profile, place: ItemPlace): number {
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

  const functionIds = internFunctions(db, profile, str);
  const frameIds = internFrames(db, profile, functionIds);
  const stackIds = internStacks(db, profile, frameIds);

  const sampleTypeIds = internSampleTypes(db, profile, profileId);
  const labelSetOfSample = internLabelSets(db, profile, str);
  writeStackValues(db, profile, profileId, stackIds, sampleTypeIds, labelSetOfSample);
  writeSampleTimes(db, profile, profileId, stackIds);
  return profileId;
}

function internFunctions(db: Database.Database, profile: Profile, str: (i: number) => string): number[] {
  const find = db
    .prepare('SELECT id FROM functions WHERE name = ? AND system_name = ? AND file = ? AND start_line = ?')
    .pluck();
  const insert = db.prepare('INSERT INTO functions (name, system_name, file, start_line) VALUES (?, ?, ?, ?)');
  const index = db.prepare('INSERT INTO function_search (rowid, name) VALUES (?, ?)');
  const { name, systemName, file, startLine } = profile.functions;
  return name.map((nameIndex, i) => {
    const key = [str(nameIndex), str(systemName[i] ?? 0), str(file[i] ?? 0), startLine[i] ?? 0] as const;
    const existing = find.get(...key) as number | undefined;
    if (existing !== undefined) return existing;
    const id = Number(insert.run(...key).lastInsertRowid);
    index.run(id, key[0]);
    return id;
  });
}

function internFrames(db: Database.Database, profile: Profile, functionIds: number[]): number[] {
  const find = db.prepare('SELECT id FROM frames WHERE function = ? AND line = ? AND col = ? AND inlined = ?').pluck();
  const insert = db.prepare('INSERT INTO frames (function, line, col, inlined) VALUES (?, ?, ?, ?)');
  const { func, line, column, inlined } = profile.frames;
  return func.map((f, i) => {
    const key = [functionIds[f] as number, line[i] ?? 0, column[i] ?? 0, inlined[i] ? 1 : 0] as const;
    const existing = find.get(...key) as number | undefined;
    return existing ?? Number(insert.run(...key).lastInsertRowid);
  });
}

/**
 * Maps each local stack that a sample ends at to the global id of its whole
 * frame sequence (root first). Returns -1 for local stacks no sample uses.
 */
function internStacks(db: Database.Database, profile: Profile, frameIds: number[]): Int32Array {
  const find = db.prepare('SELECT id FROM stacks WHERE frames = ?').pluck();
  const insert = db.prepare('INSERT INTO stacks (frames, depth) VALUES (?, ?)');
  const { frame, parent } = profile.stacks;
  const globalIds = new Int32Array(frame.length).fill(-1);
  const path: number[] = [];
  for (const leaf of profile.samples.stack) {
    if (globalIds[leaf] !== -1) continue;
    path.length = 0;
    for (let s = leaf; s >= 0; s = parent[s] as number) path.push(frameIds[frame[s] as number] as number);
    path.reverse();
    const blob = Buffer.from(Int32Array.from(path).buffer);
    const existing = find.get(blob) as number | undefined;
    globalIds[leaf] = existing ?? Number(insert.run(blob, path.length).lastInsertRowid);
  }
  return globalIds;
}

function internSampleTypes(db: Database.Database, profile: Profile, profileId: number): number[] {
  const find = db.prepare('SELECT id FROM sample_types WHERE type = ? AND unit = ?').pluck();
  const insert = db.prepare('INSERT INTO sample_types (type, unit) VALUES (?, ?)');
  const link = db.prepare(
    'INSERT INTO profile_sample_types (profile, position, sample_type, total) VALUES (?, ?, ?, ?)',
  );
  const totals = sampleTotals(profile);
  return profile.sampleTypes.map((vt, position) => {
    const id =
      (find.get(vt.type, vt.unit) as number | undefined) ?? Number(insert.run(vt.type, vt.unit).lastInsertRowid);
    link.run(profileId, position, id, totals[position] ?? 0);
    return id;
  });
}

/** Returns, per sample, its label set id (0 = no labels). */
function internLabelSets(db: Database.Database, profile: Profile, str: (i: number) => string): Int32Array {
  const result = new Int32Array(profile.samples.stack.length);
  const { sample, key, str: strValue, num, unit } = profile.labels;
  if (sample.length === 0) return result;

  type Label = [string, string | null, number | null, string | null];
  const bySample = new Map<number, Label[]>();
  for (let i = 0; i < sample.length; i++) {
    const s = sample[i] as number;
    const isString = (strValue[i] ?? 0) !== 0;
    const label: Label = [
      str(key[i] ?? 0),
      isString ? str(strValue[i] ?? 0) : null,
      isString ? null : (num[i] ?? 0),
      isString || !unit[i] ? null : str(unit[i] ?? 0),
    ];
    const list = bySample.get(s) ?? [];
    list.push(label);
    bySample.set(s, list);
  }

  const find = db.prepare('SELECT id FROM label_sets WHERE canonical = ?').pluck();
  const insertSet = db.prepare('INSERT INTO label_sets (canonical) VALUES (?)');
  const insertLabel = db.prepare('INSERT INTO labels (label_set, key, str, num, unit) VALUES (?, ?, ?, ?, ?)');
  const cache = new Map<string, number>();
  for (const [s, labels] of bySample) {
    labels.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const canonical = JSON.stringify(labels);
    let id = cache.get(canonical) ?? (find.get(canonical) as number | undefined);
    if (id === undefined) {
      id = Number(insertSet.run(canonical).lastInsertRowid);
      for (const label of labels) insertLabel.run(id, ...label);
    }
    cache.set(canonical, id);
    result[s] = id;
  }
  return result;
}

function writeStackValues(
  db: Database.Database,
  profile: Profile,
  profileId: number,
  stackIds: Int32Array,
  sampleTypeIds: number[],
  labelSetOfSample: Int32Array,
): void {
  const insert = db.prepare(
    'INSERT INTO stack_values (profile, sample_type, stack, label_set, value) VALUES (?, ?, ?, ?, ?)',
  );
  profile.samples.values.forEach((column, position) => {
    const sums = new Map<number, number>();
    for (let i = 0; i < column.length; i++) {
      const value = column[i] as number;
      if (value === 0) continue;
      const key =
        (labelSetOfSample[i] as number) * LABEL_SET_STRIDE + (stackIds[profile.samples.stack[i] as number] as number);
      sums.set(key, (sums.get(key) ?? 0) + value);
    }
    const sampleType = sampleTypeIds[position] as number;
    for (const [key, value] of sums) {
      const labelSet = Math.floor(key / LABEL_SET_STRIDE);
      insert.run(profileId, sampleType, key - labelSet * LABEL_SET_STRIDE, labelSet, value);
    }
  });
}

function writeSampleTimes(db: Database.Database, profile: Profile, profileId: number, stackIds: Int32Array): void {
  const times = profile.samples.timeNs;
  if (!times) return;
  const insert = db.prepare('INSERT INTO sample_times (profile, seq, stack, time_ns) VALUES (?, ?, ?, ?)');
  for (let i = 0; i < times.length; i++) {
    insert.run(profileId, i, stackIds[profile.samples.stack[i] as number] as number, times[i] as number);
  }
}
