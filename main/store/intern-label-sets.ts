/**
 * Interns the label sets of a profile's samples (pprof Sample.label). A label
 * set is identified across profiles by its canonical JSON (labels sorted by
 * key). Within one profile, samples whose label rows hold the same string
 * indices and numbers in the same order have the same JSON: it is built once
 * per such group, found by a hash of the rows and a comparison of them,
 * rather than once per sample (a large Go profile has 300k labelled samples
 * and a few hundred label sets).
 */
import type Database from 'better-sqlite3';
import type { LabelTable, Profile } from '../../shared/profile/model';
import { groupRows, type RowGroups } from './group-rows';

/** One label as the store keeps it: a string label has str, a numeric one num (and maybe unit). */
export type Label = [key: string, str: string | null, num: number | null, unit: string | null];

/**
 * The store id of a label set (labels in the file's order; sorted here), found
 * by its canonical JSON or written; `byCanonical` caches ids across calls.
 */
export function internLabelSet(db: Database.Database, set: Label[], byCanonical: Map<string, number>): number {
  // Stable sort: labels with equal keys keep the file's order.
  set.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const canonical = JSON.stringify(set);
  let id = byCanonical.get(canonical);
  if (id !== undefined) return id;
  id = db.prepare('SELECT id FROM label_sets WHERE canonical = ?').pluck().get(canonical) as number | undefined;
  if (id === undefined) {
    id = Number(db.prepare('INSERT INTO label_sets (canonical) VALUES (?)').run(canonical).lastInsertRowid);
    const insertLabel = db.prepare('INSERT INTO labels (label_set, key, str, num, unit) VALUES (?, ?, ?, ?, ?)');
    for (const label of set) insertLabel.run(id, ...label);
  }
  byCanonical.set(canonical, id);
  return id;
}

/** Returns, per sample, its label set id (0 = no labels). */
export function internLabelSets(db: Database.Database, profile: Profile, str: (i: number) => string): Int32Array {
  const result = new Int32Array(profile.samples.stack.length);
  const labels = profile.labels;
  if (labels.sample.length === 0) return result;

  for (const s of labels.sample) {
    if (!(s >= 0 && s < result.length))
      throw new Error(`a label points at sample ${s}, which the profile does not have`);
  }
  const rows = groupRows(labels.sample, result.length);
  const byCanonical = new Map<string, number>();
  /** Row hash → [sample, label set id, sample, label set id, …] of the samples already interned with that hash. */
  const seen = new Map<number, number[]>();

  for (let s = 0; s < result.length; s++) {
    if (rows.start[s] === rows.start[s + 1]) continue;
    const h = hashRows(labels, rows, s);
    const candidates = seen.get(h);
    let id = 0;
    if (candidates) {
      for (let c = 0; c < candidates.length && id === 0; c += 2) {
        if (sameRows(labels, rows, candidates[c] as number, s)) id = candidates[c + 1] as number;
      }
    }
    if (id === 0) {
      id = internLabelSet(db, labelsOf(labels, rows, s, str), byCanonical);
      if (candidates) candidates.push(s, id);
      else seen.set(h, [s, id]);
    }
    result[s] = id;
  }
  return result;
}

function labelsOf(labels: LabelTable, rows: RowGroups, s: number, str: (i: number) => string): Label[] {
  const set: Label[] = [];
  for (let r = rows.start[s] as number; r < (rows.start[s + 1] as number); r++) {
    const i = rows.order[r] as number;
    const isString = (labels.str[i] ?? 0) !== 0;
    set.push([
      str(labels.key[i] ?? 0),
      isString ? str(labels.str[i] ?? 0) : null,
      isString ? null : (labels.num[i] ?? 0),
      isString || !labels.unit[i] ? null : str(labels.unit[i] ?? 0),
    ]);
  }
  return set;
}

/** A hash of sample s's label rows (string indices and numbers, in table order); equal rows, equal hash. */
function hashRows(labels: LabelTable, rows: RowGroups, s: number): number {
  let h = 0x811c9dc5;
  const mix = (value: number): void => {
    h = Math.imul(h ^ (value | 0), 0x01000193);
    h = Math.imul(h ^ ((value / 4294967296) | 0), 0x01000193);
  };
  for (let r = rows.start[s] as number; r < (rows.start[s + 1] as number); r++) {
    const i = rows.order[r] as number;
    mix(labels.key[i] as number);
    mix(labels.str[i] as number);
    mix(labels.num[i] as number);
    mix(labels.unit[i] as number);
  }
  return h;
}

function sameRows(labels: LabelTable, rows: RowGroups, a: number, b: number): boolean {
  const fromA = rows.start[a] as number;
  const fromB = rows.start[b] as number;
  const count = (rows.start[a + 1] as number) - fromA;
  if ((rows.start[b + 1] as number) - fromB !== count) return false;
  for (let k = 0; k < count; k++) {
    const i = rows.order[fromA + k] as number;
    const j = rows.order[fromB + k] as number;
    if (
      labels.key[i] !== labels.key[j] ||
      labels.str[i] !== labels.str[j] ||
      !Object.is(labels.num[i], labels.num[j]) ||
      labels.unit[i] !== labels.unit[j]
    ) {
      return false;
    }
  }
  return true;
}
