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
import { insertFileRow, insertItemRow, type FileOrigin, type ItemFacts } from './write-item';

/** Opens the file's one item: writes the file and item rows and returns the sink for its samples. */
export type OpenStreamedItem = (facts: ItemFacts, tables: SinkTables) => SampleSink;

export async function writeStreamedFile(
  db: Database.Database,
  origin: FileOrigin,
  read: (openItem: OpenStreamedItem) => Promise<void>,
  checkpoint: () => void,
): Promise<number> {
  const restoreCache = raiseImportCache(db);
  let writer: SampleWriter | null = null;
  try {
    await withCheckpoint(db, checkpoint, () =>
      read((facts, tables) => {
        if (writer !== null) throw new Error('a streamed file holds one item');
        db.exec('BEGIN IMMEDIATE');
        const fileId = insertFileRow(db, origin);
        const place = { fileId, part: 0, name: origin.name, itemName: null };
        writer = new SampleWriter(db, insertItemRow(db, place, facts), tables, { wholeStacks: true });
        return writer;
      }),
    );
    const opened = writer as SampleWriter | null;
    if (opened === null) throw new Error('the reader ended without reaching its samples');
    const id = withCheckpoint(db, checkpoint, () => opened.finish());
    db.exec('COMMIT');
    return id;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  } finally {
    restoreCache();
  }
}
