/**
 * Files the user dropped or opened, waiting for the import dialog (a service and labels for the whole batch),
 * and the service the last batch was given, remembered to be suggested first for the next one (never prefilled).
 */
import { create } from 'zustand';

const LAST_SERVICE_KEY = 'kiln.importService';

interface ImportDialogState {
  /** Batches waiting, first shown first: a second drop while the dialog is open waits its turn. */
  pending: { id: number; files: File[] }[];
  ask(files: File[]): void;
  /** Takes the first batch off the queue. */
  done(): void;
}

let nextBatch = 1;

export const useImportDialogStore = create<ImportDialogState>((set) => ({
  pending: [],
  ask: (files) => {
    if (files.length > 0) set((s) => ({ pending: [...s.pending, { id: nextBatch++, files }] }));
  },
  done: () => set((s) => ({ pending: s.pending.slice(1) })),
}));

export function lastImportService(): string {
  try {
    return localStorage.getItem(LAST_SERVICE_KEY) ?? '';
  } catch {
    return '';
  }
}

export function rememberImportService(service: string): void {
  try {
    if (service === '') localStorage.removeItem(LAST_SERVICE_KEY);
    else localStorage.setItem(LAST_SERVICE_KEY, service);
  } catch {
    // Storage can be off (a private window): the last service is then not suggested.
  }
}
