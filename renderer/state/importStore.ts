/** Progress of the import under way, and the files that failed in the last one. */
import { create } from 'zustand';
import type { ImportFailure } from '../../shared/ipc/contract';
import type { UploadProgress } from '../backend/KilnBackend';

interface ImportState {
  importing: boolean;
  /** The file being imported now; null before the first progress report. */
  current: UploadProgress | null;
  errors: ImportFailure[];
  start(): void;
  report(progress: UploadProgress): void;
  finish(errors: ImportFailure[]): void;
  dismissErrors(): void;
}

export const useImportStore = create<ImportState>((set) => ({
  importing: false,
  current: null,
  errors: [],
  start: () => set({ importing: true, current: null, errors: [] }),
  report: (current) => set({ current }),
  finish: (errors) => set({ importing: false, current: null, errors }),
  dismissErrors: () => set({ errors: [] }),
}));
