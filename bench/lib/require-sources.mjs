/** Kiln's TypeScript sources, bundled with esbuild as scripts/build.mjs does and loaded into this Node process. */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ROOT } from './paths.mjs';

/**
 * Bundles `exportsSource` (export lines naming modules by their path from the repository root) into
 * node_modules/.cache/kiln-bench/NAME.cjs and requires it: the numbers are those of the code in the tree, not of
 * dist/. `external` modules stay `require` calls, resolved from node_modules.
 */
export async function requireSources(name, exportsSource, external) {
  // Inside node_modules so that the bundle's `require('better-sqlite3')` resolves.
  const bundleDir = join(ROOT, 'node_modules', '.cache', 'kiln-bench');
  mkdirSync(bundleDir, { recursive: true });
  const bundle = join(bundleDir, `${name}.cjs`);
  await build({
    stdin: { contents: exportsSource, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external,
    outfile: bundle,
    logLevel: 'warning',
  });
  return createRequire(import.meta.url)(bundle);
}
