/**
 * What the real-producer timeline tests share: the built CLI run against a store of the test's own, and whether a
 * producer's tool is installed (a missing one skips its test with a plain message, never a failure).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'kiln.cjs');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: readonly string[], cwd = ROOT): Run {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 28 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** `kiln ARGS --db DB`, with the built bin (dist/ must be built first). */
export function kiln(db: string, args: readonly string[]): Run {
  if (!existsSync(join(ROOT, 'dist', 'main', 'cli.cjs'))) throw new Error('dist/ is missing: run npm run build');
  return run(process.execPath, [BIN, ...args, '--db', db]);
}

/** `kiln ARGS --db DB --json`, parsed; the command must succeed. */
export function kilnJson<T>(db: string, args: readonly string[]): T {
  const out = kiln(db, [...args, '--json']);
  if (out.code !== 0) throw new Error(`kiln ${args.join(' ')} exited ${out.code}: ${out.stderr}`);
  return JSON.parse(out.stdout) as T;
}

/** Whether `command` runs (a producer's tool is installed). */
export function installed(command: string, versionArgs: readonly string[] = ['--version']): boolean {
  const result = spawnSync(command, versionArgs, { encoding: 'utf8', timeout: 30_000 });
  return result.error === undefined && result.status === 0;
}

/** What `kiln ls --json` and `kiln timeline --json` print, as far as these tests read them. */
export interface ListedItem {
  id: number;
  name: string;
  kind: string;
  format: string;
  service: string | null;
  capturedAtMs: number | null;
  durationNs: number | null;
  timeSource: string;
  labels: Record<string, string>;
  gc: { gcEvents: number; totalPauseMs: number } | null;
}

export interface Timeline {
  services: {
    name: string;
    captures: { id: number; kind: string; capturedAtMs: number | null; durationNs: number | null }[];
    markers: { atMs: number; label: string; source: string }[];
  }[];
}
