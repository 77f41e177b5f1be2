/**
 * The imports running now and those finished lately, by job id: what
 * getImportJobs reports and cancelImport acts on. A job is one importPaths or
 * importUpload call; its files import one after another under it, and a
 * cancel stops the file under way and skips the rest.
 */
import type { ImportJob } from '../../shared/ipc/contract';
import { isSet, newCancelFlag, setCancelled } from './import-cancelled';
import type { IngestProgress } from './progress-meter';

export interface JobHandle {
  readonly jobId: string;
  readonly cancelFlag: Int32Array;
  /** Aborted on cancel (the ingest runner times its last resort from it). */
  readonly signal: AbortSignal;
  /** The next file of the job starts: its progress starts over. */
  startFile(file: string): void;
  progress(progress: IngestProgress): void;
  isCancelled(): boolean;
  finish(state: Exclude<ImportJob['state'], 'running'>): void;
}

export interface ImportJobsOptions {
  now?: () => number;
  /** How long a finished job stays listed. */
  keepFinishedMs?: number;
  /** How many finished jobs stay listed at most. */
  maxFinished?: number;
  /** How long a cancel that named no running job waits for a job of that id to start. */
  earlyCancelMs?: number;
}

interface JobRecord {
  job: ImportJob;
  finishedAt: number | null;
  cancelFlag: Int32Array;
  controller: AbortController;
}

export class ImportJobs {
  private readonly records = new Map<string, JobRecord>();
  private readonly earlyCancels = new Map<string, number>();
  private nextId = 1;
  private readonly now: () => number;
  private readonly keepFinishedMs: number;
  private readonly maxFinished: number;
  private readonly earlyCancelMs: number;

  constructor(options: ImportJobsOptions = {}) {
    this.now = options.now ?? Date.now;
    this.keepFinishedMs = options.keepFinishedMs ?? 5 * 60_000;
    this.maxFinished = options.maxFinished ?? 50;
    this.earlyCancelMs = options.earlyCancelMs ?? 60_000;
  }

  /** Starts a job; without an id it gets one of its own. Two running jobs cannot share an id. */
  begin(requestedId: string | undefined, file: string): JobHandle {
    this.prune();
    const jobId = requestedId ?? `import-${this.nextId++}`;
    if (this.records.get(jobId)?.job.state === 'running') {
      throw new Error(`an import with job id ${JSON.stringify(jobId)} is already running`);
    }
    const cancelFlag = newCancelFlag();
    const controller = new AbortController();
    const record: JobRecord = {
      job: { jobId, file, phase: 'hashing', bytesRead: 0, bytesTotal: 0, samplesDecoded: 0, state: 'running' },
      finishedAt: null,
      cancelFlag,
      controller,
    };
    // Re-inserted, so that the listing stays in order of start.
    this.records.delete(jobId);
    this.records.set(jobId, record);
    if (this.earlyCancels.delete(jobId)) requestCancel(record);
    return {
      jobId,
      cancelFlag,
      signal: controller.signal,
      startFile: (name) => {
        record.job = { ...record.job, file: name, phase: 'hashing', bytesRead: 0, bytesTotal: 0, samplesDecoded: 0 };
      },
      progress: (progress) => {
        if (record.finishedAt === null) record.job = { ...record.job, ...progress };
      },
      isCancelled: () => isSet(cancelFlag),
      finish: (state) => {
        record.job = { ...record.job, state };
        record.finishedAt = this.now();
      },
    };
  }

  /** Running jobs and those finished within keepFinishedMs, in order of start. */
  list(): ImportJob[] {
    this.prune();
    return [...this.records.values()].map((record) => ({ ...record.job }));
  }

  /**
   * Asks the running job of this id to stop; true when there was one. A cancel
   * may overtake the call that starts its job (an upload still being sent), so
   * an unknown id is remembered for a while and its job is cancelled at start.
   */
  cancel(jobId: string): boolean {
    const record = this.records.get(jobId);
    if (record && record.job.state === 'running') {
      requestCancel(record);
      return true;
    }
    if (!record) this.earlyCancels.set(jobId, this.now());
    return false;
  }

  private prune(): void {
    const now = this.now();
    for (const [id, at] of this.earlyCancels) if (now - at > this.earlyCancelMs) this.earlyCancels.delete(id);
    const finished = [...this.records.values()].filter((r) => r.finishedAt !== null);
    const excess = finished.length - this.maxFinished;
    finished.forEach((record, index) => {
      if (index < excess || now - (record.finishedAt as number) > this.keepFinishedMs) {
        this.records.delete(record.job.jobId);
      }
    });
  }
}

function requestCancel(record: JobRecord): void {
  setCancelled(record.cancelFlag);
  record.controller.abort();
}
