/**
 * The migration to stacks stored linearly (sample-writer.ts): a stack becomes
 * a parent stack plus a segment of frames. Rows written before are whole
 * stacks under the root: `parent` defaults to 0 and their stack_hashes keys
 * stay valid, since the hash of a root-parented segment is the old hash of
 * the whole stack (stack-hash.ts). The stack cache takes the same form and
 * every item gets one, and the function index, which was created on first
 * use, becomes part of the schema, filled for every item not indexed yet, so
 * that searches only read: both are done by migration 13 (cacheOldItems),
 * which builds every missing cache in its present form.
 *
 * These steps run on old stores before migration 12 renames the tables and
 * columns named for profiles to items: linearStacks and cacheByStackIds use
 * the old names and call nothing that reads the store; cacheOldItems comes
 * after the rename and calls the store's code, which uses the new names.
 */
import type Database from 'better-sqlite3';
import { writeItemFunctionTotals } from './item-function-totals';
import { rebuildStackCache } from './stack-cache';

export function linearStacks(db: Database.Database): void {
  db.exec(`
    ALTER TABLE stacks ADD COLUMN parent INTEGER NOT NULL DEFAULT 0;
    DROP TABLE stack_cache_frames;
    DROP TABLE stack_cache;
    CREATE TABLE stack_cache_nodes (
      profile INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
      chunk INTEGER NOT NULL,
      parents BLOB NOT NULL,
      shared BLOB NOT NULL,
      offsets BLOB NOT NULL,
      frames BLOB NOT NULL,
      PRIMARY KEY (profile, chunk)
    ) WITHOUT ROWID;
    CREATE TABLE stack_cache_values (
      profile INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
      sample_type INTEGER NOT NULL,
      chunk INTEGER NOT NULL,
      nodes BLOB NOT NULL,
      totals BLOB NOT NULL,
      PRIMARY KEY (profile, sample_type, chunk)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS profile_functions (
      function INTEGER NOT NULL REFERENCES functions (id),
      profile INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
      self REAL NOT NULL,
      total REAL NOT NULL,
      PRIMARY KEY (function, profile)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS profile_functions_by_profile ON profile_functions (profile);
    -- One row per catalogue item indexed, also for items without stacks (GC logs, heap snapshots, empty profiles).
    CREATE TABLE IF NOT EXISTS profile_functions_indexed (
      profile INTEGER PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE
    );
  `);
  // The caches and the function index of items written before are filled by migration 13 (cacheOldItems).
}

/**
 * Migration 11: the stack cache lists each node's store stack, and its
 * values are read from stack_values by those ids instead of from a copy per
 * node (stack-cache.ts). The caches in the old form are dropped; migration 13
 * (cacheOldItems) builds them again from the items' stored stacks.
 */
export function cacheByStackIds(db: Database.Database): void {
  db.exec(`
    DROP TABLE stack_cache_nodes;
    DROP TABLE stack_cache_values;
    CREATE TABLE stack_cache_nodes (
      profile INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
      chunk INTEGER NOT NULL,
      parents BLOB NOT NULL,
      stacks BLOB NOT NULL,
      forest_frames INTEGER NOT NULL,
      PRIMARY KEY (profile, chunk)
    ) WITHOUT ROWID;
  `);
}

/**
 * Migration 13, after the rename to items (migration 12): every item with
 * stored stacks and no stack cache (items written before migration 11) gets
 * one built from its stored stacks, then the function index is filled for the
 * items not indexed yet. Items written at schema 11 or later have both
 * already, so a store that ran migration 11's earlier form, which rebuilt
 * them itself, has nothing to do here.
 */
export function cacheOldItems(db: Database.Database): void {
  const uncached = db
    .prepare(
      `SELECT id FROM items i
       WHERE EXISTS (SELECT 1 FROM stack_values v WHERE v.item = i.id)
         AND NOT EXISTS (SELECT 1 FROM stack_cache_nodes c WHERE c.item = i.id)
       ORDER BY id`,
    )
    .pluck()
    .all() as number[];
  for (const itemId of uncached) rebuildStackCache(db, itemId);
  const pending = db
    .prepare('SELECT id FROM items WHERE id NOT IN (SELECT item FROM item_functions_indexed) ORDER BY id')
    .pluck()
    .all() as number[];
  for (const itemId of pending) writeItemFunctionTotals(db, itemId);
}
