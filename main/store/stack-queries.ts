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
import { forestOfSegments, liveNodes, mergedForestOfSegments, type FrameForest, type Segments } from './stack-segments';
import { mergedFunctionPaths } from './function-path-index';
import { storedSegments, storedStackSums, type ValuedSegments } from './stored-segments';

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
  const byLine = options.byLine === true;
  const cached = single && labels === null ? readStackCache(db, profileIds[0] as number, sampleTypeId) : null;
  if (cached === null && !single) return mergedFunctionForest(db, profileIds, sampleTypeId, labels, byLine);
  const forest = cached ?? queriedForest(db, profileIds, sampleTypeId, labels);
  const functions = framesToFunctions(db, forest.frame, byLine);
  return { parent: forest.parent, func: forest.frame, value: forest.value, rootValue: 0, ...functions };
}

/**
 * Several items' stacks, merged by function. Without `byLine` the connection's function-path index
 * (function-path-index.ts) knows the function-tree node of each stack it has seen, so a merge reads the values and
 * sums them onto nodes. By line, the stored segments' frames are mapped to functions first and the prefix tree is
 * built over them (mergedForestOfSegments), in the order the frame forest would have met them.
 */
function mergedFunctionForest(
  db: Database.Database,
  profileIds: readonly number[],
  sampleTypeId: number,
  labels: ReturnType<typeof labelSetCondition> | null,
  byLine: boolean,
): WeightedStacks {
  if (!byLine) return mergedFunctionPaths(db, storedStackSums(db, ...valuesQuery(profileIds, sampleTypeId, labels)));
  const { segments, value, present } = querySegments(db, profileIds, sampleTypeId, labels);
  const { parent, frames } = segments;
  const live = liveNodes(parent, present);
  // Every node is live unless a stack's totals were all null (and nothing with a value hangs from it): in place.
  const functions = live.every((flag) => flag === 1)
    ? framesToFunctions(db, frames, byLine)
    : liveFramesToFunctions(db, segments, live, byLine);
  const forest = mergedForestOfSegments(segments, value, present);
  return { parent: forest.parent, func: forest.frame, value: forest.value, rootValue: 0, ...functions };
}

/** Maps the frames of the live nodes only (the others' functions would be listed too), in place. */
function liveFramesToFunctions(
  db: Database.Database,
  { parent, offsets, frames }: Segments,
  live: Uint8Array,
  byLine: boolean,
): ReturnType<typeof framesToFunctions> {
  let size = 0;
  for (let n = 0; n < parent.length; n++)
    if (live[n] === 1) size += (offsets[n + 1] as number) - (offsets[n] as number);
  const liveFrames = new Int32Array(size);
  for (let n = 0, at = 0; n < parent.length; n++) {
    if (live[n] !== 1) continue;
    const end = offsets[n + 1] as number;
    for (let j = offsets[n] as number; j < end; j++) liveFrames[at++] = frames[j] as number;
  }
  const functions = framesToFunctions(db, liveFrames, byLine);
  for (let n = 0, at = 0; n < parent.length; n++) {
    if (live[n] !== 1) continue;
    const end = offsets[n + 1] as number;
    for (let j = offsets[n] as number; j < end; j++) frames[j] = liveFrames[at++] as number;
  }
  return functions;
}

function querySegments(
  db: Database.Database,
  profileIds: readonly number[],
  sampleTypeId: number,
  labels: ReturnType<typeof labelSetCondition> | null,
): ValuedSegments {
  return storedSegments(db, ...valuesQuery(profileIds, sampleTypeId, labels));
}

/** The (stack, total) rows of some items for one sample type, and the query's parameters. */
function valuesQuery(
  profileIds: readonly number[],
  sampleTypeId: number,
  labels: ReturnType<typeof labelSetCondition> | null,
): [string, unknown[]] {
  const single = profileIds.length === 1;
  // One profile reads its rows in primary-key order, (item, sample_type, stack, …): no temporary B-tree.
  const valuesSql = `SELECT stack, value AS total FROM stack_values
    WHERE ${single ? 'item = ?' : 'item IN (SELECT value FROM json_each(?))'} AND sample_type = ?
    ${labels === null ? '' : `AND ${labels.sql}`}`;
  return [valuesSql, [single ? profileIds[0] : JSON.stringify(profileIds), sampleTypeId, ...(labels?.params ?? [])]];
}

/** One item's stacks with label filters: its forest of frames (stack-segments.ts). */
function queriedForest(
  db: Database.Database,
  profileIds: readonly number[],
  sampleTypeId: number,
  labels: ReturnType<typeof labelSetCondition> | null,
): FrameForest {
  const { segments, value, present } = querySegments(db, profileIds, sampleTypeId, labels);
  return forestOfSegments(segments, value, present);
}
