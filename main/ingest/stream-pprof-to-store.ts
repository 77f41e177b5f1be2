/**
 * A large pprof file into the store without holding it: pass 1 of the
 * streaming reader reads the tables; then the store opens the file's item
 * (ProfileStore.addStreamedFile, which owns the transaction) and pass 2's
 * samples go straight to its sample writer through PprofSinkFeeder. Any
 * failure or cancel rolls the write back: the database is left as it was.
 */
import type { ImportLimits } from '../../shared/import/limits';
import { streamPprofInto, type PprofProgress } from '../../shared/import/pprof/stream';
import { PprofSinkFeeder, sinkTablesOfPprof } from '../../shared/import/pprof/stream-feed';
import type { ResolvedTables } from '../../shared/import/pprof/stream-resolve';
import type { ProfileStore } from '../store/profile-store';
import type { FileOrigin, ItemFacts, StoredFile } from '../store/write-item';

export interface StreamToStoreOptions {
  limits: ImportLimits;
  onProgress?(progress: PprofProgress): void;
  isCancelled?(): boolean;
  /** Called before each batch the store writes; throws to stop the import (ImportCancelled). */
  checkpoint?(): void;
  /** Pass 1 is over and pass 2 starts: from here on samples are decoded and written together. */
  onWriting?(): void;
}

/** Returns the new item's catalogue id, or the stored items when another process stored the same bytes first. */
export function streamPprofToStore(
  store: ProfileStore,
  origin: FileOrigin,
  openPass: () => AsyncIterable<Uint8Array>,
  options: StreamToStoreOptions,
): Promise<StoredFile> {
  return store.addStreamedFile(
    origin,
    (openItem) =>
      streamPprofInto(openPass, options, (tables, labelSets) => {
        options.onWriting?.();
        const sink = openItem(pprofItemFacts(tables), sinkTablesOfPprof(tables));
        return new PprofSinkFeeder(tables, labelSets, sink);
      }),
    options.checkpoint,
  );
}

function pprofItemFacts(tables: ResolvedTables): ItemFacts {
  return {
    format: 'pprof',
    kind: tables.kind,
    capturedAtMs: tables.startTimeMs,
    durationNs: tables.durationNs,
    tags: tables.capture,
    period: tables.period,
    periodType: tables.periodType,
    defaultSampleType: tables.defaultSampleType,
    comments: tables.comments,
  };
}
