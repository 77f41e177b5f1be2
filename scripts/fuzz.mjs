#!/usr/bin/env node
// `npm run fuzz -- --cases 5000 --seed N`: the fuzz harness of test/fuzz (mutated fixtures imported through the real
// ingest path, each case in a worker with a heap limit and a time budget). The harness is TypeScript; it is bundled
// with esbuild, as scripts/build.mjs bundles the app, into node_modules/.cache/kiln-fuzz and run from there.
// Options: test/fuzz/cli.ts. Exit code 1 when a crasher was found (kept in test/fuzz/crashers/).
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'node_modules', '.cache', 'kiln-fuzz');
mkdirSync(outdir, { recursive: true });
const outfile = join(outdir, 'cli.cjs');
await build({
  entryPoints: [join(root, 'test', 'fuzz', 'cli.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['better-sqlite3', 'electron', 'esbuild'],
  logLevel: 'error',
  absWorkingDir: root,
});
process.env.KILN_ROOT = root;
const { main } = createRequire(import.meta.url)(outfile);
process.exitCode = await main(process.argv.slice(2));
