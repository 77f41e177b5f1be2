/**
 * The backend in a browser page served by `kiln serve`: every call is
 * `POST /api/call/<method>` with a JSON body, files go to `POST /api/upload`, and
 * both carry the session token as a bearer token.
 */
import {
  HTTP_METHODS,
  type ArgsOf,
  type ImportReport,
  type KilnMethod,
  type ResultOf,
} from '../../shared/ipc/contract';
import { cancelledFailure, errorMessage, type KilnBackend, type UploadJob, type UploadProgress } from './KilnBackend';
import { forwardMethods } from './forwardMethods';
import { serverError, uploadFile } from './httpUpload';

const MISSING_TOKEN =
  'This page has no session token. Open the address that `kiln serve` printed (it ends in ?token=...).';

export function createHttpBackend(token: string | null): KilnBackend {
  async function call<M extends KilnMethod>(method: M, args: ArgsOf<M>): Promise<ResultOf<M>> {
    if (token === null) throw new Error(MISSING_TOKEN);
    const { status, text } = await postJson(`/api/call/${method}`, token, JSON.stringify(args));
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`${method} failed: HTTP ${status}`);
    }
    if (status !== 200) throw new Error(serverError(body) ?? `${method} failed: HTTP ${status}`);
    return body as ResultOf<M>;
  }

  async function uploadFiles(
    files: File[],
    onProgress: (progress: UploadProgress) => void,
    job?: UploadJob,
  ): Promise<ImportReport> {
    const report: ImportReport = { imported: [], errors: [] };
    for (const [fileIndex, file] of files.entries()) {
      if (job?.signal.aborted) {
        report.errors.push(cancelledFailure(file.name));
        continue;
      }
      const progress = (loadedBytes: number, totalBytes: number | null): void =>
        onProgress({ fileName: file.name, fileIndex, fileCount: files.length, loadedBytes, totalBytes });
      progress(0, file.size);
      try {
        if (token === null) throw new Error(MISSING_TOKEN);
        const result = await uploadFile(token, file, progress, job);
        report.imported.push(...result.imported);
        report.errors.push(...result.errors);
      } catch (error) {
        report.errors.push(
          job?.signal.aborted ? cancelledFailure(file.name) : { file: file.name, message: errorMessage(error) },
        );
      }
    }
    return report;
  }

  return {
    // Every JSON method is POST /api/call/<method>; importPaths and importUpload are this transport's own.
    ...forwardMethods(HTTP_METHODS, call),
    importPaths: () => Promise.reject(new Error('Importing by path is only possible in the desktop app')),
    importUpload: ({ fileName, bytes, jobId, lastModifiedMs, tags }) => {
      if (token === null) return Promise.reject(new Error(MISSING_TOKEN));
      // A copy backed by a plain ArrayBuffer, which is what File accepts.
      const file = new File(
        [new Uint8Array(bytes)],
        fileName,
        lastModifiedMs === undefined ? {} : { lastModified: lastModifiedMs },
      );
      const signal = new AbortController().signal;
      return uploadFile(
        token,
        file,
        () => {},
        jobId || tags ? { jobId: jobId ?? '', signal, ...(tags ? { tags } : {}) } : undefined,
      );
    },
    uploadFiles,
  };
}

/**
 * One POST through XMLHttpRequest rather than fetch: Chromium hands a large answer's text to the page sooner so
 * (1.5 MB: 21 ms after its last byte, against 41 ms for fetch's json(), medians of 8 in Chromium 156), which the
 * timeline's first draw waits on (BENCHMARKS.md, "the timeline of 10,000 captures").
 */
function postJson(url: string, token: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.setRequestHeader('Content-Type', 'application/json');
    request.setRequestHeader('Authorization', `Bearer ${token}`);
    request.responseType = 'text';
    request.onload = () => resolve({ status: request.status, text: request.responseText });
    request.onerror = () => reject(new Error(`${url}: the server could not be reached`));
    request.send(body);
  });
}
