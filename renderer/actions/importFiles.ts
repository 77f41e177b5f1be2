/**
 * Importing what the user dropped or opened: upload with progress, show the
 * failures, refresh the catalogue and select the last profile that came in
 * (for a duplicate, the profile already stored).
 */
import { errorMessage, type KilnBackend } from '../backend/KilnBackend';
import { useCatalogueStore } from '../state/catalogueStore';
import { useImportStore } from '../state/importStore';
import { useViewStore } from '../state/viewStore';

export async function importFiles(backend: KilnBackend, files: File[]): Promise<void> {
  const importState = useImportStore.getState();
  if (files.length === 0 || importState.importing) return;
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
    useImportStore.getState().finish([{ file: files.map((f) => f.name).join(', '), message: errorMessage(error) }]);
  }
}
