/**
 * `kiln diff` through the built CLI on real Go CPU captures of one service (the corpus's go-service): in absolute
 * mode each side's flat and cum per function equal `go tool pprof -top` of that side's files, and the change equals
 * `go tool pprof -top -diff_base=BASE… TARGET…`; each side's samples are its files' sample counts; normalized mode
 * gives shares; the JSON has the documented shape; bad arguments are usage errors.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKiln } from './fixtures/kiln-cli';
import { diffByName, pprofTop, type TopByName } from './fixtures/pprof-top';

const GO_SERVICE = join(__dirname, '..', '..', 'shared', 'corpus', 'generated', 'go-service');
const cpu = (n: number): string => join(GO_SERVICE, `cpu_${n}.pb.gz`);
const heap = (n: number): string => join(GO_SERVICE, `heap_${n}.pb.gz`);

interface DiffJson {
  base: { items: number[]; total: number; samples: number | null };
  target: { items: number[]; total: number; samples: number | null };
  rows: {
    function: string;
    file: string;
    base: { self: number; total: number };
    target: { self: number; total: number };
    delta: { self: number; total: number };
    significant: boolean | null;
  }[];
  suspects: { function: string; reason: string; path: string[] }[];
}

describe('kiln diff on real Go CPU captures', () => {
  let dir: string;
  let db: string;
  const diff = (args: string[]): DiffJson => {
    const run = runKiln(db, ['diff', ...args, '--json', '--limit', '100000']);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as DiffJson;
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-cli-diff-'));
    db = join(dir, 'kiln.db');
    const imported = runKiln(db, [
      'import',
      '--quiet',
      cpu(1),
      cpu(2),
      cpu(3),
      cpu(4),
      cpu(5),
      cpu(6),
      heap(1),
      heap(3),
    ]);
    expect(imported.code, imported.stderr).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives each side as go tool pprof -top of its files, and the change as pprof -diff_base', () => {
    const result = diff(['1,2,3', '4,5,6', '--mode', 'absolute']);
    expect(result.base.items).toEqual([1, 2, 3]);
    expect(result.target.items).toEqual([4, 5, 6]);
    expect(diffByName(result.rows, (r) => r.base)).toEqual(pprofTop([cpu(1), cpu(2), cpu(3)]));
    expect(diffByName(result.rows, (r) => r.target)).toEqual(pprofTop([cpu(4), cpu(5), cpu(6)]));
    // pprof takes one -diff_base (a second replaces the first): the base's files merged into one, as pprof merges.
    const merged = spawnSync('go', ['tool', 'pprof', '-proto', cpu(1), cpu(2), cpu(3)], { maxBuffer: 1 << 28 });
    expect(merged.status, String(merged.stderr)).toBe(0);
    const baseFile = join(dir, 'base.pb.gz');
    writeFileSync(baseFile, merged.stdout);
    const pprofDiff = pprofTop([cpu(4), cpu(5), cpu(6)], [`-diff_base=${baseFile}`]);
    expect(diffByName(result.rows, (r) => r.delta)).toEqual(pprofDiff);
    // Sorted by the change in total, largest first.
    const changes = result.rows.map((r) => Math.abs(r.delta.total));
    expect(changes).toEqual([...changes].sort((a, b) => b - a));
  });

  it("counts each side's samples as its files hold them, and tests every change against them", () => {
    const result = diff(['1,2,3', '4,5,6', '--mode', 'absolute']);
    const samples = (files: string[]) => pprofTop(files, ['-sample_index=samples', '-unit=ns']);
    const count = (top: TopByName) => [...top.values()].reduce((sum, row) => sum + row.flat, 0);
    expect(result.base.samples).toBe(count(samples([cpu(1), cpu(2), cpu(3)])));
    expect(result.target.samples).toBe(count(samples([cpu(4), cpu(5), cpu(6)])));
    expect(result.rows.every((r) => typeof r.significant === 'boolean')).toBe(true);
  });

  it('gives shares of each side in normalized mode', () => {
    const result = diff(['1,2,3', '4,5,6', '--mode', 'normalized']);
    const absolute = diff(['1,2,3', '4,5,6', '--mode', 'absolute']);
    expect(result.base.total).toBeCloseTo(1, 12);
    expect(result.target.total).toBeCloseTo(1, 12);
    for (const row of absolute.rows) {
      const share = result.rows.find((r) => r.function === row.function && r.file === row.file);
      expect(share?.base.total).toBeCloseTo(row.base.total / absolute.base.total, 12);
      expect(share?.target.self).toBeCloseTo(row.target.self / absolute.target.total, 12);
    }
  });

  it('prints the suspect line and a signed table for people', () => {
    const run = runKiln(db, ['diff', '1,2,3', '4,5,6', '--limit', '5']);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^base +1,2,3: 3 items, .*, \d+ samples$/);
    expect(lines[2]).toMatch(/^mode: absolute \(cpu\/nanoseconds\)$/);
    expect(lines.some((l) => /^suspect: /.test(l))).toBe(true);
    expect(lines.find((l) => l.includes('ΔTOTAL'))).toMatch(
      /ΔTOTAL +ΔTOTAL% +BASE TOTAL +TARGET TOTAL +ΔSELF +SIGNIFICANT +FUNCTION/,
    );
  });

  it('compares heap profiles the same way: alloc_space between two captures equals pprof -diff_base in bytes', () => {
    // Items 7 and 8: heap_1 and heap_3, imported after the six CPU profiles.
    const result = diff(['7', '8', '--type', 'alloc_space', '--mode', 'absolute']);
    expect(result.base.items).toEqual([7]);
    expect(diffByName(result.rows, (r) => r.delta)).toEqual(
      pprofTop([heap(3)], [`-diff_base=${heap(1)}`, '-sample_index=alloc_space'], 'B'),
    );
    // Sample counts for a heap profile come from alloc_objects beside alloc_space: each change is tested.
    expect(result.base.samples).toBeGreaterThan(0);
    expect(result.rows.some((r) => r.significant === true)).toBe(true);
  });

  it('refuses what it cannot compare, as a usage error', () => {
    expect(runKiln(db, ['diff', '1,2']).code).toBe(2);
    expect(runKiln(db, ['diff', '1', '2', '--mode', 'relative']).code).toBe(2);
    expect(runKiln(db, ['diff', '1', '2', '--limit', '0']).code).toBe(2);
    const missing = runKiln(db, ['diff', '1', '99']);
    expect(missing.code).toBe(1);
  });
});
