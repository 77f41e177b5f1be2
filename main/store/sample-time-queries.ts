/**
 * Time-ordered samples from `sample_times (item, seq, stack, time_ns,
 * label_set)`, for the stack chart. Samples come back in their file order
 * (seq), each pointing at a node of the forest of the profile's distinct
 * stacks, whose frames are mapped to function indices as `mergedStacks`
 * (stack-queries.ts) does: one function per store function id (per function
 * and line with `byLine`).
 *
 * A label filter does not remove samples: one whose label set fails it points
 * at an empty stack, as a sample whose frames a filter dropped does, so the
 * chart leaves a gap where it was rather than closing up time.
 */
import type Database from 'better-sqlite3';
import type { StackQueryOptions } from '../../shared/query/filters';
import type { TimedSamples } from '../../shared/query/stack-chart-timeline';
import { ROOT_NODE, WeightedStacksBuilder, type WeightedStacks } from '../../shared/query/weighted-stacks';
import { framesToFunctions } from './frames-to-functions';
import { labelSetCondition } from './label-queries';
import { storedSegments } from './stored-segments';

/** Stands for "no frames" among the store stack ids of a result: the stack of a sample a label filter leaves out. */
const NO_STACK = -1;

export interface StoredTimedSamples {
  samples: TimedSamples;
  /** The forest whose nodes `samples.stack` names (-1: an empty stack); values are 0. */
  stacks: WeightedStacks;
}

/** Ids of the profiles among `profileIds` whose samples have times. */
export function profilesWithSampleTimes(db: Database.Database, profileIds: readonly number[]): Set<number> {
  const ids = db
    .prepare(
      `SELECT p.value FROM json_each(?) AS p
       WHERE EXISTS (SELECT 1 FROM sample_times t WHERE t.item = p.value)`,
    )
    .pluck()
    .all(JSON.stringify(profileIds)) as number[];
  return new Set(ids);
}

/** A profile's samples with their times, or null when it has none. */
export function timedSamples(
  db: Database.Database,
  profileId: number,
  query: StackQueryOptions = {},
): StoredTimedSamples | null {
  const count = db.prepare('SELECT COUNT(*) FROM sample_times WHERE item = ?').pluck().get(profileId) as number;
  if (count === 0) return null;
  const stack = new Int32Array(count);
  const timeNs = new Float64Array(count);
  const denseOf = new Map<number, number>();
  const storeIds: number[] = [];
  let i = 0;
  const labels = query.labels && query.labels.length > 0 ? labelSetCondition(query.labels) : null;
  const rows = db
    .prepare(
      `SELECT stack, time_ns, ${labels === null ? '1' : `(${labels.sql})`} FROM sample_times WHERE item = ? ORDER BY seq`,
    )
    .raw();
  const params = [...(labels?.params ?? []), profileId];
  for (const [stored, time, kept] of rows.iterate(...params) as Iterable<[number, number, number]>) {
    if (i === count) break; // rows written since the count: not part of this read
    const storeStack = kept ? stored : NO_STACK;
    let dense = denseOf.get(storeStack);
    if (dense === undefined) {
      dense = storeIds.length;
      denseOf.set(storeStack, dense);
      storeIds.push(storeStack);
    }
    stack[i] = dense;
    timeNs[i] = time;
    i++;
  }
  const { stacks, nodeOf } = stacksOf(db, storeIds, query.byLine === true);
  for (let k = 0; k < i; k++) stack[k] = nodeOf[stack[k] as number] as number;
  return { samples: { stack: stack.subarray(0, i), timeNs: timeNs.subarray(0, i) }, stacks };
}

/**
 * The stacks `storeIds` as one forest, and the node of each (ROOT_NODE for NO_STACK or an empty stack).
 * Each stored stack is a parent stack plus a segment of frames (stored-segments.ts); the segments are
 * expanded frame by frame through the builder's trie, keyed by (parent node, frame), so stacks that share
 * a prefix share its nodes and the forest is linear in the distinct frames.
 */
function stacksOf(
  db: Database.Database,
  storeIds: number[],
  byLine: boolean,
): { stacks: WeightedStacks; nodeOf: Int32Array } {
  const stored = storeIds.filter((id) => id !== NO_STACK);
  const { segments, stackIds } = storedSegments(db, 'SELECT value AS stack, 0 AS total FROM json_each(?)', [
    JSON.stringify(stored),
  ]);
  const { parent, offsets, frames } = segments;
  const builder = new WeightedStacksBuilder();
  const lastOf = new Int32Array(parent.length);
  const nodeOfId = new Map<number, number>();
  for (let n = 0; n < parent.length; n++) {
    const p = parent[n] as number;
    let node = p < 0 ? ROOT_NODE : (lastOf[p] as number);
    for (let j = offsets[n] as number; j < (offsets[n + 1] as number); j++)
      node = builder.child(node, frames[j] as number);
    lastOf[n] = node;
    nodeOfId.set(stackIds[n] as number, node);
  }
  const nodeOf = Int32Array.from(storeIds, (id) => {
    if (id === NO_STACK) return ROOT_NODE;
    const node = nodeOfId.get(id);
    if (node === undefined) throw new Error(`sample_times refers to stack ${id}, which is not stored`);
    return node;
  });
  const forest = builder.finish([], [], []);
  // The nodes' functions are still global frame ids: rewritten in place to function indices.
  const functions = framesToFunctions(db, forest.func, byLine);
  return { stacks: { ...forest, ...functions }, nodeOf };
}
