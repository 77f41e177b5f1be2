/**
 * Entry of the ingest worker thread (bundled to dist/main/ingest-worker.cjs).
 * The worker opens its own connection to the database (WAL: the main
 * connection keeps answering reads) and runs whole imports, reading, parsing
 * and writing, so the thread that serves the UI never blocks on one. It posts
 * progress a few times a second and, at the end, only the new catalogue ids.
 * Imports run one at a time, in the order they were asked for.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { resolveImportLimits } from '../../shared/import/limits';
import { ProfileStore } from '../store/profile-store';
import { setLockWaitHook } from '../store/write-lock';
import { isImportCancelled, isSet } from './import-cancelled';
import { ingestFile } from './ingest-file';
import type { IngestRequest, IngestResponse, IngestWorkerData } from './ingest-messages';
import type { IngestProgress } from './progress-meter';

const port = parentPort;
if (!port) throw new Error('worker-entry must run in a worker thread');
const config = workerData as IngestWorkerData;
const limits = resolveImportLimits(config.limits);
let store: ProfileStore | null = null;
let queue: Promise<void> = Promise.resolve();

const post = (response: IngestResponse): void => port.postMessage(response);

port.on('message', (request: IngestRequest) => {
  queue = queue.then(() => (request.type === 'close' ? close() : runImport(request)));
});

async function runImport(request: Extract<IngestRequest, { type: 'import' }>): Promise<void> {
  const { id, task, cancelFlag } = request;
  try {
    store ??= new ProfileStore(config.dbPath, config.sqliteBinding);
    // While a write waits for another process to release the store (write-lock.ts), the import shows 'waiting';
    // when the lock is taken, the phase it was in again.
    let last: IngestProgress | null = null;
    setLockWaitHook(store.db, (waiting) => {
      if (last) post({ type: 'progress', id, progress: waiting ? { ...last, phase: 'waiting' } : last });
    });
    const outcome = await ingestFile(store, task, limits, {
      onProgress: (progress) => {
        last = progress;
        post({ type: 'progress', id, progress });
      },
      isCancelled: () => isSet(cancelFlag),
    });
    post({ type: 'done', id, outcome });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    post({ type: 'failed', id, message, cancelled: isImportCancelled(error) });
  } finally {
    if (store) setLockWaitHook(store.db, null);
  }
}

async function close(): Promise<void> {
  store?.close();
  store = null;
  post({ type: 'closed' });
}
