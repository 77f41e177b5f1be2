/**
 * Importing what the user dropped or opened: upload with progress, show the
 * failures, refresh the catalogue and select the last profile that came in
 * (for a duplicate, the profile already stored).
 */
import { errorMessage, type KilnBackend } from '../backend/KilnBackend';
import { useCatalogueStore } from '../state/catalogueStore';
import { useImportStore } from '../state/importStore';
import { useViewStore } from '../state/viewStore';

// Files dropped while an import runs wait for it, rather than racing it for the progress display.
let queue: Promise<void> = Promise.resolve();

export function importFiles(backend: KilnBackend, files: File[]): Promise<void> {
  if (files.length === 0) return queue;
  queue = queue.then(() => runImport(backend, files));
  return queue;
}

async function runImport(backend: KilnBackend, files: File[]): Promise<void> {
  const importState = useImportStore.getState();
  importState.start();
  try {
    const report = await backend.uploadFiles(files, importState.report);
    useImportStore.getState().finish(report.errors);
    const last = report.imported[report.imported.length - 1];
    if (!last) return;
    await useCatalogueStore.getState().refresh(backend);
    const summary = useCatalogueStore.getState().profiles.find((p) => p.id === last.id);
    useViewStore.getState().selectProfile(last.id, summary?.defaultSampleType ?? 0);
  } catch (error) {
    // uploadFiles reports per-file failures itself; this is for the unexpected (e.g. the refresh).
    useImportStore.getState().finish([{ file: files.map((f) => f.name).join(', '), message: errorMessage(error) }]);
  }
}
