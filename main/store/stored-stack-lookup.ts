/**
 * Finds which of a chunk of stack segments are already stored as stacks, in
 * one query: SQLite does the comparing. The segments go in as one JSON array
 * of [hash, parent, byte offset from 1, byte length, and, for a narrow
 * segment, its offset and length as int32s] into two blobs of their frames:
 * each encoded as `stacks.frames` encodes it (stack-hash.ts), and all as
 * int32s, as blobs written before narrow ones were. A stored stack matches
 * when its hash, its parent and its frames are equal to the segment's. Rows
 * come back as one number each (index in the chunk · 2^32 + stack id), so no
 * blob is copied to JS.
 */
import type Database from 'better-sqlite3';

const TWO_POW_32 = 4294967296;

/** One segment of a chunk: its stack hash, its parent stack id (0: root), and where its frames lie in the blobs. */
export interface PathRef {
  hash: number;
  parent: number;
  /** Byte offset and length in the encoded blob. */
  byteStart: number;
  byteLength: number;
  /** Offset and length in int32s in the int32 blob, for a narrow segment (-1: the segment is stored wide). */
  wideStart: number;
  depth: number;
}

export type StoredStackLookup = (
  paths: readonly PathRef[],
  encoded: Buffer,
  wide: Buffer,
  found: (index: number, stack: number) => void,
) => void;

export function storedStackLookup(db: Database.Database): StoredStackLookup {
  const lookup = db
    .prepare(
      `SELECT p.key * ${TWO_POW_32} + h.stack
       FROM json_each(?) p
       JOIN stack_hashes h ON h.hash = p.value ->> 0
       JOIN stacks s ON s.id = h.stack
       WHERE s.parent = p.value ->> 1
         AND (s.frames = substr(?, p.value ->> 2, p.value ->> 3)
           OR (p.value ->> 4 > 0 AND s.frames = substr(?, p.value ->> 4, p.value ->> 5)))`,
    )
    .pluck();
  return (paths, encoded, wide, found) => {
    // substr counts bytes from 1.
    const entries = paths.map(({ hash, parent, byteStart, byteLength, wideStart, depth }) => [
      hash,
      parent,
      byteStart + 1,
      byteLength,
      wideStart < 0 ? 0 : wideStart * 4 + 1,
      depth * 4,
    ]);
    for (const row of lookup.all(JSON.stringify(entries), encoded, wide) as number[]) {
      const index = Math.floor(row / TWO_POW_32);
      found(index, row - index * TWO_POW_32);
    }
  };
}
