/**
 * Opening the store's file: refuse what is not a Kiln store before SQLite touches it (store-file.ts), open
 * read-only for commands that only read (they never create, migrate or write a store, so they work on a
 * read-only file system or a full disk), and check cheaply that the store is whole.
 */
import Database from 'better-sqlite3';
import { migrate, SCHEMA_VERSION } from './migrations';
import {
  damagedStore,
  isKilnSchema,
  isStoreDamage,
  notAStore,
  readStoreHeader,
  StoreOpenError,
  type StoreAccess,
  type StoreHeader,
} from './store-file';
import { untilNotBusy } from './write-lock';

export function openStore(path: string, access: StoreAccess, nativeBinding?: string): Database.Database {
  const binding = nativeBinding ? { nativeBinding } : {};
  if (path === ':memory:') return prepareForWriting(new Database(path, binding));
  let header: StoreHeader | null;
  try {
    header = readStoreHeader(path);
  } catch (error) {
    throw error instanceof StoreOpenError ? error : cannotOpen(path, error);
  }
  if (access === 'read' && (header === null || header.empty)) {
    throw new StoreOpenError(`no Kiln store at ${path}; import something first`, path);
  }
  let db: Database.Database;
  try {
    db = new Database(path, access === 'read' ? { ...binding, readonly: true, fileMustExist: true } : binding);
  } catch (error) {
    throw isStoreDamage(error) ? damagedStore(path, messageOf(error)) : cannotOpen(path, error);
  }
  try {
    if (header !== null && !header.empty) checkSchema(db, path, header);
    if (access === 'write') return prepareForWriting(db);
    db.pragma('foreign_keys = ON');
    checkReadableVersion(db, path);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof StoreOpenError) throw error;
    throw isStoreDamage(error) ? damagedStore(path, messageOf(error)) : cannotOpen(path, error);
  }
}

/**
 * Switching to WAL and migrating take the write lock: while another process writes (or switches the store back to
 * rollback-journal mode as it closes, profile-store.ts), they wait for it with no cap (write-lock.ts). Each migration
 * step is its own transaction and checks the version under the lock, so a retry redoes nothing.
 */
function prepareForWriting(db: Database.Database): Database.Database {
  db.pragma('busy_timeout = 5000');
  untilNotBusy(db, () => db.pragma('journal_mode = WAL'));
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  untilNotBusy(db, () => migrate(db));
  return db;
}

/** Reading the schema reads page 1 and the schema's other pages: the cheap part of an integrity check. */
function checkSchema(db: Database.Database, path: string, header: StoreHeader): void {
  const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  if (isKilnSchema(tables)) return;
  // Marked as Kiln's yet without Kiln's tables: a store whose schema was lost, not another program's file.
  if (header.marked) throw damagedStore(path, 'Kiln’s tables are missing');
  throw notAStore(path, 'its tables are not Kiln’s');
}

/** A read-only connection cannot migrate: a store at another schema version is refused with what to do. */
function checkReadableVersion(db: Database.Database, path: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version < SCHEMA_VERSION) {
    throw new StoreOpenError(
      `the store at ${path} needs an upgrade (schema ${version}, this build reads ${SCHEMA_VERSION}): run any import, or open it with the app`,
      path,
    );
  }
  if (version > SCHEMA_VERSION) {
    throw new StoreOpenError(
      `the store at ${path} was written by a newer Kiln (schema ${version}, this build knows ${SCHEMA_VERSION}); refusing to open it`,
      path,
    );
  }
}

function cannotOpen(path: string, error: unknown): StoreOpenError {
  return new StoreOpenError(`cannot open the store at ${path}: ${messageOf(error)}`, path);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
