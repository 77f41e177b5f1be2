/** The backend inside Electron: calls go through the preload's `window.kiln`. */
import { KILN_METHODS, type ImportReport, type ResultOf } from '../../shared/ipc/contract';
import { cancelledFailure, errorMessage, type KilnBackend, type UploadJob, type UploadProgress } from './KilnBackend';
import { forwardMethods } from './forwardMethods';
import type { KilnBridge } from './kilnBridge';

export function createElectronBackend(bridge: KilnBridge): KilnBackend {
  return {
    // Every contract method goes to the same method of window.kiln.
    ...forwardMethods(KILN_METHODS, (method, args) =>
      (bridge[method] as (a: typeof args) => Promise<ResultOf<typeof method>>)(args),
    ),
    uploadFiles: (files, onProgress, job) => importDroppedFiles(bridge, files, onProgress, job),
  };
}

/**
 * Files with a path on disk are imported by path (main reads them itself, no
 * copying through IPC); anything else is sent as bytes.
 */
async function importDroppedFiles(
  bridge: KilnBridge,
  files: File[],
  onProgress: (progress: UploadProgress) => void,
  job?: UploadJob,
): Promise<ImportReport> {
  const report: ImportReport = { imported: [], errors: [] };
  const jobId = job ? { jobId: job.jobId } : {};
  for (const [fileIndex, file] of files.entries()) {
    if (job?.signal.aborted) {
      report.errors.push(cancelledFailure(file.name));
      continue;
    }
    onProgress({ fileName: file.name, fileIndex, fileCount: files.length, loadedBytes: 0, totalBytes: null });
    try {
      const path = bridge.pathForFile(file);
      const result = path
        ? await bridge.importPaths({ paths: [path], ...jobId })
        : await bridge.importUpload({
            fileName: file.name,
            bytes: new Uint8Array(await file.arrayBuffer()),
            // Anchors items whose file states no start (marked estimated).
            lastModifiedMs: file.lastModified,
            ...jobId,
          });
      report.imported.push(...result.imported);
      report.errors.push(...result.errors);
    } catch (error) {
      report.errors.push({ file: file.name, message: errorMessage(error) });
    }
  }
  return report;
}
