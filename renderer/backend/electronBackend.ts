/** The backend inside Electron: calls go through the preload's `window.kiln`. */
import type { ImportReport } from '../../shared/ipc/contract';
import { cancelledFailure, errorMessage, type KilnBackend, type UploadJob, type UploadProgress } from './KilnBackend';
import type { KilnBridge } from './kilnBridge';

export function createElectronBackend(bridge: KilnBridge): KilnBackend {
  return {
    listProfiles: (args) => bridge.listProfiles(args),
    getFlameTree: (args) => bridge.getFlameTree(args),
    getTopFunctions: (args) => bridge.getTopFunctions(args),
    importPaths: (args) => bridge.importPaths(args),
    importUpload: (args) => bridge.importUpload(args),
    getImportJobs: (args) => bridge.getImportJobs(args),
    cancelImport: (args) => bridge.cancelImport(args),
    getGcSummary: (args) => bridge.getGcSummary(args),
    getGcEvents: (args) => bridge.getGcEvents(args),
    getHeapClasses: (args) => bridge.getHeapClasses(args),
    getHeapRetainers: (args) => bridge.getHeapRetainers(args),
    getSandwich: (args) => bridge.getSandwich(args),
    getStackChart: (args) => bridge.getStackChart(args),
    searchFunctions: (args) => bridge.searchFunctions(args),
    getLabelKeys: (args) => bridge.getLabelKeys(args),
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
