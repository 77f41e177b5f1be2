/**
 * `kiln top --filter` with the store-level filters, as users run it: the built
 * bin, a real SQLite file, the ingest worker, a real labelled Go CPU profile,
 * and values checked against `go tool pprof -tagfocus/-lines -top`
 * (test/fixtures/pprof-labels/expected.json).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'kiln.cjs');
const LABELS = join(ROOT, 'test', 'fixtures', 'pprof-labels');

interface PprofCase {
  fixture: string;
  sampleType: string;
  filter: string;
  total: number;
  top: { name: string; flat: number; cum: number }[];
}

const CASES = (JSON.parse(readFileSync(join(LABELS, 'expected.json'), 'utf8')) as { cases: PprofCase[] }).cases;

function expectedCase(filter: string): PprofCase {
  const found = CASES.find((c) => c.fixture === 'labelled-cpu.pb.gz' && c.sampleType === 'cpu' && c.filter === filter);
  if (!found) throw new Error(`expected.json has no case for ${filter}`);
  return found;
}

function kiln(args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

describe('kiln top --filter with label and lines filters', () => {
  let dir: string;
  let db: string;
  let id: string;

  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'main', 'cli.cjs'))) throw new Error('dist/ is missing: run npm run build');
    dir = mkdtempSync(join(tmpdir(), 'kiln-cli-labels-'));
    db = join(dir, 'kiln.db');
    const run = kiln(['import', join(LABELS, 'labelled-cpu.pb.gz'), '--db', db, '--json']);
    expect(run.stderr).toBe('');
    id = String(JSON.parse(run.stdout).imported[0].id);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const top = (filter: string) => {
    const run = kiln(['top', id, '--type', 'cpu', '--limit', '100', '--db', db, '--json', '--filter', filter]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    return JSON.parse(run.stdout) as { function: string; file: string; self: number; total: number }[];
  };

  it("prints go tool pprof -tagfocus=endpoint=^/a$ values for 'label:endpoint=/a'", () => {
    const expected = expectedCase('label:endpoint=/a');
    const rows = top('label:endpoint=/a');
    expect(rows.reduce((sum, r) => sum + r.self, 0)).toBe(expected.total);
    expect(rows.map((r) => [r.function, r.self, r.total]).sort()).toEqual(
      expected.top.map((r) => [r.name, r.flat, r.cum]).sort(),
    );
    // The same filter with its "/" escaped, as a URL may carry it.
    expect(top('label:endpoint=%2Fa')).toEqual(rows);
  });

  it('ANDs label keys and merges by line together with other filters', () => {
    const both = expectedCase('label:endpoint=/a;label:worker=1');
    expect(top('label:worker=1;label:endpoint=/a').reduce((sum, r) => sum + r.self, 0)).toBe(both.total);

    const lines = expectedCase('lines;label:endpoint=/b');
    const rows = top('lines;label:endpoint=/b');
    const line48 = lines.top.find((r) => r.name === 'main.twoLoops labelled.go:48');
    expect(rows.find((r) => r.function === 'main.twoLoops:48')).toMatchObject({
      self: line48?.flat,
      total: line48?.cum,
    });
    expect(rows.reduce((sum, r) => sum + r.self, 0)).toBe(lines.total);

    const human = kiln(['top', id, '--type', 'cpu', '--db', db, '--filter', 'lines']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/main\.burnBeta:36/);
  });

  it('exits 2 naming the problem for a label filter without a value', () => {
    const bad = kiln(['top', id, '--db', db, '--filter', 'label:endpoint']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/label:<key>=<value>/);
  });
});
