/** The backend inside Electron: calls go through the preload's `window.kiln`. */
import { IPC_METHODS, type ImportReport, type ResultOf } from '../../shared/ipc/contract';
import { cancelledFailure, errorMessage, type KilnBackend, type UploadJob, type UploadProgress } from './KilnBackend';
import { forwardMethods } from './forwardMethods';
import type { KilnBridge } from './kilnBridge';

export function createElectronBackend(bridge: KilnBridge): KilnBackend {
  return {
    // Every IPC method goes to the same method of window.kiln.
    ...forwardMethods(IPC_METHODS, (method, args) =>
      (bridge[method as keyof typeof bridge] as (a: typeof args) => Promise<ResultOf<typeof method>>)(args),
    ),
    // The page names no paths: files the user chose are imported by handle (uploadFiles).
    importPaths: () => Promise.reject(new Error('Importing by path is not offered to the page: drop or open the file')),
    uploadFiles: (files, onProgress, job) => importDroppedFiles(bridge, files, onProgress, job),
  };
}

/**
 * Files with a path on disk are imported by handle (the preload resolves the
 * path and main keeps it; main reads the file itself, no copying through IPC);
 * anything else is sent as bytes.
 */
async function importDroppedFiles(
  bridge: KilnBridge,
  files: File[],
  onProgress: (progress: UploadProgress) => void,
  job?: UploadJob,
): Promise<ImportReport> {
  const report: ImportReport = { imported: [], errors: [] };
  // The job and the batch's tags go with every file.
  const jobArgs = { ...(job ? { jobId: job.jobId } : {}), ...(job?.tags ? { tags: job.tags } : {}) };
  for (const [fileIndex, file] of files.entries()) {
    if (job?.signal.aborted) {
      report.errors.push(cancelledFailure(file.name));
      continue;
    }
    onProgress({ fileName: file.name, fileIndex, fileCount: files.length, loadedBytes: 0, totalBytes: null });
    try {
      const chosen = await bridge.fileHandle(file);
      const result = chosen
        ? await bridge.importHandles({ handles: [chosen.handle], ...jobArgs })
        : await bridge.importUpload({
            fileName: file.name,
            bytes: new Uint8Array(await file.arrayBuffer()),
            // Anchors items whose file states no start (marked estimated).
            lastModifiedMs: file.lastModified,
            ...jobArgs,
          });
      report.imported.push(...result.imported);
      report.errors.push(...result.errors);
    } catch (error) {
      report.errors.push({ file: file.name, message: errorMessage(error) });
    }
  }
  return report;
}
