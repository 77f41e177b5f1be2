/**
 * The HTTP transport of the service contract, for `kiln serve`: the same
 * renderer as the desktop app, served to any browser on this machine.
 *
 * Routes:
 *   GET  /, /assets/*            the built renderer (no secrets in it)
 *   POST /api/call/<method>      JSON arguments → JSON result (HTTP_METHODS only)
 *   POST /api/upload?name=FILE[&jobId=ID]  raw file bytes → ImportReport (ID: see getImportJobs); the body
 *        streams to a temporary file (upload-body.ts), a few uploads run at once and more wait (upload-slots.ts)
 * Every request: Host check; API requests: Origin check and bearer token.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importTagsOfText, LabelSyntaxError } from '../../shared/capture/import-tags';
import { HTTP_METHODS, type ImportReport, type KilnMethod, type KilnServices } from '../../shared/ipc/contract';
import { ContractError, validateArgs } from '../../shared/ipc/validate';
import type { Importer } from '../ingest/import-files';
import { NotFoundError } from '../services/kiln-services';
import { isQueryMethod, type QueryMethod } from '../services/query-methods';
import { hasValidToken, isAllowedHost, isAllowedOrigin } from './request-guards';
import { readStaticFile } from './static-files';
import { receiveToFile, refuseUpload, UploadOverLimit } from './upload-body';
import { uploadSlots } from './upload-slots';

export interface ServeOptions {
  services: KilnServices;
  staticDir: string;
  port: number;
  /** Largest JSON body of a call. */
  maxJsonBytes?: number;
  /** Imports an upload from the temporary file its body was streamed to. */
  importer: Pick<Importer, 'importInputs'>;
  /** Query results as JSON text made on a query worker (KilnRuntime.queryJson); without it, `services` answers. */
  queryJson?: ((method: QueryMethod, args: unknown) => Promise<string>) | null;
  /** Largest uploaded file. */
  maxUploadBytes: number;
  /** Uploads received and imported at once (default 2), and how many more may wait for a turn (default 16). */
  concurrentUploads?: number;
  queuedUploads?: number;
  token?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  // The token travels in the first URL: never send it to anyone as a referrer.
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const maxJsonBytes = options.maxJsonBytes ?? 1024 * 1024;
  let port = 0;
  // Upload bodies go here (mode 0700, as mkdtemp makes it), one file each, removed when its import ends.
  const uploadDir = await mkdtemp(join(tmpdir(), 'kiln-uploads-'));
  const slots = uploadSlots(options.concurrentUploads ?? 2, options.queuedUploads ?? 16);
  let uploadCount = 0;

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => sendError(response, error));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isAllowedHost(request.headers.host, port)) throw new HttpError(421, 'unexpected Host header');
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    if (!url.pathname.startsWith('/api/')) return serveStatic(url.pathname, request, response);

    if (request.method !== 'POST') throw new HttpError(405, 'API calls use POST');
    if (!isAllowedOrigin(request.headers.origin, port)) throw new HttpError(403, 'cross-origin request refused');
    if (!hasValidToken(request.headers.authorization, token)) throw new HttpError(401, 'missing or wrong token');

    if (url.pathname === '/api/upload') return upload(url, request, response);
    const match = /^\/api\/call\/([A-Za-z]+)$/.exec(url.pathname);
    const method = match?.[1] as KilnMethod | undefined;
    if (!method || !HTTP_METHODS.includes(method) || method === 'importUpload') {
      throw new HttpError(404, 'no such API method');
    }
    const body = await readBody(request, maxJsonBytes, 'request body');
    let raw: unknown;
    try {
      raw = body.length === 0 ? {} : JSON.parse(Buffer.from(body).toString('utf8'));
    } catch {
      throw new HttpError(400, 'request body is not JSON');
    }
    const args = validateArgs(method, raw);
    if (options.queryJson && isQueryMethod(method))
      return sendJsonText(response, 200, await options.queryJson(method, args));
    const call = options.services[method] as (a: typeof args) => Promise<unknown>;
    return sendJson(response, 200, await call(args));
  }

  async function upload(url: URL, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const jobId = url.searchParams.get('jobId');
    // The page's File.lastModified, as a query parameter beside the name (the body is the raw bytes).
    const modified = url.searchParams.get('lastModified');
    // The contract's checks of the name and the rest, before any byte is read (the bytes go to a file instead).
    const { fileName, ...rest } = validateArgs('importUpload', {
      fileName: url.searchParams.get('name') ?? '',
      bytes: new Uint8Array(0),
      ...(jobId === null ? {} : { jobId }),
      ...(modified === null ? {} : { lastModifiedMs: Number(modified) }),
      ...uploadTags(url.searchParams),
    });
    const overLimit = `upload of ${fileName} is over the limit of ${options.maxUploadBytes} bytes`;
    if (Number(request.headers['content-length'] ?? '0') > options.maxUploadBytes) {
      return refuseUpload(request, response, 413, overLimit, SECURITY_HEADERS);
    }
    const turn = slots.acquire();
    if (turn === null) {
      const message = `the server is busy with ${slots.busy} uploads; try again in a minute`;
      return refuseUpload(request, response, 429, message, { ...SECURITY_HEADERS, 'Retry-After': '60' });
    }
    const release = await turn;
    const path = join(uploadDir, `upload-${++uploadCount}`);
    let report: ImportReport | null = null;
    try {
      const received = await receiveToFile(request, path, options.maxUploadBytes).then(
        () => true,
        (error: unknown) => {
          if (error instanceof UploadOverLimit) return false;
          throw error;
        },
      );
      if (received) {
        const input = {
          name: fileName,
          source: `upload:${fileName}`,
          tempPath: path,
          ...(rest.lastModifiedMs === undefined ? {} : { modifiedAtMs: rest.lastModifiedMs }),
          ...(rest.tags === undefined ? {} : { tags: rest.tags }),
        };
        report = await options.importer.importInputs([input], rest.jobId);
      }
    } finally {
      // Gone before the answer: a client that has its answer finds nothing of its upload left on the server.
      await rm(path, { force: true });
      release();
    }
    if (report === null) return refuseUpload(request, response, 413, overLimit, SECURITY_HEADERS);
    sendJson(response, 200, report);
  }

  async function serveStatic(pathname: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') throw new HttpError(405, 'method not allowed');
    const file = await readStaticFile(options.staticDir, pathname);
    if (!file) throw new HttpError(404, 'not found');
    response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.contentType });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await rm(uploadDir, { recursive: true, force: true });
    throw error;
  }
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await rm(uploadDir, { recursive: true, force: true });
    },
  };
}

