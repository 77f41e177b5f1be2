/**
 * A hook that the store's bulk writers (bulk-insert.ts) call before each
 * batch of rows they insert, per connection. The ingest sets it while an
 * import writes (main/ingest/write-checkpoints.ts) so that a cancel stops a
 * long write within a few hundred rows: the hook throws, the store's
 * transaction rolls back. Calling it per batch costs nothing measurable,
 * where a per-row SQLite trigger cost a third of the insert time.
 */
import type Database from 'better-sqlite3';

const hooks = new WeakMap<Database.Database, () => void>();

/** Sets (or, with null, removes) the hook of a connection. */
export function setBatchCheckpoint(db: Database.Database, hook: (() => void) | null): void {
  if (hook) hooks.set(db, hook);
  else hooks.delete(db);
}

/** Runs the connection's hook, if any; it may throw to stop the write. */
export function batchCheckpoint(db: Database.Database): void {
  hooks.get(db)?.();
}
