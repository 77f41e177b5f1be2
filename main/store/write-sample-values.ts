/**
 * Writes a profile's sample values, aggregated per sample type, stack and
 * label set (`stack_values`), and its raw sample times (`sample_times`).
 */
import type Database from 'better-sqlite3';
import type { Profile } from '../../shared/profile/model';
import { BulkInsert } from './bulk-insert';
import { groupRows } from './group-rows';
import type { InternedStacks } from './intern-stacks';

/**
 * One row per (sample type, stack, label set) that has a non-zero sample;
 * values are summed in sample order. Rows go in primary-key order within each
 * stack, so the WITHOUT ROWID table grows mostly by appending.
 */
export function writeStackValues(
  db: Database.Database,
  profile: Profile,
  profileId: number,
  stacks: InternedStacks,
  sampleTypeIds: number[],
  labelSetOfSample: Int32Array,
): void {
  // Samples grouped by call path, in sample order.
  const { start, order } = groupRows(stacks.pathOfSample, stacks.stackOfPath.length);
  const pathCount = stacks.stackOfPath.length;
  const insert = new BulkInsert(db, 'INSERT INTO stack_values (profile, sample_type, stack, label_set, value)', 5);
  const sums = new Map<number, number>();
  profile.samples.values.forEach((column, position) => {
    const sampleType = sampleTypeIds[position] as number;
    for (let path = 0; path < pathCount; path++) {
      const stack = stacks.stackOfPath[path] as number;
      const from = start[path] as number;
      const to = start[path + 1] as number;
      if (to - from === 1) {
        const i = order[from] as number;
        const value = column[i] as number;
        if (value !== 0) insert.row(profileId, sampleType, stack, labelSetOfSample[i] as number, value);
        continue;
      }
      sums.clear();
      for (let r = from; r < to; r++) {
        const i = order[r] as number;
        const value = column[i] as number;
        if (value === 0) continue;
        const labelSet = labelSetOfSample[i] as number;
        sums.set(labelSet, (sums.get(labelSet) ?? 0) + value);
      }
      const labelSets = [...sums.keys()].sort((a, b) => a - b);
      for (const labelSet of labelSets)
        insert.row(profileId, sampleType, stack, labelSet, sums.get(labelSet) as number);
    }
  });
  insert.flush();
}

/** Raw sample order, times and label sets, for formats that record times (V8 cpuprofile, perf script, JFR…). */
export function writeSampleTimes(
  db: Database.Database,
  profile: Profile,
  profileId: number,
  stacks: InternedStacks,
  labelSetOfSample: Int32Array,
): void {
  const times = profile.samples.timeNs;
  if (!times) return;
  const insert = new BulkInsert(db, 'INSERT INTO sample_times (profile, seq, stack, time_ns, label_set)', 5);
  for (let i = 0; i < times.length; i++) {
    const stack = stacks.stackOfPath[stacks.pathOfSample[i] as number] as number;
    insert.row(profileId, i, stack, times[i] as number, labelSetOfSample[i] as number);
  }
  insert.flush();
}
