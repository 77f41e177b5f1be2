/**
 * Typed arrays in and out of the store, in chunks: SQLite caps one blob at
 * 1 GB by default, and a 500 MB heap snapshot's edge arrays come close.
 */
import type Database from 'better-sqlite3';
import { batchCheckpoint } from './batch-checkpoint';

const CHUNK_BYTES = 64 * 1024 * 1024;

export type StoredArray = Uint8Array | Uint32Array | Float64Array;

export function writeArray(db: Database.Database, profileId: number, name: string, array: StoredArray): void {
  const insert = db.prepare('INSERT INTO heap_arrays (item, array, chunk, data) VALUES (?, ?, ?, ?)');
  const bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  let chunk = 0;
  for (let offset = 0; offset < bytes.length || chunk === 0; offset += CHUNK_BYTES) {
    batchCheckpoint(db);
    insert.run(profileId, name, chunk++, bytes.subarray(offset, Math.min(bytes.length, offset + CHUNK_BYTES)));
  }
}

export function readArray<T extends StoredArray>(
  db: Database.Database,
  profileId: number,
  name: string,
  make: (buffer: ArrayBuffer) => T,
): T {
  const chunks = db
    .prepare('SELECT data FROM heap_arrays WHERE item = ? AND array = ? ORDER BY chunk')
    .pluck()
    .all(profileId, name) as Buffer[];
  const total = chunks.reduce((sum, c) => sum + c.length, 0);
  const buffer = new ArrayBuffer(total);
  const view = new Uint8Array(buffer);
  let offset = 0;
  for (const c of chunks) {
    view.set(c, offset);
    offset += c.length;
  }
  return make(buffer);
}
