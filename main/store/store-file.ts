/**
 * Is this file a Kiln store, and whole? Decided from the first 100 bytes of the
 * file (SQLite's database header) before SQLite opens it, so a file that is not
 * a store is refused without being touched: SQLite would add its journal files,
 * and a writing open would add Kiln's tables and switch it to WAL.
 *
 * A Kiln store says so in the header: `PRAGMA application_id` is KILN_APPLICATION_ID
 * (set by migrate, migrations.ts). Stores from before it was set have 0 there, a
 * user_version of at least 1 and Kiln's tables: the caller looks for those
 * (isKilnSchema) once SQLite has the file open.
 *
 * The integrity check is deliberately cheap: `PRAGMA quick_check` reads every page
 * (350 ms on an 80 MB store, and stores reach GBs). The header must be sane, the
 * file as long as the header says, and, once open, the schema readable and Kiln's
 * tables present; damage deeper in the file shows as SQLITE_CORRUPT when read,
 * which isStoreDamage recognises so that the caller can say what to do.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';

/** "KILN" in ASCII, as a big-endian int32: the application_id of every Kiln store. */
export const KILN_APPLICATION_ID = 0x4b494c4e;

/** 'write': import, serve, the app (may create the store and migrate it); 'read': a command that only reads. */
export type StoreAccess = 'write' | 'read';

/** A store that cannot be opened; the message says why and what to do, and `path` is the store's file. */
export class StoreOpenError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'StoreOpenError';
  }
}

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_BYTES = 100;
/** Page 1's b-tree header follows the database header: its type and cell count say whether the schema is empty. */
const PAGE1_BYTES = 108;
const LEAF_TABLE_PAGE = 13;

/** What the header of an existing Kiln-looking (or empty) file says. */
export interface StoreHeader {
  /** No tables (a file SQLite created and nothing wrote to): a new store when writing. */
  empty: boolean;
  /** application_id is Kiln's; false for stores from before it was set. */
  marked: boolean;
  userVersion: number;
}

export const notAStore = (path: string, why: string): StoreOpenError =>
  new StoreOpenError(`${path} is not a Kiln store (${why}); refusing to open it`, path);

export const damagedStore = (path: string, why: string): StoreOpenError =>
  new StoreOpenError(
    `the store at ${path} is damaged (${why}); move it aside and import again, or restore a backup`,
    path,
  );

/**
 * The header of the store file at `path`, or null when there is no file or it is empty (0 bytes);
 * throws StoreOpenError when it is not a Kiln store or is visibly damaged.
 */
export function readStoreHeader(path: string): StoreHeader | null {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw notAStore(path, 'not a regular file');
    size = stat.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if (size === 0) return null;
  const bytes = Buffer.alloc(PAGE1_BYTES);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, bytes, 0, PAGE1_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  if (read < HEADER_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw notAStore(path, 'not an SQLite database');
  }
  const applicationId = bytes.readUInt32BE(68);
  if (applicationId !== 0 && applicationId !== KILN_APPLICATION_ID) {
    throw notAStore(path, `an SQLite database of another program, application_id 0x${applicationId.toString(16)}`);
  }
  const rawPageSize = bytes.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) damaged(path, `bad page size ${rawPageSize}`);
  // A store with a WAL beside it may be in use: a checkpoint writes page 1 before it has grown the file, and page 1
  // in the file may be older than the one in the WAL (a store `kiln serve` has open: its schema and user_version
  // are in the WAL only). What page 1 says of the schema is then left to SQLite (store-open.ts checkSchema).
  const walPath = `${path}-wal`;
  const walInUse = existsSync(walPath) && statSync(walPath).size > 0;
  if (!existsSync(walPath)) checkSize(path, bytes, size, pageSize);
  const userVersion = bytes.readUInt32BE(60);
  const empty =
    !walInUse && read === PAGE1_BYTES && bytes[HEADER_BYTES] === LEAF_TABLE_PAGE && bytes.readUInt16BE(103) === 0;
  // Kiln writes its tables and user_version in one transaction: tables at version 0 are another program's.
  if (!walInUse && applicationId === 0 && !empty && userVersion === 0) {
    throw notAStore(path, 'its tables are not Kiln’s');
  }
  return { empty, marked: applicationId === KILN_APPLICATION_ID, userVersion };
}

function checkSize(path: string, bytes: Buffer, size: number, pageSize: number): void {
  if (size % pageSize !== 0) damaged(path, `its size, ${size} bytes, is not a whole number of ${pageSize}-byte pages`);
  // The page count in the header holds only when the change counter and the version-valid-for number agree.
  const pageCount = bytes.readUInt32BE(28);
  if (pageCount > 0 && bytes.readUInt32BE(24) === bytes.readUInt32BE(92) && size < pageCount * pageSize) {
    damaged(path, `${size} bytes where its header says ${pageCount * pageSize}: truncated`);
  }
}

function damaged(path: string, why: string): never {
  throw damagedStore(path, why);
}

/**
 * Kiln's tables, by the names of the schema version the store is at: `items` since migration 12,
 * `profiles` and `stack_values` before it.
 */
export function isKilnSchema(tables: ReadonlySet<string>): boolean {
  return (
    ['files', 'stacks', 'sample_types', 'stack_values'].every((t) => tables.has(t)) &&
    (tables.has('items') || tables.has('profiles'))
  );
}

/** SQLite's word that the file is damaged (or not a database at all), in an error thrown while reading it. */
export function isStoreDamage(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}
