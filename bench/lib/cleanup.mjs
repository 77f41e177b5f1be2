/**
 * Everything a run creates that must not outlive it: temp folders, child
 * processes, browsers, servers. `cleanupAll` runs on normal exit, on errors,
 * on SIGINT/SIGTERM and when the run's deadline fires.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const tasks = new Set();

/** Registers an async cleanup; returns a function that runs it once and unregisters it. */
export function onCleanup(task) {
  let done = false;
  const run = async () => {
    if (done) return;
    done = true;
    tasks.delete(run);
    try {
      await task();
    } catch (error) {
      console.error(`cleanup: ${error?.message ?? error}`);
    }
  };
  tasks.add(run);
  return run;
}

export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const remove = onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, remove };
}

/** Kills a spawned child (and its process group when it was detached) by its pid. */
export function killChild(child, signal = 'SIGTERM') {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    if (child.__benchGroup) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    /* already gone */
  }
  const hard = setTimeout(() => {
    try {
      if (child.__benchGroup) process.kill(-child.pid, 'SIGKILL');
      else child.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }, 5_000);
  return exited.finally(() => clearTimeout(hard));
}

export async function cleanupAll() {
  for (const task of [...tasks].reverse()) await task();
}

let installed = false;
/** Cleans up and exits on signals and after `deadlineMs`. */
export function installCleanupHandlers(deadlineMs) {
  if (installed) return;
  installed = true;
  const bail = (why, code) => {
    console.error(`\nbench: ${why}; cleaning up`);
    cleanupAll().finally(() => process.exit(code));
  };
  process.once('SIGINT', () => bail('interrupted', 130));
  process.once('SIGTERM', () => bail('terminated', 143));
  const timer = setTimeout(() => bail(`deadline of ${Math.round(deadlineMs / 1000)} s reached`, 3), deadlineMs);
  timer.unref();
}
