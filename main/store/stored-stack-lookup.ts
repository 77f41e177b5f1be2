/**
 * Finds which of a chunk of stack segments are already stored as stacks, in
 * one query: SQLite does the comparing. The segments go in as one JSON array
 * of [hash, byte offset from 1, byte length, parent] into a blob of their
 * packed frames (little-endian int32s, as `stacks.frames`); a stored stack
 * matches when its hash, its parent and its frames are equal to the segment's. Rows come back as one number
 * each (index in the chunk · 2^32 + stack id), so no blob is copied to JS.
 */
import type Database from 'better-sqlite3';

const TWO_POW_32 = 4294967296;

/** One segment of a chunk: its stack hash, its parent stack id (0: root), and where its frames lie in the packed blob (in int32s). */
export interface PathRef {
  hash: number;
  parent: number;
  start: number;
  depth: number;
}

export type StoredStackLookup = (
  paths: readonly PathRef[],
  packed: Buffer,
  found: (index: number, stack: number) => void,
) => void;

export function storedStackLookup(db: Database.Database): StoredStackLookup {
  const lookup = db
    .prepare(
      `SELECT p.key * ${TWO_POW_32} + h.stack
       FROM json_each(?) p
       JOIN stack_hashes h ON h.hash = p.value ->> 0
       JOIN stacks s ON s.id = h.stack
       WHERE s.parent = p.value ->> 3 AND s.frames = substr(?, p.value ->> 1, p.value ->> 2)`,
    )
    .pluck();
  return (paths, packed, found) => {
    // substr counts bytes from 1.
    const entries = paths.map(({ hash, start, depth, parent }) => [hash, start * 4 + 1, depth * 4, parent]);
    for (const row of lookup.all(JSON.stringify(entries), packed) as number[]) {
      const index = Math.floor(row / TWO_POW_32);
      found(index, row - index * TWO_POW_32);
    }
  };
}
