/**
 * `kiln search` as users run it: the built bin, a real SQLite file written by
 * the ingest worker, a Go CPU profile and a Node .cpuprofile, and values
 * checked against what `kiln top` prints for the same items.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionSearchHit, TopFunctionRow } from '../shared/ipc/contract';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'kiln.cjs');

function kiln(args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('kiln search', () => {
  let dir: string;
  let db: string;
  let goId: number;
  let nodeId: number;

  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'main', 'cli.cjs'))) throw new Error('dist/ is missing: run npm run build');
    dir = mkdtempSync(join(tmpdir(), 'kiln-cli-search-'));
    db = join(dir, 'kiln.db');
    const files = ['test/fixtures/pprof/cpu_1.pb.gz', 'test/fixtures/cpuprofile/node-leaky.cpuprofile'];
    const run = kiln(['import', ...files, '--db', db, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const imported = (JSON.parse(run.stdout) as { imported: { id: number }[] }).imported;
    [goId, nodeId] = imported.map((i) => i.id) as [number, number];
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function top(id: number): TopFunctionRow[] {
    const run = kiln(['top', String(id), '--db', db, '--limit', '100000', '--json']);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as TopFunctionRow[];
  }

  function search(...args: string[]): FunctionSearchHit[] {
    const run = kiln(['search', ...args, '--db', db, '--json']);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as FunctionSearchHit[];
  }

  it('finds runtime.mallocgc by a word prefix and a dotted prefix, with the values kiln top shows', () => {
    const row = top(goId).find((r) => r.function === 'runtime.mallocgc');
    for (const query of ['malloc', 'runtime.malloc']) {
      const hit = search(query).find((h) => h.function === 'runtime.mallocgc');
      expect(hit?.profiles.map((p) => [p.itemId, p.self, p.total, p.sampleType.type])).toEqual([
        [goId, row?.self, row?.total, 'cpu'],
      ]);
    }
  });

  it('takes several words, a limit, and finds Node functions in the middle of a word', () => {
    const tokenize = top(nodeId).find((r) => r.function === 'tokenize');
    expect(search('tokenize').map((h) => [h.function, h.profiles[0]?.total])).toEqual([['tokenize', tokenize?.total]]);
    expect(search('sha256', 'Write').map((h) => h.function)).toEqual(['crypto/sha256.(*digest).Write']);
    expect(search('HashCache').map((h) => h.function)).toEqual(['getHashCache']);
    expect(search('a', '--limit', '3')).toHaveLength(3);
  });

  it('prints a table of hits, one row per item, with shares of the item total', () => {
    const run = kiln(['search', 'sha256.block', '--db', db]);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^TOTAL%\s+TOTAL\s+SELF%\s+SELF\s+ID\s+ITEM\s+TYPE\s+FUNCTION\s+FILE$/);
    // go tool pprof: crypto/sha256.block flat = cum = 500 ms of 1.36 s (36.76%).
    expect(lines[1]).toMatch(
      /^36\.76%\s+500 ms\s+36\.76%\s+500 ms\s+\d+\s+cpu_1\.pb\.gz\s+cpu\s+crypto\/sha256\.block\s/,
    );
    expect(lines).toHaveLength(2);
    const none = kiln(['search', 'no_such_function_anywhere', '--db', db]);
    expect([none.code, none.stdout.trim()]).toEqual([
      0,
      'No function of the catalogue matches "no_such_function_anywhere".',
    ]);
  });

  it('refuses bad usage with exit code 2', () => {
    expect(kiln(['search', '--db', db]).code).toBe(2);
    expect(kiln(['search', 'x', '--limit', '0', '--db', db]).code).toBe(2);
    const long = kiln(['search', 'x'.repeat(300), '--db', db]);
    expect(long.code).toBe(2);
    expect(long.stderr).toContain('query must be a non-empty string of at most 256 characters');
  });
});
