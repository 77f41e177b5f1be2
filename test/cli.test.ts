/**
 * The `kiln` command as users and the acceptance checks run it: the built bin
 * (dist/, written by `npm run build`, which `npm test` runs first), a real
 * SQLite file, the ingest worker thread, and values checked against what
 * `go tool pprof` printed for the same files.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectedPprof } from '../e2e/support/pprof-expected';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'kiln.cjs');
const FIXTURES = join(ROOT, 'test', 'fixtures');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function kiln(args: string[], env: Record<string, string> = {}): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function countRows(dbPath: string): Record<string, number> {
  const db = new Database(dbPath, { readonly: true });
  try {
    const tables = ['items', 'functions', 'frames', 'stacks', 'stack_values', 'labels', 'sample_times'];
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number]));
  } finally {
    db.close();
  }
}

describe('kiln CLI', () => {
  let dir: string;
  let db: string;

  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'main', 'cli.cjs'))) throw new Error('dist/ is missing: run npm run build');
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-cli-'));
    db = join(dir, 'kiln.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('imports pprof, cpuprofile and collapsed files and reports them as JSON', () => {
    const files = [
      'test/fixtures/pprof/cpu_1.pb.gz',
      'test/fixtures/pprof/heap_1.pb.gz',
      'test/fixtures/cpuprofile/node-leaky.cpuprofile',
      'test/fixtures/collapsed/speedscope__stackcollapse__simple.txt',
    ];
    const run = kiln(['import', ...files, '--db', db, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.errors).toEqual([]);
    expect(
      report.imported.map((i: { file: string; format: string; kind: string }) => [i.file, i.format, i.kind]),
    ).toEqual([
      [files[0], 'pprof', 'cpu'],
      [files[1], 'pprof', 'heap'],
      [files[2], 'cpuprofile', 'cpu'],
      [files[3], 'collapsed', 'cpu'],
    ]);
    const cpu = expectedPprof('cpu_1.pb.gz').sampleTypes;
    expect(report.imported[0].sampleTypes).toEqual([
      { type: 'samples', unit: 'count' },
      { type: 'cpu', unit: 'nanoseconds' },
    ]);
    expect(report.imported[0].totals).toEqual([cpu['samples']?.total, cpu['cpu']?.total]);
    const heap = expectedPprof('heap_1.pb.gz').sampleTypes;
    expect(report.imported[1].totals).toEqual(
      ['alloc_objects', 'alloc_space', 'inuse_objects', 'inuse_space'].map((t) => heap[t]?.total),
    );
    expect(Object.keys(report.imported[0]).sort()).toEqual(['file', 'format', 'id', 'kind', 'sampleTypes', 'totals']);
    expect(countRows(db).items).toBe(4);
  });

  it('lists the catalogue and prints top functions equal to go tool pprof -top', () => {
    kiln(['import', 'test/fixtures/pprof/heap_1.pb.gz', '--db', db]);
    const list = JSON.parse(kiln(['ls', '--db', db, '--json']).stdout);
    expect(list).toHaveLength(1);
    const id = String(list[0].id);
    const expected = expectedPprof('heap_1.pb.gz').sampleTypes;
    for (const type of ['alloc_space', 'inuse_space', 'alloc_objects']) {
      const run = kiln(['top', id, '--type', type, '--limit', '5', '--db', db, '--json']);
      expect(run.code).toBe(0);
      const rows = JSON.parse(run.stdout) as { function: string; self: number; total: number }[];
      const top = expected[type]?.top.slice(0, 5) ?? [];
      expect(rows.map((r) => r.self)).toEqual(top.map((t) => t.flat));
      for (const row of rows) {
        const theirs = top.find((t) => t.name === row.function);
        if (theirs) expect(row.total).toBe(theirs.cum);
      }
      // Names agree wherever the flat values are distinct.
      rows.forEach((row, i) => {
        const ties = top.filter((t) => t.flat === row.self);
        expect(ties.map((t) => t.name)).toContain(row.function);
        if (ties.length === 1) expect(row.function).toBe(top[i]?.name);
      });
    }
    const human = kiln(['top', id, '--db', db]);
    expect(human.stdout.split('\n')[0]).toMatch(/SELF\s+SELF%\s+TOTAL\s+TOTAL%\s+FUNCTION/);
  });

  it('ls --json lists each item as a capture: service, start and where it comes from, duration, labels', () => {
    const gctrace = join(dir, 'gctrace.txt');
    writeFileSync(gctrace, readFileSync(join(FIXTURES, 'gc', 'go-gctrace', 'go119-gctrace.txt')));
    utimesSync(gctrace, new Date('2026-03-01T12:00:00Z'), new Date('2026-03-01T12:00:00Z'));
    expect(kiln(['import', 'test/fixtures/pprof/heap_1.pb.gz', gctrace, '--db', db]).code).toBe(0);
    const list = JSON.parse(kiln(['ls', '--db', db, '--json']).stdout) as Record<string, unknown>[];
    // go tool pprof -raw: "Time: 2026-11-24 02:07:59.305098612 +0000 UTC" and the main binary's mapping.
    const raw = spawnSync('go', ['tool', 'pprof', '-raw', 'test/fixtures/pprof/heap_1.pb.gz'], {
      encoding: 'utf8',
    }).stdout;
    const time = /^Time: (\S+) (\d\d:\d\d:\d\d)\.(\d+) \+0000 UTC$/m.exec(raw) as RegExpExecArray;
    const binary = /^Mappings\n1: \S+ (\S+)/m.exec(raw)?.[1] as string;
    const pprof = list.find((i) => i['format'] === 'pprof');
    expect(pprof).toMatchObject({ service: binary.slice(binary.lastIndexOf('/') + 1), timeSource: 'file', labels: {} });
    const wallMs = Date.parse(`${time[1]}T${time[2]}Z`) + Number(`0.${time[3]}`) * 1000;
    expect(Math.abs((pprof?.['capturedAtMs'] as number) - wallMs)).toBeLessThan(0.001);
    // A Go gctrace has only times since the program started and is written as the program runs: anchored at the
    // file's modification time minus what it records, to its last line's end ("gc 116 @0.475s 4%: 0.037+11+0.062
    // ms clock": 475 + 11.099 ms).
    expect(list.find((i) => i['format'] === 'go-gctrace')).toMatchObject({
      service: null,
      capturedAtMs: Date.parse('2026-03-01T12:00:00Z') - 486.099,
      durationNs: 486_099_000,
      timeSource: 'estimated',
      labels: {},
    });
    for (const item of list) expect(Object.keys(item)).toEqual(expect.arrayContaining(['id', 'kind', 'durationNs']));
    expect(kiln(['ls', '--db', db]).stdout).toMatch(/SERVICE[\s\S]*2026-03-01T11:59:59\.51[34]Z \(estimated\)/);
  });

  it('filters stacks before ranking: a hidden leaf gives its value to its caller, focus keeps only its stacks', () => {
    kiln(['import', 'test/fixtures/pprof/cpu_1.pb.gz', '--db', db]);
    const top = (filter?: string) =>
      JSON.parse(
        kiln([
          'top',
          '1',
          '--type',
          'cpu',
          '--limit',
          '500',
          '--db',
          db,
          '--json',
          ...(filter ? ['--filter', filter] : []),
        ]).stdout,
      ) as { function: string; self: number; total: number }[];
    const all = top();
    const find = (rows: typeof all, name: string) => rows.find((r) => r.function === name);
    const block = find(all, 'crypto/sha256.block');
    const write = find(all, 'crypto/sha256.(*digest).Write');
    expect(block?.self).toBe(500_000_000);

    const hidden = top('hide:crypto/sha256%5C.block');
    expect(find(hidden, 'crypto/sha256.block')).toBeUndefined();
    expect(find(hidden, 'crypto/sha256.(*digest).Write')?.self).toBe((write?.self ?? 0) + (block?.self ?? 0));
    expect(hidden.reduce((sum, r) => sum + r.self, 0)).toBe(all.reduce((sum, r) => sum + r.self, 0));

    const focused = top('focus:sha256%5C.block');
    expect(focused.reduce((sum, r) => sum + r.self, 0)).toBe(block?.total);
    expect(find(focused, 'crypto/sha256.block')?.total).toBe(block?.total);

    const bad = kiln(['top', '1', '--filter', 'squash:x', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/filters/);
  });

  it('keeps one profile when the same bytes are imported twice', () => {
    const first = JSON.parse(kiln(['import', 'test/fixtures/pprof/cpu_1.pb.gz', '--db', db, '--json']).stdout);
    const again = JSON.parse(kiln(['import', 'test/fixtures/pprof/cpu_1.pb.gz', '--db', db, '--json']).stdout);
    expect(again.imported[0].id).toBe(first.imported[0].id);
    expect(countRows(db).items).toBe(1);
  });

  it('exits 1 when a file fails, still imports the others, and writes nothing for the failure', () => {
    const hostile = join(dir, 'junk.pb.gz');
    writeFileSync(hostile, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xff, 0x00]));
    const empty = join(dir, 'empty.prof');
    writeFileSync(empty, '');
    kiln(['import', 'test/fixtures/pprof/cpu_1.pb.gz', '--db', db]);
    const before = countRows(db);

    const run = kiln(['import', hostile, empty, 'test/fixtures/pprof/heap_1.pb.gz', '--db', db, '--json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.imported.map((i: { file: string }) => i.file)).toEqual(['test/fixtures/pprof/heap_1.pb.gz']);
    expect(report.errors.map((e: { file: string }) => e.file)).toEqual([hostile, empty]);
    expect(report.errors[0].message).toMatch(/junk\.pb\.gz.*gzip/);
    expect(report.errors[1].message).toMatch(/empty\.prof.*empty/);

    const after = countRows(db);
    expect(after['items']).toBe((before['items'] ?? 0) + 1);
    const onlyHostile = kiln(['import', hostile, '--db', db]);
    expect(onlyHostile.code).toBe(1);
    expect(onlyHostile.stderr).toMatch(/^error: .*junk\.pb\.gz/m);
    expect(countRows(db)).toEqual(after);
  });

  it('imports a stack 20,000 frames deep and answers queries on it', () => {
    const deep = join(dir, 'deep.folded');
    const frames = Array.from({ length: 20_000 }, (_, i) => `level${i % 7}_${i}`);
    writeFileSync(deep, `${frames.join(';')} 3\n${frames.slice(0, 10).join(';')} 2\n`);
    const run = kiln(['import', deep, '--db', db, '--json']);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).imported[0].totals).toEqual([5]);
    const top = JSON.parse(kiln(['top', '1', '--limit', '2', '--db', db, '--json']).stdout);
    expect(top).toEqual([
      { function: 'level0_19999', file: '', self: 3, total: 3 },
      { function: 'level2_9', file: '', self: 2, total: 5 },
    ]);
  });

  it('reports GC logs, heap snapshots and multi-item recordings with their own totals', () => {
    const files = [
      'test/fixtures/gc/go-gctrace/go-service.gctrace.stderr.txt',
      'test/fixtures/heapsnapshot/leaky-things-1000x1024.heapsnapshot.gz',
      'test/fixtures/jfr/java-churn.jfr',
    ];
    const run = kiln(['import', ...files, '--db', db, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    const gcExpected = JSON.parse(readFileSync(join(FIXTURES, 'gc', 'expected.json'), 'utf8')).files[
      'go-gctrace/go-service.gctrace.stderr.txt'
    ];
    const gc = report.imported.find((i: { file: string }) => i.file === files[0]);
    expect(gc).toMatchObject({ format: 'go-gctrace', kind: 'gc-log', sampleTypes: [] });
    expect(gc.totals.gcEvents).toBe(gcExpected.pauseEvents);
    expect(gc.totals.totalPauseMs).toBeCloseTo(gcExpected.totalPauseNs / 1e6, 6);

    const heap = report.imported.find((i: { file: string }) => i.file === files[1]);
    expect(heap).toMatchObject({ format: 'heapsnapshot', kind: 'heap-snapshot' });
    expect(heap.totals.nodes).toBeGreaterThan(1000);
    expect(heap.totals.selfSize).toBeGreaterThan(1000 * 1024);

    // A JFR recording is several items: CPU samples, allocations, its GC events.
    const jfrExpected = JSON.parse(readFileSync(join(FIXTURES, 'jfr', 'expected.json'), 'utf8'));
    const jfr = report.imported.filter((i: { file: string }) => i.file === files[2]);
    expect(jfr.map((i: { item: string; kind: string }) => [i.item, i.kind])).toEqual([
      ['CPU (execution samples)', 'cpu'],
      ['Native methods (native method samples)', 'cpu'],
      ['Allocations', 'allocations'],
      ['GC', 'gc-log'],
    ]);
    const counts = jfrExpected.fixtures['java-churn.jfr'].summary.counts as Record<string, number>;
    expect(jfr[0].totals[0]).toBe(counts['jdk.ExecutionSample']);
    expect(jfr[2].totals[0]).toBe(counts['jdk.ObjectAllocationSample']);
    expect(jfr[3].totals.gcEvents).toBe(counts['jdk.GarbageCollection']);

    const top = kiln(['top', String(gc.id), '--db', db]);
    expect(top.code).toBe(1);
    expect(top.stderr).toMatch(/is a GC log; it has no call stacks/);
  });

  it('exits 2 on bad usage', () => {
    expect(kiln(['import', '--db', db]).code).toBe(2);
    expect(kiln(['frobnicate']).code).toBe(2);
    expect(kiln(['ls', '--bogus']).code).toBe(2);
    expect(kiln(['top', 'abc', '--db', db]).code).toBe(2);
    expect(kiln([]).code).toBe(2);
  });

  it('explains an unknown profile id or sample type', () => {
    kiln(['import', 'test/fixtures/pprof/cpu_1.pb.gz', '--db', db]);
    const missing = kiln(['top', '42', '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no item with id 42/);
    const badType = kiln(['top', '1', '--type', 'alloc_space', '--db', db]);
    expect(badType.code).toBe(1);
    expect(badType.stderr).toMatch(/samples\/count, cpu\/nanoseconds/);
  });

  it('uses KILN_DB when --db is not given', () => {
    const run = kiln(['import', join(FIXTURES, 'pprof', 'cpu_1.pb.gz')], { KILN_DB: db });
    expect(run.code).toBe(0);
    expect(countRows(db).items).toBe(1);
  });
});
