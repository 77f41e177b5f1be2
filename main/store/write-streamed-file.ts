/**
 * A file with one item whose samples arrive while it is read (a large pprof:
 * pass 2 of the streaming reader decodes and the sample writer writes
 * together), in one transaction that stays open across the reader's awaits.
 * The store owns that transaction: the caller's `read` opens the item when it
 * knows its facts and tables, and feeds the sink it gets. Any failure, or a
 * cancel (the checkpoint throws before a batch is written), rolls it back and
 * leaves the database file as it was.
 *
 * Nothing else may run on this connection meanwhile (the ingest worker runs
 * one import at a time; so does the inline runner).
 */
import type Database from 'better-sqlite3';
import type { SampleSink, SinkTables } from '../../shared/profile/sample-sink';
import { withCheckpoint } from './batch-checkpoint';
import { raiseImportCache } from './import-cache';
import { SampleWriter } from './sample-writer';
import { beginImmediate, commit } from './write-lock';
import {
  insertFileRow,
  insertItemRow,
  storedItemIds,
  type FileOrigin,
  type ItemFacts,
  type StoredFile,
} from './write-item';

/** Opens the file's one item: writes the file and item rows and returns the sink for its samples. */
/** Thrown under the write lock when the file turned out to be stored already; ends the read and rolls back. */
class AlreadyStored extends Error {
  constructor(readonly ids: number[]) {
    super('the file is stored already');
  }
}

export type OpenStreamedItem = (facts: ItemFacts, tables: SinkTables) => SampleSink;

export async function writeStreamedFile(
  db: Database.Database,
  origin: FileOrigin,
  read: (openItem: OpenStreamedItem) => Promise<void>,
  checkpoint: () => void,
): Promise<StoredFile> {
  const restoreCache = raiseImportCache(db);
  let writer: SampleWriter | null = null;
  try {
    await withCheckpoint(db, checkpoint, () =>
      read((facts, tables) => {
        if (writer !== null) throw new Error('a streamed file holds one item');
        // Waits (cancellably) while another process writes: pass 1 has read the tables, only the write waits.
        beginImmediate(db);
        // Another process may have stored the same bytes while this one waited: answer with its items.
        const stored = storedItemIds(db, origin.contentHash);
        if (stored !== null) throw new AlreadyStored(stored);
        const fileId = insertFileRow(db, origin);
        const place = { fileId, part: 0, name: origin.name, itemName: null, importTags: origin.importTags };
        writer = new SampleWriter(db, insertItemRow(db, place, facts), tables, { wholeStacks: true });
        return writer;
      }),
    );
    const opened = writer as SampleWriter | null;
    if (opened === null) throw new Error('the reader ended without reaching its samples');
    const id = withCheckpoint(db, checkpoint, () => opened.finish());
    commit(db);
    return { ids: [id], duplicate: false };
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    if (error instanceof AlreadyStored) return { ids: error.ids, duplicate: true };
    throw error;
  } finally {
    restoreCache();
  }
}
