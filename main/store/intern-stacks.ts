/**
 * Interns the call paths that a profile's samples end at as global stacks:
 * one `stacks` row per distinct sequence of global frame ids (root first),
 * shared by every profile that has it.
 *
 * A path is looked up by its hash (`stack_hashes`, see migrations.ts) and then
 * by its frames, in a few chunked queries rather than one per path; a store
 * that holds no stacks yet is not queried at all. New paths get consecutive
 * ids in the order their first sample appears (the order the old UNIQUE-index
 * writer gave them, which `mergedStacks` returns stacks in), and are written
 * with multi-row inserts.
 */
import type Database from 'better-sqlite3';
import type { Profile } from '../../shared/profile/model';
import { BulkInsert } from './bulk-insert';
import { DistinctPaths } from './distinct-paths';
import { leafFrames, leafPaths, type LeafPaths } from './leaf-paths';
import { stackHash, type StackHash } from './stack-hash';
import { storedStackLookup, type PathRef } from './stored-stack-lookup';

export interface InternedStacks {
  /** Per sample: its distinct call path, numbered densely from 0 in order of first appearance. */
  pathOfSample: Int32Array;
  /** Per distinct call path: its global stack id. */
  stackOfPath: Int32Array;
  /** A path's global frame ids, root first (a view: do not keep it past the write). */
  pathFrames(path: number): Int32Array;
}

/** Paths per lookup query: keeps the parameters a few MB and the statement count low. */
const LOOKUP_CHUNK = 20_000;

export function internStacks(
  db: Database.Database,
  profile: Profile,
  frameIds: ArrayLike<number>,
  hash: StackHash = stackHash,
): InternedStacks {
  const leaves = leafPaths(profile, frameIds);
  const paths = new DistinctPaths(leaves, hash);
  const stackOfPath = new Int32Array(paths.count).fill(-1);
  findStoredStacks(db, leaves, paths, stackOfPath);
  insertNewStacks(db, leaves, paths, stackOfPath);

  const { stack } = profile.samples;
  const pathOfSample = new Int32Array(stack.length);
  for (let i = 0; i < stack.length; i++) {
    pathOfSample[i] = paths.pathOfLeaf[leaves.leafOfStack[stack[i] as number] as number] as number;
  }
  return { pathOfSample, stackOfPath, pathFrames: (path) => leafFrames(leaves, paths.leafOfPath[path] as number) };
}

/**
 * Sets stackOfPath for the paths already stored. SQLite does the comparing: a
 * chunk of paths goes in as one JSON array of [hash, offset, length] and the
 * packed frames they point into; a stored stack matches when its hash and its
 * frames blob are equal to the path's. Rows come back as one number each
 * (index in chunk · 2^32 + stack id), so no blob is copied out to JS.
 */
function findStoredStacks(
  db: Database.Database,
  leaves: LeafPaths,
  paths: DistinctPaths,
  stackOfPath: Int32Array,
): void {
  if (db.prepare('SELECT 1 FROM stack_hashes LIMIT 1').get() === undefined) return;
  const lookup = storedStackLookup(db);
  const packed = Buffer.from(leaves.frames.buffer, leaves.frames.byteOffset, leaves.frames.byteLength);
  for (let from = 0; from < paths.count; from += LOOKUP_CHUNK) {
    const to = Math.min(paths.count, from + LOOKUP_CHUNK);
    // The chunk's paths lie between its first leaf's start and its last leaf's end (leaves ascend with paths).
    const base = leaves.start[paths.leafOfPath[from] as number] as number;
    const end = leaves.start[(paths.leafOfPath[to - 1] as number) + 1] as number;
    const refs: PathRef[] = [];
    for (let path = from; path < to; path++) {
      const leaf = paths.leafOfPath[path] as number;
      const start = leaves.start[leaf] as number;
      refs.push({
        hash: paths.hashOfPath[path] as number,
        start: start - base,
        depth: (leaves.start[leaf + 1] as number) - start,
      });
    }
    lookup(refs, packed.subarray(base * 4, end * 4), (index, stack) => (stackOfPath[from + index] = stack));
  }
}

/**
 * Writes the paths not found as new stacks, with consecutive ids in path order
 * (appends to the stacks B-tree), then their hashes in hash order (in-order
 * inserts into stack_hashes rather than random ones).
 */
function insertNewStacks(db: Database.Database, leaves: LeafPaths, paths: DistinctPaths, stackOfPath: Int32Array) {
  const firstNewId = db.prepare('SELECT COALESCE(MAX(id), 0) + 1 FROM stacks').pluck().get() as number;
  let nextId = firstNewId;
  const insertStack = new BulkInsert(db, 'INSERT INTO stacks (id, frames, depth)', 3);
  const { buffer, byteOffset } = leaves.frames;
  for (let path = 0; path < paths.count; path++) {
    if (stackOfPath[path] !== -1) continue;
    const leaf = paths.leafOfPath[path] as number;
    const start = leaves.start[leaf] as number;
    const depth = (leaves.start[leaf + 1] as number) - start;
    stackOfPath[path] = nextId;
    insertStack.row(nextId++, Buffer.from(buffer, byteOffset + start * 4, depth * 4), depth);
  }
  insertStack.flush();
  if (nextId === firstNewId) return;

  const insertHash = new BulkInsert(db, 'INSERT INTO stack_hashes (hash, stack)', 2);
  for (const h of paths.sortedHashes()) {
    for (const path of paths.withHash(h)) {
      const id = stackOfPath[path] as number;
      if (id >= firstNewId) insertHash.row(h, id);
    }
  }
  insertHash.flush();
}
