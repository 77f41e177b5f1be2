/**
 * The kiln:// scheme that serves the renderer bundle (dist/renderer) to the
 * window, instead of file:// (Electron security checklist #18). Only files
 * inside the bundle directory are served; every response carries the CSP.
 *
 * No electron import: main.ts registers the scheme and passes
 * `createAppProtocolHandler(rendererDir)` to `protocol.handle`.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { RENDERER_CSP } from './csp';

export const APP_SCHEME = 'kiln';
export const APP_HOST = 'app';
/** The origin of every page the window may show and every frame that may call IPC. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * For `protocol.registerSchemesAsPrivileged` (before app ready): a standard,
 * secure scheme so the page has a real origin, module scripts and a secure
 * context. No service workers, no CORS from other origins, no CSP bypass.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

/**
 * `protocol//host` of a hierarchical URL, or null for anything without a host
 * (file:, data:, javascript:, about:), with credentials, or unparseable.
 * Node's URL gives `origin === 'null'` for non-special schemes such as kiln:,
 * so the origin is built from its parts.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username !== '' || parsed.password !== '' || parsed.host === '') return null;
  return `${parsed.protocol}//${parsed.host}`;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a kiln://app/… URL to a file inside `rootDir`, or null when the URL is
 * not ours or its path (after percent-decoding) would leave `rootDir`.
 * `/` means `/index.html`. Query and fragment are ignored.
 */
export function resolveAppAsset(requestUrl: string, rootDir: string): string | null {
  if (originOf(requestUrl) !== APP_ORIGIN) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, '.' + pathname.replace(/\\/g, '/'));
  const relative = path.relative(root, filePath);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return filePath;
}

function textResponse(status: number, body: string): Response {
  return new Response(body, {
    status,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Security-Policy': RENDERER_CSP,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/** The `protocol.handle(APP_SCHEME, …)` handler: GET/HEAD of bundle files, nothing else. */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
    const filePath = resolveAppAsset(request.url, rootDir);
    if (filePath === null) return textResponse(404, 'Not found');
    try {
      const info = await stat(filePath);
      if (!info.isFile()) return textResponse(404, 'Not found');
      const body = request.method === 'HEAD' ? null : await readFile(filePath);
      return new Response(body, {
        status: 200,
        headers: {
          'Content-Type': contentTypeFor(filePath),
          'Content-Security-Policy': RENDERER_CSP,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-cache',
        },
      });
    } catch {
      return textResponse(404, 'Not found');
    }
  };
}
