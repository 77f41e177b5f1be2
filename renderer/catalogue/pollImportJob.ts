/**
 * Asks the backend how an import job is doing a few times a second, for the
 * progress bar. A failed poll is skipped (the next one tries again); polls
 * never overlap.
 */
import type { ImportJob, KilnServices } from '../../shared/ipc/contract';

/**
 * Ten times a second: a large pprof's first pass (its tables) now takes about 0.3 s, and at four polls a second
 * the bar often skipped it, so its phase, and the chance to cancel while in it, never showed. A poll is one
 * small request (getImportJobs) on 127.0.0.1 or over IPC.
 */
export const IMPORT_POLL_MS = 100;

export function pollImportJob(
  services: Pick<KilnServices, 'getImportJobs'>,
  jobId: string,
  onJob: (job: ImportJob) => void,
  intervalMs = IMPORT_POLL_MS,
): () => void {
  let busy = false;
  let stopped = false;
  const poll = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      const job = (await services.getImportJobs({})).find((j) => j.jobId === jobId);
      if (job && !stopped) onJob(job);
    } catch {
      // The import's own call reports real failures; a missed poll only delays the bar.
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void poll(), intervalMs);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

/** A job id the backend accepts (letters, digits, '-'), unique enough for one user's imports. */
export function newImportJobId(): string {
  const random = crypto.getRandomValues(new Uint8Array(8));
  return `import-${Array.from(random, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
