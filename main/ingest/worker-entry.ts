/**
 * Entry of the ingest worker thread (bundled to dist/main/ingest-worker.cjs):
 * parsing a large profile takes seconds, and must not stall the thread that
 * answers the UI.
 */
import { parentPort } from 'node:worker_threads';
import { parseFileBytes } from './parse-bytes';
import type { ParseRequest, ParseResponse } from './parse-messages';

const port = parentPort;
if (!port) throw new Error('worker-entry must run in a worker thread');

port.on('message', (request: ParseRequest) => {
  let response: ParseResponse;
  try {
    response = {
      id: request.id,
      ok: true,
      parsed: parseFileBytes(request.bytes, request.fileName, request.limits),
    };
  } catch (error) {
    response = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(response);
});
