/** Messages between the main thread and the ingest worker (structured-cloned by worker_threads). */
import type { ImportLimits } from '../../shared/import/limits';
import type { IngestOutcome, IngestTask } from './ingest-file';
import type { IngestProgress } from './progress-meter';

/** Given once, when the worker starts: the database it opens its own connection to. */
export interface IngestWorkerData {
  dbPath: string;
  /** better-sqlite3 addon for this runtime's ABI (Electron); the one in node_modules otherwise. */
  sqliteBinding?: string;
  limits?: Partial<ImportLimits>;
}

export type IngestRequest =
  | {
      type: 'import';
      id: number;
      task: IngestTask;
      /** Int32Array over a SharedArrayBuffer: shared, not copied; non-zero means cancel. */
      cancelFlag: Int32Array;
    }
  /** Close the worker's database connection; answered with 'closed'. */
  | { type: 'close' };

export type IngestResponse =
  | { type: 'progress'; id: number; progress: IngestProgress }
  | { type: 'done'; id: number; outcome: IngestOutcome }
  | { type: 'failed'; id: number; message: string; cancelled: boolean }
  | { type: 'closed' };
