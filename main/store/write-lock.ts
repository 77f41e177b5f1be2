/**
 * Waiting for the store's write lock instead of failing. Another process (the
 * app, `kiln serve`, another `kiln import`) may hold the write lock of the same
 * store for as long as its import writes; SQLite's busy timeout would give up
 * with "database is locked" after a fixed time. Here a write that cannot take
 * the lock retries with a short busy timeout (SQLite sleeps between its own
 * tries), with no cap: between tries the connection's checkpoint runs
 * (batch-checkpoint.ts, it throws to cancel) and, once, its wait hook tells
 * the user that the import waits for the store.
 */
import type Database from 'better-sqlite3';
import { batchCheckpoint } from './batch-checkpoint';

/** How long one try waits for the lock inside SQLite before the checkpoint runs again. */
export const LOCK_POLL_MS = 100;

const waitHooks = new WeakMap<Database.Database, (waiting: boolean) => void>();

/** Sets (or, with null, removes) the hook told when a write of this connection starts and stops waiting. */
export function setLockWaitHook(db: Database.Database, hook: ((waiting: boolean) => void) | null): void {
  if (hook === null) waitHooks.delete(db);
  else waitHooks.set(db, hook);
}

/** SQLite's word that another connection holds a lock this one needs (SQLITE_BUSY and its extended codes). */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/**
 * Runs `attempt` until it does not fail with SQLITE_BUSY. `attempt` must leave nothing done when it fails so
 * (a BEGIN, a COMMIT, a whole transaction, an idempotent step). Cancelled by the connection's checkpoint.
 */
export function untilNotBusy<T>(db: Database.Database, attempt: () => T, pollMs: number = LOCK_POLL_MS): T {
  const saved = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma(`busy_timeout = ${pollMs}`);
  let waiting = false;
  try {
    for (;;) {
      try {
        return attempt();
      } catch (error) {
        if (!isBusy(error)) throw error;
      }
      if (!waiting) {
        waiting = true;
        waitHooks.get(db)?.(true);
      }
      batchCheckpoint(db);
    }
  } finally {
    db.pragma(`busy_timeout = ${saved}`);
    if (waiting) waitHooks.get(db)?.(false);
  }
}

/** BEGIN IMMEDIATE, waiting for the write lock as long as another connection holds it. */
export function beginImmediate(db: Database.Database): void {
  untilNotBusy(db, () => db.exec('BEGIN IMMEDIATE'));
}

/** COMMIT, retried while busy (a commit that cannot take its lock leaves the transaction open). */
export function commit(db: Database.Database): void {
  untilNotBusy(db, () => db.exec('COMMIT'));
}

/** `write` in one transaction that starts by taking the write lock (waiting for it); rolled back if it throws. */
export function writeTransaction<T>(db: Database.Database, write: () => T): T {
  beginImmediate(db);
  try {
    const result = write();
    commit(db);
    return result;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
