/**
 * Call-stack queries over the store. Merging any set of profiles is
 * `SUM(value) GROUP BY stack`; every flame view and top table starts here.
 */
import type Database from 'better-sqlite3';
import type { StackQueryOptions } from '../../shared/query/filters';
import type { WeightedStacks } from '../../shared/query/weighted-stacks';
import { framesToFunctions } from './frames-to-functions';
import { labelSetCondition } from './label-queries';
import { readStackCache } from './stack-cache';

/** The store id of a profile's sample type at `position`, or null when out of range. */
export function sampleTypeId(db: Database.Database, profileId: number, position: number): number | null {
  const row = db
    .prepare('SELECT sample_type FROM profile_sample_types WHERE profile = ? AND position = ?')
    .get(profileId, position) as { sample_type: number } | undefined;
  return row?.sample_type ?? null;
}

/**
 * The merged stacks of any set of profiles for one sample type:
 * `SUM(value) GROUP BY stack`, with each stack's frames mapped to functions.
 * Merging, comparison and single-profile views all start here.
 *
 * Options (the store-level filters, shared/query/filters.ts): `labels` keeps
 * only the samples whose label set meets them (label-queries.ts, before the
 * sum); `byLine` maps frames to one "function" per function and source line,
 * named `name:line` as pprof -lines names its nodes, so every query after this
 * one splits a function by line without knowing it.
 */
export function mergedStacks(
  db: Database.Database,
  profileIds: readonly number[],
  sampleTypeId: number,
  options: StackQueryOptions = {},
): WeightedStacks {
  const labels = options.labels && options.labels.length > 0 ? labelSetCondition(options.labels) : null;
  const single = profileIds.length === 1;
  // One item without label filters (opening it): its packed stacks, when it has them (stack-cache.ts).
  const cached = single && labels === null ? readStackCache(db, profileIds[0] as number, sampleTypeId) : null;
  if (cached !== null) {
    const functions = framesToFunctions(db, cached.frames, options.byLine === true);
    return { offsets: cached.offsets, funcs: cached.frames, value: cached.value, ...functions };
  }
  // One profile (every view but a merge) reads its rows in primary-key order, (profile, sample_type, stack, …), so
  // SQLite groups them without a temporary B-tree: 30 % faster on deep-node's 112k stacks than the IN form.
  const rows = db
    .prepare(
      `SELECT s.frames, v.total FROM (
         SELECT stack, SUM(value) AS total FROM stack_values
         WHERE ${single ? 'profile = ?' : 'profile IN (SELECT value FROM json_each(?))'} AND sample_type = ?
         ${labels === null ? '' : `AND ${labels.sql}`}
         GROUP BY stack
       ) AS v JOIN stacks s ON s.id = v.stack
       ORDER BY v.stack`,
    )
    .raw();
  const params = [single ? profileIds[0] : JSON.stringify(profileIds), sampleTypeId, ...(labels?.params ?? [])];

  // All stacks' frame ids in one growing array; rewritten in place to function indices below.
  const offsets: number[] = [0];
  const values: number[] = [];
  let ids = new Int32Array(1 << 16);
  let length = 0;
  for (const [blob, total] of rows.iterate(...params) as Iterable<[Buffer, number]>) {
    const count = blob.byteLength >> 2;
    if (length + count > ids.length) {
      const grown = new Int32Array(Math.max(length + count, ids.length * 2));
      grown.set(ids.subarray(0, length));
      ids = grown;
    }
    if (blob.byteOffset % 4 === 0) ids.set(new Int32Array(blob.buffer, blob.byteOffset, count), length);
    else for (let i = 0; i < count; i++) ids[length + i] = blob.readInt32LE(i * 4);
    length += count;
    offsets.push(length);
    values.push(total);
  }
  const funcs = ids.subarray(0, length);

  const functions = framesToFunctions(db, funcs, options.byLine === true);

  return {
    offsets: Int32Array.from(offsets),
    funcs,
    value: Float64Array.from(values),
    ...functions,
  };
}
