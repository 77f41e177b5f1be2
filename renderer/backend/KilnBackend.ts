/**
 * What the renderer talks to: the service contract, whatever carries it (Electron
 * IPC through the preload, or HTTP to `kiln serve`), plus importing files that the
 * user dropped or opened, which each transport does its own way.
 */
import type { ImportReport, ImportTags, KilnServices } from '../../shared/ipc/contract';

export interface UploadProgress {
  fileName: string;
  /** 0-based position of the file in the batch. */
  fileIndex: number;
  fileCount: number;
  loadedBytes: number;
  /** Null when the transport cannot tell how far along it is (show a spinner). */
  totalBytes: number | null;
}

/** The import job the files go under (getImportJobs, cancelImport), and the user's Cancel. */
export interface UploadJob {
  jobId: string;
  /** Aborted on Cancel: a file still being sent is abandoned, and the files after it are not sent. */
  signal: AbortSignal;
  /** The service and labels the user gave the whole batch in the import dialog. */
  tags?: ImportTags;
}

export interface KilnBackend extends KilnServices {
  /** Imports files one at a time; a failing file becomes an entry of `errors`, never a rejection. */
  uploadFiles(files: File[], onProgress: (progress: UploadProgress) => void, job?: UploadJob): Promise<ImportReport>;
}

/** The report entry of a file the user cancelled: the message the services give ("<file>: import cancelled"). */
export function cancelledFailure(fileName: string): { file: string; message: string } {
  return { file: fileName, message: `${fileName}: import cancelled` };
}

export function isCancelledFailure(failure: { message: string }): boolean {
  return failure.message.endsWith(': import cancelled');
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
