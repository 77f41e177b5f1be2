/** A minimal static file server on 127.0.0.1 (for speedscope's built page and the profiles it loads). */
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { onCleanup } from './cleanup.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves each `mounts` entry (url prefix → folder) read-only; returns its origin. */
export async function startStaticServer(mounts) {
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    for (const [prefix, folder] of Object.entries(mounts)) {
      if (!pathname.startsWith(prefix)) continue;
      const rel = pathname.slice(prefix.length) || 'index.html';
      const full = normalize(join(folder, rel));
      if (!full.startsWith(folder + sep) && full !== folder) break;
      try {
        const stat = statSync(full);
        if (!stat.isFile()) break;
        res.writeHead(200, {
          'Content-Type': TYPES[extname(full)] ?? 'application/octet-stream',
          'Content-Length': stat.size,
          'Cache-Control': 'no-store',
        });
        createReadStream(full).pipe(res);
        return;
      } catch {
        break;
      }
    }
    res.writeHead(404).end('not found');
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const stop = onCleanup(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  );
  return { origin: `http://127.0.0.1:${server.address().port}`, stop };
}
