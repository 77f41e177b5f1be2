/**
 * The store's one cancellation point: a hook, per connection, that the
 * writers call before each batch of rows they write (bulk-insert.ts, the
 * sample writer's batches, every few hundred functions, frames, label sets,
 * GC events or heap strings, every heap array chunk). The store sets it for
 * the length of an import's write (`withCheckpoint`); it throws to cancel, the
 * exception reaches the store's transaction, which rolls back, and the
 * database file stays byte-identical. Calling it per batch costs nothing
 * measurable, where a per-row SQLite trigger cost a third of the insert time.
 */
import type Database from 'better-sqlite3';

const hooks = new WeakMap<Database.Database, () => void>();

/**
 * Runs `write` with `hook` as the connection's checkpoint (none when undefined); the hook is removed when `write`
 * returns or, for a promise, settles.
 */
export function withCheckpoint<T>(db: Database.Database, hook: (() => void) | undefined, write: () => T): T {
  if (hook === undefined) return write();
  hooks.set(db, hook);
  let result: T;
  try {
    result = write();
  } catch (error) {
    hooks.delete(db);
    throw error;
  }
  if (result instanceof Promise) {
    return result.finally(() => hooks.delete(db)) as T;
  }
  hooks.delete(db);
  return result;
}

/** Runs the connection's hook, if any; it may throw to stop the write. */
export function batchCheckpoint(db: Database.Database): void {
  hooks.get(db)?.();
}
