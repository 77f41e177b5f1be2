/** `kiln serve``: the HTTP transport on 127.0.0.1 until interrupted. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServer, type RunningServer } from '../server/http-server';
import type { KilnRuntime } from '../services/runtime';
import type { Output } from './output';

/** The built renderer sits at dist/renderer, beside this bundle's dist/main. */
export function rendererDir(): string {
  return resolve(join(__dirname, '..', 'renderer'));
}

export async function serveCommand(
  runtime: Pick<KilnRuntime, 'services' | 'importer' | 'queryJson'>,
  port: number,
  maxUploadBytes: number,
  io: Output,
): Promise<RunningServer> {
  const staticDir = rendererDir();
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new Error(`the renderer is not built (${staticDir} has no index.html): run npm run build`);
  }
  const server = await startServer({
    services: runtime.services,
    importer: runtime.importer,
    queryJson: runtime.queryJson,
    staticDir,
    port,
    maxUploadBytes,
  });
  io.out(server.url);
  return server;
}
