/**
 * Runs the built CLI (bin/kiln.cjs over dist/) under GNU time and measures a
 * store: what the deep-stack tests need to hold an import to its budget.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export const ROOT = join(__dirname, '..', '..');
export const GNU_TIME = '/usr/bin/time';
const BIN = join(ROOT, 'bin', 'kiln.cjs');

export interface Measured {
  stdout: string;
  peakRssBytes: number;
}

/** Runs the CLI under GNU time; returns its output and the peak RSS of the process (and its worker thread). */
export function kiln(args: string[], dir: string): Measured {
  const timeFile = join(dir, 'time.txt');
  const run = spawnSync(GNU_TIME, ['-v', '-o', timeFile, process.execPath, BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 300_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`kiln ${args.join(' ')} exited with ${run.status}: ${run.stderr}${run.stdout}`);
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(timeFile, 'utf8'));
  if (!match) throw new Error('GNU time printed no maximum RSS');
  return { stdout: run.stdout, peakRssBytes: Number(match[1]) * 1024 };
}

/** Database plus WAL, after the WAL is checkpointed into the database. */
export function storeBytes(dbPath: string): number {
  const db = new Database(dbPath);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  const wal = `${dbPath}-wal`;
  return statSync(dbPath).size + (existsSync(wal) ? statSync(wal).size : 0);
}

export interface TopRow {
  function: string;
  self: number;
  total: number;
}
