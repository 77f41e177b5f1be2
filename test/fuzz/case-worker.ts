/**
 * The fuzz harness's worker thread (bundled by run-case.ts): imports each case it is sent into a fresh SQLite store
 * file through the real ingest path (ingestFile, ProfileStore), then checks the store, and answers with what
 * happened. Runs in a worker with a heap limit, so that a case that runs out of memory kills only the worker.
 */
import { copyFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { ImportError } from '../../shared/import/errors';
import { DEFAULT_IMPORT_LIMITS } from '../../shared/import/limits';
import { ingestFile } from '../../main/ingest/ingest-file';
import { importErrorMessage } from '../../main/ingest/import-message';
import { ProfileStore } from '../../main/store/profile-store';
import { storeDefects } from './store-check';

export interface CaseRequest {
  name: string;
  bytes: Uint8Array;
  dbPath: string;
}

export type CaseReply =
  | { kind: 'imported'; items: number; defects: string[] }
  | { kind: 'import-error'; fileName: string; message: string; defects: string[] }
  | { kind: 'other-error'; message: string; defects: string[] };

/** An empty store made once per worker and copied for each case: migrating a new store costs more than most cases. */
let template: string | null = null;

function freshStore(dbPath: string): ProfileStore {
  if (template === null) {
    template = `${dbPath}.template`;
    new ProfileStore(template).close();
  }
  copyFileSync(template, dbPath);
  return new ProfileStore(dbPath);
}

async function runCase(request: CaseRequest): Promise<CaseReply> {
  const store = freshStore(request.dbPath);
  try {
    const outcome = await ingestFile(
      store,
      { name: request.name, source: `fuzz:${request.name}`, input: { kind: 'bytes', bytes: request.bytes } },
      DEFAULT_IMPORT_LIMITS,
      { onProgress: () => {}, isCancelled: () => false },
    );
    return { kind: 'imported', items: outcome.ids.length, defects: storeDefects(store.db) };
  } catch (error) {
    const defects = storeDefects(store.db);
    if (error instanceof ImportError) {
      return {
        kind: 'import-error',
        fileName: error.fileName,
        message: importErrorMessage(request.name, error),
        defects,
      };
    }
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { kind: 'other-error', message: message.slice(0, 2000), defects };
  } finally {
    store.close();
  }
}

parentPort?.on('message', (request: CaseRequest) => {
  void runCase(request).then(
    (reply) => parentPort?.postMessage(reply),
    (error: unknown) =>
      parentPort?.postMessage({ kind: 'other-error', message: `store: ${String(error)}`.slice(0, 2000), defects: [] }),
  );
});
