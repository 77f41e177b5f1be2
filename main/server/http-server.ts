/**
 * The HTTP transport of the service contract, for `kiln serve`: the same
 * renderer as the desktop app, served to any browser on this machine.
 *
 * Routes:
 *   GET  /, /assets/*            the built renderer (no secrets in it)
 *   POST /api/call/<method>      JSON arguments → JSON result (HTTP_METHODS only)
 *   POST /api/upload?name=FILE[&jobId=ID]  raw file bytes → ImportReport (ID: see getImportJobs)
 * Every request: Host check; API requests: Origin check and bearer token.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTP_METHODS, type KilnMethod, type KilnServices } from '../../shared/ipc/contract';
import { ContractError, validateArgs } from '../../shared/ipc/validate';
import { NotFoundError } from '../services/kiln-services';
import { hasValidToken, isAllowedHost, isAllowedOrigin } from './request-guards';
import { readStaticFile } from './static-files';

export interface ServeOptions {
  services: KilnServices;
  staticDir: string;
  port: number;
  /** Largest JSON body of a call. */
  maxJsonBytes?: number;
  /** Largest uploaded file. */
  maxUploadBytes: number;
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

    if (url.pathname === '/api/upload') {
      const fileName = url.searchParams.get('name') ?? '';
      const bytes = await readBody(request, options.maxUploadBytes, `upload of ${fileName || 'a file'}`);
      const jobId = url.searchParams.get('jobId');
      // The page's File.lastModified, as a query parameter beside the name (the body is the raw bytes).
      const modified = url.searchParams.get('lastModified');
      const args = validateArgs('importUpload', {
        fileName,
        bytes,
        ...(jobId === null ? {} : { jobId }),
        ...(modified === null ? {} : { lastModifiedMs: Number(modified) }),
      });
      return sendJson(response, 200, await options.services.importUpload(args));
    }
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
    const call = options.services[method] as (a: typeof args) => Promise<unknown>;
    return sendJson(response, 200, await call(args));
  }

  async function serveStatic(pathname: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') throw new HttpError(405, 'method not allowed');
    const file = await readStaticFile(options.staticDir, pathname);
    if (!file) throw new HttpError(404, 'not found');
    response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.contentType });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
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
  const body = JSON.stringify(value);
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
