/**
 * The import under way (the file, its bytes going out, the server's progress
 * on it, the user's Cancel), and how the last one ended: files that failed,
 * files whose import was cancelled.
 */
import { create } from 'zustand';
import type { ImportFailure, ImportJob } from '../../shared/ipc/contract';
import type { UploadProgress } from '../backend/KilnBackend';

interface ImportState {
  importing: boolean;
  /** The job the files go under (getImportJobs, cancelImport); null when nothing imports. */
  jobId: string | null;
  /** The file being sent now; null before the first progress report. */
  current: UploadProgress | null;
  /** The job as the backend last reported it: phase, bytes read, samples decoded. */
  job: ImportJob | null;
  /** Cancel was clicked; the import is winding down. */
  cancelling: boolean;
  errors: ImportFailure[];
  /** Files whose import was cancelled in the last import. */
  cancelled: string[];
  /** What Cancel does for the import under way (set by the action that started it). */
  onCancel: (() => void) | null;
  start(jobId: string, onCancel: () => void): void;
  report(progress: UploadProgress): void;
  jobProgress(job: ImportJob): void;
  cancel(): void;
  finish(errors: ImportFailure[], cancelled: string[]): void;
  dismissErrors(): void;
  dismissCancelled(): void;
}

export const useImportStore = create<ImportState>((set, get) => ({
  importing: false,
  jobId: null,
  current: null,
  job: null,
  cancelling: false,
  errors: [],
  cancelled: [],
  onCancel: null,
  start: (jobId, onCancel) =>
    set({ importing: true, jobId, current: null, job: null, cancelling: false, errors: [], cancelled: [], onCancel }),
  report: (current) => set({ current }),
  jobProgress: (job) => {
    // A poll answered after the import ended, or about another job, changes nothing.
    if (get().importing && job.jobId === get().jobId) set({ job });
  },
  cancel: () => {
    const { importing, cancelling, onCancel } = get();
    if (!importing || cancelling) return;
    set({ cancelling: true });
    onCancel?.();
  },
  finish: (errors, cancelled) =>
    set({
      importing: false,
      jobId: null,
      current: null,
      job: null,
      cancelling: false,
      onCancel: null,
      errors,
      cancelled,
    }),
  dismissErrors: () => set({ errors: [] }),
  dismissCancelled: () => set({ cancelled: [] }),
}));
