/**
 * Stored stacks with a value, with every ancestor stack they hang from, as
 * Segments (stack-segments.ts): one recursive query climbs the parents, so a
 * chain of 20,000 one-frame stacks is one query, not 20,000. Stack ids grow
 * from parent to child (sample-writer.ts), so id order is topological order.
 * The stacks are read `WHERE id IN need`: SQLite walks that list in id order,
 * so the ORDER BY costs no sort (a third of the query for 1,000 merged items).
 */
import type Database from 'better-sqlite3';
import { segmentOfBlob } from './stack-hash';
import type { Segments } from './stack-segments';

export interface ValuedSegments {
  segments: Segments;
  /** Per node: its store stack id. */
  stackIds: Int32Array;
  value: Float64Array;
  present: Uint8Array;
}

/**
 * `valuesSql` selects (stack, total) rows, e.g. a GROUP BY over stack_values; its parameters are `params`.
 * Stacks it selects twice are summed.
 */
export function storedSegments(db: Database.Database, valuesSql: string, params: readonly unknown[]): ValuedSegments {
  const rows = db
    .prepare(
      `WITH RECURSIVE v(stack, total) AS MATERIALIZED (SELECT stack, SUM(total) FROM (${valuesSql}) GROUP BY stack),
       need(id) AS (
         SELECT stack FROM v
         UNION
         SELECT s.parent FROM need JOIN stacks s ON s.id = need.id WHERE s.parent <> 0
       )
       SELECT s.id, s.parent, s.frames, s.depth, v.total FROM stacks s
       LEFT JOIN v ON v.stack = s.id
       WHERE s.id IN need
       ORDER BY s.id`,
    )
    .raw()
    .all(...params) as [number, number, Buffer, number, number | null][];
  const count = rows.length;
  const stackIds = new Int32Array(count);
  const parent = new Int32Array(count);
  const offsets = new Int32Array(count + 1);
  const value = new Float64Array(count);
  const present = new Uint8Array(count);
  const nodeOf = new Map<number, number>();
  let frameCount = 0;
  rows.forEach(([id, parentId, , depth, total], n) => {
    stackIds[n] = id;
    nodeOf.set(id, n);
    const p = parentId === 0 ? -1 : nodeOf.get(parentId);
    if (p === undefined) throw new Error(`stack ${id} hangs from stack ${parentId}, which is not stored before it`);
    parent[n] = p;
    frameCount += depth;
    offsets[n + 1] = frameCount;
    if (total !== null) {
      value[n] = total;
      present[n] = 1;
    }
  });
  const frames = new Int32Array(frameCount);
  rows.forEach(([, , blob, depth], n) => frames.set(segmentOfBlob(blob, depth), offsets[n] as number));
  return { segments: { parent, offsets, frames }, stackIds, value, present };
}
