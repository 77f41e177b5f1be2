/**
 * A large pprof file into the store without holding it: pass 1 of the
 * streaming reader reads the tables; then, in one transaction, the file row,
 * the item row, functions and frames are written and pass 2's samples go
 * straight to the store (main/store/streamed-pprof-writer.ts). The
 * transaction stays open across the awaits of pass 2, so the caller must not
 * run anything else on this connection meanwhile (the ingest worker runs one
 * import at a time; so does the inline runner). Any failure or cancel rolls
 * it back: the database is left as it was.
 */
import type { ImportLimits } from '../../shared/import/limits';
import { streamPprofInto, type PprofProgress } from '../../shared/import/pprof-stream';
import type { ProfileStore } from '../store/profile-store';
import { StreamedPprofWriter, type StreamedWriteOptions } from '../store/streamed-pprof-writer';
import { insertFileRow, type FileOrigin } from '../store/write-item';

/** As writeProfile: a page cache large enough for a big import's dirty pages (KiB, SQLite's negative unit). */
const IMPORT_CACHE_KIB = -65_536;

export interface StreamToStoreOptions extends StreamedWriteOptions {
  limits: ImportLimits;
  onProgress?(progress: PprofProgress): void;
  isCancelled?(): boolean;
  /** Pass 1 is over and pass 2 starts: from here on samples are decoded and written together. */
  onWriting?(): void;
}

/** Returns the new item's catalogue id. */
export async function streamPprofToStore(
  store: ProfileStore,
  origin: FileOrigin,
  openPass: () => AsyncIterable<Uint8Array>,
  options: StreamToStoreOptions,
): Promise<number> {
  const db = store.db;
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  let writer: StreamedPprofWriter | null = null;
  try {
    await streamPprofInto(openPass, options, (tables, labelSets) => {
      options.onWriting?.();
      db.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
      db.exec('BEGIN IMMEDIATE');
      const fileId = insertFileRow(db, origin);
      const place = { fileId, part: 0, name: origin.name, itemName: null };
      writer = new StreamedPprofWriter(db, tables, labelSets, place, options);
      return writer;
    });
    const id = (writer as StreamedPprofWriter | null)?.finish();
    if (id === undefined) throw new Error('the pprof reader ended without reaching its samples');
    db.exec('COMMIT');
    return id;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
}
