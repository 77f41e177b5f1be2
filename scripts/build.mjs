// Builds everything `npm start`, `kiln` and the tests run:
//   dist/main/cli.cjs            the kiln CLI (kiln serve included)
//   dist/main/ingest-worker.cjs  the import worker thread
//   dist/main/query-worker.cjs   the query worker threads (read-only methods, off the thread serving requests)
//   dist/main/electron.cjs       the Electron main process
//   dist/main/preload.cjs        the sandboxed preload (CommonJS: sandboxed preloads cannot be ES modules)
//   dist/renderer/               the React renderer (vite)
// Node bundles are CommonJS so that better-sqlite3 (native) and electron load as plain requires.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.includes('--node-only') ? 'node' : 'all';

const nodeCommon = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  external: ['better-sqlite3', 'electron'],
  logLevel: 'warning',
  absWorkingDir: root,
};

const entries = [
  ['main/cli/entry.ts', 'dist/main/cli.cjs'],
  ['main/ingest/worker-entry.ts', 'dist/main/ingest-worker.cjs'],
  ['main/services/query-worker-entry.ts', 'dist/main/query-worker.cjs'],
  ['main/app/main.ts', 'dist/main/electron.cjs'],
  ['main/preload/preload.ts', 'dist/main/preload.cjs'],
].filter(([source]) => existsSync(join(root, source)));

await Promise.all(entries.map(([entry, outfile]) => build({ ...nodeCommon, entryPoints: [entry], outfile })));

if (only === 'all' && existsSync(join(root, 'renderer', 'index.html'))) {
  await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
}
console.log(`built ${entries.map(([, out]) => out).join(', ')}${only === 'all' ? ', dist/renderer' : ''}`);
