/**
 * `kiln gc` through the built CLI on recorded logs (test/fixtures/gc): a JDK 17 G1 log with a concurrent cycle and a
 * Go 1.19 gctrace. The oracles are the files read here with the test's own regular expressions: the G1 log's timed
 * "Pause" lines (collections, percentiles, total pause), the gctrace's `A->B->C MB` numbers (allocation rate).
 * Bad arguments are usage errors; a selection without a GC log is "not found".
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GcWindows } from '../shared/ipc/memory-contract';
import { runKiln } from './fixtures/kiln-cli';

const G1 = join(__dirname, 'fixtures', 'gc', 'jvm-unified', 'jdk17-g1.log');
const GO = join(__dirname, 'fixtures', 'gc', 'go-gctrace', 'go119-gctrace.txt');
const CPU = join(__dirname, 'fixtures', 'pprof', 'cpu_1.pb.gz');

/** Nearest rank: the value at rank ⌈p/100 · n⌉ of the ascending values. */
const rank = (sorted: number[], p: number): number => sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1]!;

describe('kiln gc on recorded GC logs', () => {
  let dir: string;
  let db: string;
  const ids: Record<string, number> = {};
  const gc = (args: string[]): GcWindows => {
    const run = runKiln(db, ['gc', ...args, '--json']);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as GcWindows;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-cli-gc-'));
    db = join(dir, 'kiln.db');
    const run = runKiln(db, ['import', G1, GO, CPU, '--json']);
    expect(run.code, run.stderr).toBe(0);
    for (const item of (JSON.parse(run.stdout) as { imported: { id: number; format: string }[] }).imported) {
      ids[item.format] = item.id;
    }
  }, 60_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('counts G1’s pauses as collections, its concurrent phases as events only, with nearest-rank percentiles', () => {
    const pauses = [...readFileSync(G1, 'utf8').matchAll(/GC\(\d+\) Pause .* ([\d.]+)ms$/gm)]
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
    expect(pauses).toHaveLength(14);
    const result = gc([String(ids['jvm-unified'])]);
    expect(result.total.collections).toBe(pauses.length);
    expect(result.total.events).toBeGreaterThan(pauses.length);
    expect(result.total.pauses!.p50).toBeCloseTo(rank(pauses, 50), 9);
    expect(result.total.pauses!.p90).toBeCloseTo(rank(pauses, 90), 9);
    expect(result.total.pauses!.p99).toBeCloseTo(rank(pauses, 99), 9);
    expect(result.total.pauses!.max).toBeCloseTo(pauses[pauses.length - 1]!, 9);
    expect(result.total.pauses!.total).toBeCloseTo(
      pauses.reduce((s, p) => s + p, 0),
      6,
    );
    expect(result.windows).toHaveLength(10);
    expect(result.windows.reduce((s, w) => s + (w.collections ?? 0), 0)).toBe(pauses.length);
    expect(gc([String(ids['jvm-unified']), '--windows', '3']).windows).toHaveLength(3);
  });

  it('measures Go’s allocation as A(i) − C(i−1) over the time between the cycles’ starts', () => {
    const cycles = [...readFileSync(GO, 'utf8').matchAll(/^gc \d+ @([\d.]+)s .* (\d+)->\d+->(\d+) MB, /gm)].map(
      (m) => ({ atMs: Number(m[1]) * 1000, before: Number(m[2]) * 2 ** 20, live: Number(m[3]) * 2 ** 20 }),
    );
    let bytes = 0;
    let ms = 0;
    for (let i = 1; i < cycles.length; i++) {
      const allocated = cycles[i]!.before - cycles[i - 1]!.live;
      const span = cycles[i]!.atMs - cycles[i - 1]!.atMs;
      if (allocated > 0 && span > 0) {
        bytes += allocated;
        ms += span;
      }
    }
    const result = gc([String(ids['go-gctrace'])]);
    expect(result.total.collections).toBe(cycles.length);
    expect(result.total.allocationRate! / ((bytes / ms) * 1000)).toBeCloseTo(1, 9);
    expect(result.total.liveHeap).toEqual({ first: cycles[0]!.live, last: cycles[cycles.length - 1]!.live });
  });

  it('prints a table of windows and the changes as sentences', () => {
    const run = runKiln(db, ['gc', String(ids['go-gctrace'])]);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines.filter((l) => /^\d\d:\d\d:\d\d UTC /.test(l))).toHaveLength(10);
    expect(lines.some((l) => l.startsWith('total '))).toBe(true);
    expect(lines.some((l) => /^(changes: none|GC frequency|allocation rate|median GC pause)/.test(l))).toBe(true);
  });

  it('refuses bad arguments and a selection without a GC log', () => {
    expect(runKiln(db, ['gc']).code).toBe(2);
    expect(runKiln(db, ['gc', '1', '--windows', '0']).code).toBe(2);
    expect(runKiln(db, ['gc', '1', '--windows', '1001']).code).toBe(2);
    const none = runKiln(db, ['gc', String(ids['pprof'])]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no GC log/);
  });
});
