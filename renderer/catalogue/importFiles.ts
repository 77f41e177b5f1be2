/**
 * Importing what the user dropped or opened: upload with progress, follow the
 * import job (phase, bytes, samples) until it ends, offer Cancel, show the
 * failures and cancellations, refresh the catalogue and select the last
 * profile that came in (for a duplicate, the profile already stored).
 */
import type { ImportTags } from '../../shared/ipc/contract';
import { errorMessage, isCancelledFailure, type KilnBackend } from '../backend/KilnBackend';
import { useCatalogueStore } from './catalogueStore';
import { useImportStore } from './importStore';
import { useViewStore } from '../app/viewStore';
import { newImportJobId, pollImportJob } from './pollImportJob';

// Files dropped while an import runs wait for it, rather than racing it for the progress display.
let queue: Promise<void> = Promise.resolve();

export function importFiles(backend: KilnBackend, files: File[], tags?: ImportTags): Promise<void> {
  if (files.length === 0) return queue;
  queue = queue.then(() => runImport(backend, files, tags));
  return queue;
}

async function runImport(backend: KilnBackend, files: File[], tags: ImportTags | undefined): Promise<void> {
  const jobId = newImportJobId();
  const cancel = new AbortController();
  const importState = useImportStore.getState();
  importState.start(jobId, () => {
    cancel.abort();
    // Failing to reach the backend here leaves the import running; its report still arrives.
    backend.cancelImport({ jobId }).catch(() => {});
  });
  const stopPolling = pollImportJob(backend, jobId, (job) => useImportStore.getState().jobProgress(job));
  try {
    const report = await backend.uploadFiles(files, importState.report, {
      jobId,
      signal: cancel.signal,
      ...(tags ? { tags } : {}),
    });
    stopPolling();
    useImportStore.getState().finish(
      report.errors.filter((failure) => !isCancelledFailure(failure)),
      report.errors.filter(isCancelledFailure).map((failure) => failure.file),
    );
    const last = report.imported[report.imported.length - 1];
    if (!last) return;
    await useCatalogueStore.getState().refresh(backend);
    const summary = useCatalogueStore.getState().profiles.find((p) => p.id === last.id);
    useViewStore.getState().selectItem(last.id, summary?.defaultSampleType ?? 0);
  } catch (error) {
    // uploadFiles reports per-file failures itself; this is for the unexpected (e.g. the refresh).
    useImportStore.getState().finish([{ file: files.map((f) => f.name).join(', '), message: errorMessage(error) }], []);
  } finally {
    stopPolling();
  }
}
