/**
 * Call-stack queries over the store. Merging any set of profiles is
 * `SUM(value) GROUP BY stack` plus the ancestors of the stacks found; every
 * flame view and top table starts here.
 */
import type Database from 'better-sqlite3';
import type { StackQueryOptions } from '../../shared/query/filters';
import type { WeightedStacks } from '../../shared/query/weighted-stacks';
import { framesToFunctions } from './frames-to-functions';
import { labelSetCondition } from './label-queries';
import { readStackCache } from './stack-cache';
import { forestOfSegments, mergedForestOfSegments, type FrameForest } from './stack-segments';
import { storedSegments } from './stored-segments';

/** The store id of a profile's sample type at `position`, or null when out of range. */
export function sampleTypeId(db: Database.Database, profileId: number, position: number): number | null {
  const row = db
    .prepare('SELECT sample_type FROM item_sample_types WHERE item = ? AND position = ?')
    .get(profileId, position) as { sample_type: number } | undefined;
  return row?.sample_type ?? null;
}

/**
 * The merged stacks of any set of profiles for one sample type, as a forest
 * (shared/query/weighted-stacks.ts) whose frames are mapped to functions.
 * Merging, comparison and single-profile views all start here.
 *
 * One item without label filters (opening it) reads its stack cache
 * (stack-cache.ts): a few blobs. Otherwise the values are summed per stack
 * over the items and label sets asked for, and the stacks with a value come
 * back with every ancestor stack they hang from (stored-segments.ts); either
 * way the result is linear in the stored frames.
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
  const forest =
    (single && labels === null ? readStackCache(db, profileIds[0] as number, sampleTypeId) : null) ??
    queriedForest(db, profileIds, sampleTypeId, labels);
  const functions = framesToFunctions(db, forest.frame, options.byLine === true);
  return { parent: forest.parent, func: forest.frame, value: forest.value, rootValue: 0, ...functions };
}

function queriedForest(
  db: Database.Database,
  profileIds: readonly number[],
  sampleTypeId: number,
  labels: ReturnType<typeof labelSetCondition> | null,
): FrameForest {
  const single = profileIds.length === 1;
  // One profile reads its rows in primary-key order, (item, sample_type, stack, …): no temporary B-tree.
  const valuesSql = `SELECT stack, value AS total FROM stack_values
    WHERE ${single ? 'item = ?' : 'item IN (SELECT value FROM json_each(?))'} AND sample_type = ?
    ${labels === null ? '' : `AND ${labels.sql}`}`;
  const params = [single ? profileIds[0] : JSON.stringify(profileIds), sampleTypeId, ...(labels?.params ?? [])];
  const { segments, value, present } = storedSegments(db, valuesSql, params);
  // Several items' stacks: one prefix tree of them (stack-segments.ts), far smaller than their runs side by side.
  return single ? forestOfSegments(segments, value, present) : mergedForestOfSegments(segments, value, present);
}
