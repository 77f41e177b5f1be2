/**
 * Two processes writing one store (issue 10): three `kiln import` processes of the built CLI start at once into
 * one fresh store, each with a generated collapsed file large enough that its write holds the store's lock for a
 * while and several real fixtures; all succeed and the store holds what importing each file alone gives. And an
 * import that finds the store's write lock held waits, showing "waiting for the store" on its progress line
 * (fed by getImportJobs, as the app's import bar is), and completes once the lock is released.
 */
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'kiln.cjs');
const FIXTURES = join(ROOT, 'test', 'fixtures');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts `kiln ARGS` and resolves when it exits; `onStderr` sees stderr as it grows. */
function start(args: string[], env: NodeJS.ProcessEnv, onStderr?: (text: string) => void): Promise<Run> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    onStderr?.(stderr);
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/** A collapsed-stacks file of `lines` distinct stacks 20–49 frames deep; `seed` makes each file's bytes its own. */
function generatedCollapsed(path: string, lines: number, seed: number): void {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const depth = 20 + (i % 30);
    const frames: string[] = [];
    for (let j = 0; j < depth; j++) frames.push(`pkg${(j + seed) % 50}.fn${(i * 7 + j * 13 + seed) % 4000}`);
    out.push(`${frames.join(';')} ${1 + ((i + seed) % 9)}`);
  }
  writeFileSync(path, `${out.join('\n')}\n`);
}

/** What the catalogue says of each item, in name order: what two stores of the same files must agree on. */
function catalogue(env: NodeJS.ProcessEnv): [string, string, number[]][] {
  const ls = spawnSync(process.execPath, [BIN, 'ls', '--json'], { cwd: ROOT, encoding: 'utf8', env, timeout: 60_000 });
  expect(ls.stderr).toBe('');
  expect(ls.status).toBe(0);
  const items = JSON.parse(ls.stdout) as { name: string; format: string; totals: number[] }[];
  return items
    .map((item): [string, string, number[]] => [item.name, item.format, item.totals])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

describe('several writers into one store', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'main', 'cli.cjs'))) throw new Error('dist/ is missing: run npm run build');
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-writers-'));
    env = { ...process.env, KILN_DB: join(dir, 'kiln.db') };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it(
    'three imports started at once all succeed, and the store holds every file as imported alone',
    { timeout: 300_000 },
    async () => {
      const generated = ['gen-a.txt', 'gen-b.txt', 'gen-c.txt'].map((name, seed) => {
        const path = join(dir, name);
        generatedCollapsed(path, 10_000, seed);
        return path;
      });
      const shared = join(FIXTURES, 'collapsed', 'speedscope__stackcollapse__tall.txt');
      const lists = [
        [
          generated[0],
          join(FIXTURES, 'pprof', 'cpu_1.pb.gz'),
          join(FIXTURES, 'cpuprofile', 'node-leaky.cpuprofile'),
          shared,
        ],
        [
          generated[1],
          join(FIXTURES, 'pprof', 'heap_1.pb.gz'),
          join(FIXTURES, 'collapsed', 'speedscope__stackcollapse__recursion.txt'),
          shared,
        ],
        [
          generated[2],
          join(FIXTURES, 'pprof', 'allocs.pb.gz'),
          join(FIXTURES, 'collapsed', 'fxprof__flamegraph.txt'),
          shared,
        ],
      ] as string[][];

      const runs = await Promise.all(lists.map((files) => start(['import', ...files, '--json'], env)));
      for (const run of runs) {
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        const report = JSON.parse(run.stdout) as { imported: unknown[]; errors: unknown[] };
        expect(report.errors).toEqual([]);
        expect(report.imported).toHaveLength(4);
      }
      const together = catalogue(env);

      // The same files, one import after another (one process: one writer), into a store of their own.
      const alone = { ...env, KILN_DB: join(dir, 'alone.db') };
      const sequential = spawnSync(process.execPath, [BIN, 'import', ...new Set(lists.flat())], {
        cwd: ROOT,
        encoding: 'utf8',
        env: alone,
        timeout: 240_000,
      });
      expect(sequential.status).toBe(0);
      const expected = catalogue(alone);
      expect(expected).toHaveLength(10);
      expect(together).toEqual(expected);
    },
  );

  it(
    'waits for a write lock held by another connection, shows it, and completes once it is released',
    { timeout: 120_000 },
    async () => {
      const first = spawnSync(process.execPath, [BIN, 'import', join(FIXTURES, 'pprof', 'cpu_1.pb.gz')], {
        cwd: ROOT,
        env,
      });
      expect(first.status).toBe(0);
      // Another writer, as a Kiln writer opens the store: WAL, then a write transaction held past 5 s.
      const other = new Database(join(dir, 'kiln.db'));
      other.pragma('journal_mode = WAL');
      other.exec('BEGIN IMMEDIATE');
      let sawWaiting: () => void = () => {};
      const waitingShown = new Promise<void>((resolve) => (sawWaiting = resolve));
      const file = join(FIXTURES, 'cpuprofile', 'node-leaky.cpuprofile');
      let exited = false;
      const run = start(['import', file, '--progress'], env, (stderr) => {
        if (stderr.includes('waiting for the store')) sawWaiting();
      }).finally(() => (exited = true));
      // An import that gives up instead of waiting ends the wait for the line too.
      await Promise.race([waitingShown, run]);
      // Held beyond the 5 s an import used to give up at: the import is still waiting.
      await new Promise((resolve) => setTimeout(resolve, 6000));
      expect(exited).toBe(false);
      other.exec('ROLLBACK');
      other.close();
      const { code, stdout, stderr } = await run;
      expect(code).toBe(0);
      expect(stdout).toMatch(/^imported \S*node-leaky\.cpuprofile as #2 /);
      expect(stderr).toMatch(/node-leaky\.cpuprofile {2}waiting for the store: another import is writing {2}/);
      expect(catalogue(env).map(([name]) => name)).toEqual(['cpu_1.pb.gz', 'node-leaky.cpuprofile']);
    },
  );
});
