/**
 * Where imports run. The app, the CLI and `kiln serve` use the ingest worker
 * (dist/main/ingest-worker.cjs), which reads, parses and writes a file over
 * its own connection to the database file. A store on ':memory:' cannot be
 * shared with another thread, so unit tests of the store and services use the
 * inline runner, named as such, which runs the same code on this thread.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { resolveImportLimits, type ImportLimits } from '../../shared/import/limits';
import type { ProfileStore } from '../store/profile-store';
import { isImportCancelled, isSet, setCancelled } from './import-cancelled';
import { ingestFile, type IngestOutcome, type IngestTask } from './ingest-file';
import type { IngestRequest, IngestResponse, IngestWorkerData } from './ingest-messages';
import type { IngestProgress } from './progress-meter';

export interface IngestControl {
  /** Int32Array over a SharedArrayBuffer; setting it asks the import to stop at its next check. */
  cancelFlag: Int32Array;
  /** Aborted when the flag is set: a worker that has not stopped within the grace period is ended. */
  signal: AbortSignal;
  onProgress(progress: IngestProgress): void;
}

/** An import that did not complete: `message` names the reason; `cancelled` when the user stopped it. */
export class IngestFailure extends Error {
  override readonly name = 'IngestFailure';

  constructor(
    message: string,
    readonly cancelled: boolean,
  ) {
    super(message);
  }
}

export interface IngestRunner {
  run(task: IngestTask, control: IngestControl): Promise<IngestOutcome>;
  /** Cancels what is running, closes the worker's connection and ends the worker. */
  close(): Promise<void>;
}

export function inlineRunner(store: ProfileStore, limits?: Partial<ImportLimits>): IngestRunner {
  const resolved = resolveImportLimits(limits);
  // One import at a time, as in the worker: a streamed pprof holds its transaction open across awaits.
  let queue: Promise<unknown> = Promise.resolve();
  const runOne = async (task: IngestTask, control: IngestControl): Promise<IngestOutcome> => {
    try {
      return await ingestFile(store, task, resolved, {
        onProgress: control.onProgress,
        isCancelled: () => isSet(control.cancelFlag),
      });
    } catch (error) {
      throw new IngestFailure(error instanceof Error ? error.message : String(error), isImportCancelled(error));
    }
  };
  return {
    run: (task, control) => {
      const outcome = queue.then(() => runOne(task, control));
      queue = outcome.catch(() => undefined);
      return outcome;
    },
    close: async () => {},
  };
}

export interface WorkerRunnerOptions {
  /**
   * How long a cancelled import may take to reach its next check before the
   * worker is ended. Checks come every chunk and every few hundred rows, so
   * this only matters while a format without a streaming reader is parsed in
   * one call; ending the worker then loses nothing, since no transaction is open.
   */
  cancelGraceMs?: number;
  /** How long close() waits for the worker to close its connection. */
  closeTimeoutMs?: number;
}

interface Pending {
  request: Extract<IngestRequest, { type: 'import' }>;
  control: IngestControl;
  resolve(outcome: IngestOutcome): void;
  reject(error: Error): void;
}

export function workerRunner(
  workerScript: string,
  data: IngestWorkerData,
  options: WorkerRunnerOptions = {},
): IngestRunner {
  if (!existsSync(workerScript)) throw new Error(`ingest worker not found at ${workerScript}: run npm run build`);
  const cancelGraceMs = options.cancelGraceMs ?? 3000;
  const closeTimeoutMs = options.closeTimeoutMs ?? 10_000;
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  let onClosed: (() => void) | null = null;

  const settle = (id: number): Pending | undefined => {
    const entry = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) worker?.unref();
    return entry;
  };

  const onMessage = (response: IngestResponse): void => {
    if (response.type === 'closed') {
      onClosed?.();
      return;
    }
    if (response.type === 'progress') {
      pending.get(response.id)?.control.onProgress(response.progress);
      return;
    }
    const entry = settle(response.id);
    if (!entry) return;
    if (response.type === 'done') entry.resolve(response.outcome);
    else entry.reject(new IngestFailure(response.message, response.cancelled));
  };

  const failAll = (error: Error): void => {
    for (const id of [...pending.keys()]) settle(id)?.reject(error);
    worker = null;
  };

  const ensureWorker = (): Worker => {
    if (worker) return worker;
    const created = new Worker(workerScript, { workerData: data });
    created.on('message', onMessage);
    created.on('error', (error) => {
      if (worker === created) failAll(new IngestFailure(`import worker failed: ${error.message}`, false));
    });
    created.on('exit', (code) => {
      if (worker !== created) return;
      onClosed?.();
      if (pending.size > 0) failAll(new IngestFailure(`import worker exited with code ${code}`, false));
      worker = null;
    });
    worker = created;
    return created;
  };

  /** The last resort: the import did not stop in time; end the worker, and give the queued imports a new one. */
  const forceStop = (id: number): void => {
    const stuck = settle(id);
    if (!stuck) return;
    const old = worker;
    worker = null;
    old?.off('message', onMessage);
    void old?.terminate();
    stuck.reject(new IngestFailure('import cancelled', true));
    for (const entry of pending.values()) post(entry.request);
  };

  const post = (request: IngestRequest): void => {
    const target = ensureWorker();
    target.ref();
    target.postMessage(request);
  };

  return {
    run: (task, control) =>
      new Promise<IngestOutcome>((resolve, reject) => {
        const id = nextId++;
        let timer: NodeJS.Timeout | null = null;
        const onAbort = (): void => {
          timer = setTimeout(() => forceStop(id), cancelGraceMs);
        };
        const cleanUp = (): void => {
          control.signal.removeEventListener('abort', onAbort);
          if (timer) clearTimeout(timer);
        };
        const request: IngestRequest = { type: 'import', id, task, cancelFlag: control.cancelFlag };
        pending.set(id, {
          request,
          control,
          resolve: (outcome) => (cleanUp(), resolve(outcome)),
          reject: (error) => (cleanUp(), reject(error)),
        });
        if (control.signal.aborted) onAbort();
        else control.signal.addEventListener('abort', onAbort, { once: true });
        post(request);
      }),
    close: async () => {
      const current = worker;
      if (!current) return;
      for (const entry of pending.values()) setCancelled(entry.control.cancelFlag);
      const closed = new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, closeTimeoutMs);
        onClosed = () => (clearTimeout(timer), resolve());
      });
      current.ref();
      current.postMessage({ type: 'close' } satisfies IngestRequest);
      await closed;
      onClosed = null;
      worker = null;
      await current.terminate();
      if (pending.size > 0) failAll(new IngestFailure('import stopped: Kiln is closing', true));
    },
  };
}
