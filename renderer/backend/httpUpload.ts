/**
 * Uploading one file to `kiln serve`. XMLHttpRequest rather than fetch because
 * only it reports how many bytes of the request body have been sent.
 */
import type { ImportReport, ImportTags } from '../../shared/ipc/contract';
import type { UploadJob } from './KilnBackend';

export function uploadFile(
  token: string,
  file: File,
  onBytesSent: (loaded: number, total: number) => void,
  job?: UploadJob,
): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    // lastModified anchors items whose file states no wall-clock start (an estimate the user can correct).
    const query =
      `name=${encodeURIComponent(file.name)}&lastModified=${file.lastModified}` +
      (job?.jobId ? `&jobId=${encodeURIComponent(job.jobId)}` : '') +
      tagsQuery(job?.tags);
    request.open('POST', `/api/upload?${query}`);
    request.setRequestHeader('Authorization', `Bearer ${token}`);
    request.setRequestHeader('Content-Type', 'application/octet-stream');
    request.responseType = 'text';
    request.upload.onprogress = (event) => {
      onBytesSent(event.loaded, event.lengthComputable ? event.total : file.size);
    };
    request.onload = () => {
      try {
        const body: unknown = JSON.parse(request.responseText);
        if (request.status === 200) resolve(body as ImportReport);
        else reject(new Error(serverError(body) ?? `Upload failed: HTTP ${request.status}`));
      } catch {
        reject(new Error(`Upload failed: HTTP ${request.status}`));
      }
    };
    request.onerror = () => reject(new Error('Upload failed: the server could not be reached'));
    request.onabort = () => reject(new Error('Upload aborted'));
    // Cancel while the bytes are still going out: stop sending. Once they are all out, the server's import
    // job is what cancelImport stops, and its report (saying so) is still wanted.
    let sent = false;
    request.upload.onload = () => (sent = true);
    job?.signal.addEventListener('abort', () => sent || request.abort(), { once: true });
    request.send(file);
  });
}

/** The `error` of a `{error: string}` response body, if that is what it is. */
export function serverError(body: unknown): string | null {
  if (typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'string') {
    return body.error;
  }
  return null;
}

/** The upload's `service=` and repeated `label=KEY=VALUE` parameters (kiln serve's /api/upload). */
export function tagsQuery(tags: ImportTags | undefined): string {
  if (tags === undefined) return '';
  const parts: string[] = [];
  if (tags.service !== undefined) parts.push(`service=${encodeURIComponent(tags.service)}`);
  for (const [key, value] of Object.entries(tags.labels ?? {}))
    parts.push(`label=${encodeURIComponent(`${key}=${value}`)}`);
  return parts.map((part) => `&${part}`).join('');
}
