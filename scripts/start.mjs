// `npm start`: the desktop app when an Electron binary is installed, otherwise `kiln serve`.
//
// With ELECTRON_SKIP_BINARY_DOWNLOAD=1 the electron package has no binary, and
// require('electron') (which returns the binary's path) throws or names a missing file.
// Arguments after `npm start --` are forwarded; the child's exit code (or signal) is ours.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { ensureElectronSqlite } from './electron-sqlite.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

/** The Electron executable, or null when the package was installed without it. */
function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** Builds dist/ once when any of the given outputs is missing. */
function buildIfMissing(outputs) {
  if (outputs.every((output) => existsSync(join(root, output)))) return;
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Runs a child with our stdio, passes SIGINT/SIGTERM on, and exits as it exits. */
function run(command, commandArgs, env) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  const signals = ['SIGINT', 'SIGTERM'];
  for (const signal of signals) process.on(signal, forward);
  child.on('error', (error) => {
    process.stderr.write(`kiln: could not start ${command}: ${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    for (const s of signals) process.off(s, forward);
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}

const electron = electronBinary();
if (electron) {
  buildIfMissing(['dist/main/electron.cjs', 'dist/main/preload.cjs', 'dist/renderer/index.html']);
  // better-sqlite3 built for Electron's ABI, beside (not instead of) the Node build.
  if (!ensureElectronSqlite()) process.exit(1);
  // ELECTRON_RUN_AS_NODE would make the binary a plain Node and ignore the app.
  const env = { ...process.env };
  delete env['ELECTRON_RUN_AS_NODE'];
  run(electron, ['.', ...args], env);
} else {
  process.stderr.write(
    'kiln: no Electron binary found (electron installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1?), so starting `kiln serve` instead\n',
  );
  buildIfMissing(['dist']);
  run(process.execPath, [join(root, 'bin', 'kiln.cjs'), 'serve', ...args], process.env);
}