/**
 * The import tags of an upload, from its query: `service=NAME` and `label=KEY=VALUE` (repeatable), checked with the
 * rest of its arguments by the contract's validation.
 */
function uploadTags(query: URLSearchParams): { tags?: { service?: string; labels?: Record<string, string> } } {
  try {
    const tags = importTagsOfText(query.get('service'), query.getAll('label'));
    return tags === undefined ? {} : { tags };
  } catch (error) {
    if (error instanceof LabelSyntaxError) throw new HttpError(400, error.message);
    throw error;
  }
}

function readBody(request: IncomingMessage, maxBytes: number, what: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? '0');
    if (declared > maxBytes) {
      reject(new HttpError(413, `${what} is ${declared} bytes, over the limit of ${maxBytes}`));
      request.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new HttpError(413, `${what} is over the limit of ${maxBytes} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      const all = Buffer.concat(chunks, size);
      resolve(new Uint8Array(all.buffer, all.byteOffset, all.byteLength));
    });
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  sendJsonText(response, status, JSON.stringify(value));
}

function sendJsonText(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' });
  response.end(body);
}

function sendError(response: ServerResponse, error: unknown): void {
  const status =
    error instanceof HttpError
      ? error.status
      : error instanceof ContractError
        ? 400
        : error instanceof NotFoundError
          ? 404
          : 500;
  const message = error instanceof Error ? error.message : String(error);
  if (response.headersSent) {
    response.destroy();
    return;
  }
  sendJson(response, status, { error: message });
}
