/**
 * Interns the label sets of a profile's samples (pprof Sample.label). A label
 * set is identified across profiles by its canonical JSON (labels sorted by
 * key); within one profile, samples whose label rows have the same string
 * indices and numbers in the same order share that JSON, so it is built once
 * per such group rather than once per sample.
 */
import type Database from 'better-sqlite3';
import type { Profile } from '../../shared/profile/model';
import { groupRows } from './group-rows';

type Label = [key: string, str: string | null, num: number | null, unit: string | null];

/** Returns, per sample, its label set id (0 = no labels). */
export function internLabelSets(db: Database.Database, profile: Profile, str: (i: number) => string): Int32Array {
  const result = new Int32Array(profile.samples.stack.length);
  const { sample, key, str: strValue, num, unit } = profile.labels;
  if (sample.length === 0) return result;

  for (const s of sample) {
    if (!(s >= 0 && s < result.length))
      throw new Error(`a label points at sample ${s}, which the profile does not have`);
  }
  const rows = groupRows(sample, result.length);
  const find = db.prepare('SELECT id FROM label_sets WHERE canonical = ?').pluck();
  const insertSet = db.prepare('INSERT INTO label_sets (canonical) VALUES (?)');
  const insertLabel = db.prepare('INSERT INTO labels (label_set, key, str, num, unit) VALUES (?, ?, ?, ?, ?)');
  const byCanonical = new Map<string, number>();
  const byLocalKey = new Map<string, number>();

  for (let s = 0; s < result.length; s++) {
    const from = rows.start[s] as number;
    const to = rows.start[s + 1] as number;
    if (from === to) continue;
    let localKey = '';
    for (let r = from; r < to; r++) {
      const i = rows.order[r] as number;
      localKey += `${key[i]},${strValue[i]},${num[i]},${unit[i]};`;
    }
    let id = byLocalKey.get(localKey);
    if (id === undefined) {
      const labels: Label[] = [];
      for (let r = from; r < to; r++) {
        const i = rows.order[r] as number;
        const isString = (strValue[i] ?? 0) !== 0;
        labels.push([
          str(key[i] ?? 0),
          isString ? str(strValue[i] ?? 0) : null,
          isString ? null : (num[i] ?? 0),
          isString || !unit[i] ? null : str(unit[i] ?? 0),
        ]);
      }
      // Stable sort: labels with equal keys keep the file's order.
      labels.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      const canonical = JSON.stringify(labels);
      id = byCanonical.get(canonical) ?? (find.get(canonical) as number | undefined);
      if (id === undefined) {
        id = Number(insertSet.run(canonical).lastInsertRowid);
        for (const label of labels) insertLabel.run(id, ...label);
      }
      byCanonical.set(canonical, id);
      byLocalKey.set(localKey, id);
    }
    result[s] = id;
  }
  return result;
}
