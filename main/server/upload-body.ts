/**
 * An upload's body, written to a temporary file as it arrives (never held in
 * memory whole), and the refusal of one: the answer is sent while the rest of
 * the body is read and dropped, so the client reads a 413 or 429 rather than a
 * connection reset (a socket closed on unread data sends RST, and RST makes
 * the client's kernel discard a response it has not read yet).
 */
import { createWriteStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';

export class UploadOverLimit extends Error {}
export class UploadAborted extends Error {}

/**
 * Writes the request body to `path` (a new file, readable by this user only) and resolves with its size;
 * rejects with UploadOverLimit as soon as more than `maxBytes` have arrived (the request is then left paused,
 * for refuseUpload), or UploadAborted when the client goes away first. The caller removes the file.
 */
export function receiveToFile(request: IncomingMessage, path: string, maxBytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const file = createWriteStream(path, { flags: 'wx', mode: 0o600 });
    let size = 0;
    let settled = false;
    const stop = (error: Error | null): void => {
      if (settled) return;
      settled = true;
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('close', onClose);
      request.pause();
      if (error) {
        file.destroy();
        // Settle once the descriptor is closed, so that removing the file leaves nothing open.
        file.once('close', () => reject(error));
      } else {
        file.end(() => resolve(size));
      }
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) return stop(new UploadOverLimit());
      // Backpressure: a disk slower than the client must not queue the body in memory.
      if (!file.write(chunk)) {
        request.pause();
        file.once('drain', () => settled || request.resume());
      }
    };
    const onEnd = (): void => stop(null);
    const onClose = (): void => {
      if (!request.complete) stop(new UploadAborted('the upload was aborted'));
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('close', onClose);
    // An aborted request emits 'error' (ECONNRESET) beside 'close'; without a listener it would crash the server.
    request.on('error', () => stop(new UploadAborted('the upload was aborted')));
    file.on('error', (error) => stop(error));
    if (request.destroyed) stop(new UploadAborted('the upload was aborted'));
    else request.resume();
  });
}

/** At most this much of a refused body is read and dropped before the connection is closed anyway. */
const DRAIN_BYTES = 64 * 1024 * 1024;
const DRAIN_MS = 30_000;

/** Answers `status` with `{error: message}` at once, reads and drops the rest of the body, then closes. */
export function refuseUpload(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string>,
): void {
  const body = JSON.stringify({ error: message });
  response.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    Connection: 'close',
  });
  response.write(body);
  let dropped = 0;
  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    request.off('data', onData);
    response.end();
  };
  const onData = (chunk: Buffer): void => {
    dropped += chunk.length;
    if (dropped > DRAIN_BYTES) finish();
  };
  const timer = setTimeout(finish, DRAIN_MS);
  request.on('data', onData);
  request.once('end', finish);
  request.once('close', finish);
  request.on('error', finish);
  if (request.complete || request.destroyed) finish();
  else request.resume();
}
