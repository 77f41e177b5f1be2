// Builds better-sqlite3 for the installed Electron's ABI into dist/native/electron/,
// leaving node_modules (built for Node: the CLI, kiln serve, the tests) untouched.
// Run by `npm start` when an Electron binary exists and the copy is missing.
// Needs Electron's headers, which @electron/rebuild downloads on first use.
import { cpSync, existsSync, mkdirSync, copyFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const target = join(root, 'dist', 'native', 'electron', 'better_sqlite3.node');

export function ensureElectronSqlite() {
  if (existsSync(target)) return true;
  const electronVersion = require('electron/package.json').version;
  const work = join(root, 'dist', 'native', 'build');
  const moduleCopy = join(work, 'node_modules', 'better-sqlite3');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(dirname(moduleCopy), { recursive: true });
  cpSync(join(root, 'node_modules', 'better-sqlite3'), moduleCopy, { recursive: true });
  console.error(`kiln: building better-sqlite3 for Electron ${electronVersion} (once)…`);
  const rebuild = spawnSync(
    process.execPath,
    [
      require.resolve('@electron/rebuild/lib/cli.js'),
      '--version',
      electronVersion,
      '--module-dir',
      work,
      '--only',
      'better-sqlite3',
      '--force',
    ],
    { cwd: root, stdio: 'inherit' },
  );
  const built = join(moduleCopy, 'build', 'Release', 'better_sqlite3.node');
  if (rebuild.status !== 0 || !existsSync(built)) {
    console.error('kiln: could not build better-sqlite3 for Electron; the app cannot open its database.');
    return false;
  }
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(built, target);
  rmSync(work, { recursive: true, force: true });
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(ensureElectronSqlite() ? 0 : 1);
