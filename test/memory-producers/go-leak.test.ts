/**
 * `kiln leaks` on a real Go service (go-leak/main.go) under a load generator of its own (250 POSTs/s of 24 KiB over
 * net/http), run twice at once for ~20 s with `GODEBUG=gctrace=1`, a heap profile every 2 s (runtime/pprof, after a
 * runtime.GC as /debug/pprof/heap?gc=1 does):
 * - `-mode leak` keeps every payload in an unbounded map (main.addEntry);
 * - `-mode lru` keeps them in an LRU of 1,600 entries (main.cachePut), full about a third into the run;
 * - both hold a table built once at start (main.buildTable), the control.
 * The oracle is the program's own log: entries held at each capture, and the capture at which the LRU was first full.
 * Kiln must call the leak growing and first, the LRU a plateau levelled at the capture the log says it filled (±1), the
 * table stable in both, nothing else growing in the LRU run; and the gctrace logs import as GC logs with one event per
 * `gc N @` line.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installed, kiln, kilnJson, run, type ListedItem } from '../timeline-producers/support';
import type { Finding } from '../../shared/ipc/memory-contract';

const missing = installed('go', ['version']) ? '' : ' (skipped: go is not installed)';
const PAYLOAD = 24 * 1024;
const CAPACITY = 1600;

interface LeaksJson {
  rows: {
    function: string;
    verdict: string;
    slope: number;
    r2: number;
    first: number;
    last: number;
    series: number[];
    levelledAt: number | null;
    noiseBand: number;
  }[];
  captures: { itemId: number; atMs: number }[];
  sampleType: { type: string; unit: string };
}

interface Truth {
  /** Entries held at each capture, in capture order. */
  entries: number[];
  files: string[];
  /** The first capture at which the LRU was at capacity (-1: never). */
  full: number;
}

/** Runs the program in one mode; its stdout is the truth, its stderr (gctrace) goes to DIR/gc.log. */
function runMode(binary: string, dir: string, args: string[]): Promise<Truth> {
  mkdirSync(dir, { recursive: true });
  const log = openSync(join(dir, 'gc.log'), 'w');
  const child = spawn(binary, [...args, '-out', dir, '-duration', '20s', '-interval', '2s'], {
    env: { ...process.env, GODEBUG: 'gctrace=1' },
    stdio: ['ignore', 'pipe', log],
  });
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      closeSync(log);
      if (code !== 0) return reject(new Error(`${args.join(' ')} exited ${code}`));
      const captures = [...stdout.matchAll(/^capture (\d+) (\S+) entries (\d+)/gm)];
      const full = /^full (\d+)$/m.exec(stdout);
      resolve({
        entries: captures.map((m) => Number(m[3])),
        files: captures.map((m) => m[2] as string),
        full: full ? Number(full[1]) : -1,
      });
    });
  });
}

describe(`kiln leaks on a Go service that leaks and the same with a bounded LRU${missing}`, () => {
  let dir: string;
  let db: string;
  let leak: Truth;
  let lru: Truth;

  beforeAll(async () => {
    if (missing) return;
    dir = mkdtempSync(join(tmpdir(), 'kiln-go-leak-'));
    db = join(dir, 'kiln.db');
    const binary = join(dir, 'goleak');
    const built = run('go', ['build', '-o', binary, '.'], join(__dirname, 'go-leak'));
    if (built.code !== 0) throw new Error(`go build failed: ${built.stderr}`);
    // Both runs at once: two cores, a light load each (250 requests/s), so the test takes one run's time.
    [leak, lru] = await Promise.all([
      runMode(binary, join(dir, 'leak'), ['-mode', 'leak']),
      runMode(binary, join(dir, 'lru'), ['-mode', 'lru', '-capacity', String(CAPACITY)]),
    ]);
    for (const [service, truth, sub] of [
      ['go-leak', leak, 'leak'],
      ['go-lru', lru, 'lru'],
    ] as const) {
      const imported = kiln(db, ['import', '--quiet', '--service', service, ...truth.files, join(dir, sub, 'gc.log')]);
      if (imported.code !== 0) throw new Error(`import failed: ${imported.stderr}`);
    }
  }, 90_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(missing !== '')('the program did what it says: the leak keeps growing, the LRU fills a third in', () => {
    expect(leak.entries.length).toBeGreaterThanOrEqual(9);
    for (let i = 1; i < leak.entries.length; i++)
      expect(leak.entries[i]).toBeGreaterThan(leak.entries[i - 1] as number);
    expect(lru.full).toBeGreaterThanOrEqual(1);
    expect(lru.full).toBeLessThanOrEqual(lru.entries.length / 2);
    expect(lru.entries.slice(lru.full).every((n) => n === CAPACITY)).toBe(true);
  });

  it.skipIf(missing !== '')('imports the gctrace logs as GC logs, one event per `gc N @` line', () => {
    const items = kilnJson<ListedItem[]>(db, ['ls']);
    for (const [service, sub] of [
      ['go-leak', 'leak'],
      ['go-lru', 'lru'],
    ] as const) {
      const logs = items.filter((item) => item.service === service && item.kind === 'gc-log');
      expect(logs.map((item) => item.format)).toEqual(['go-gctrace']);
      const lines = readFileSync(join(dir, sub, 'gc.log'), 'utf8').match(/^gc \d+ @/gm) ?? [];
      expect(lines.length).toBeGreaterThan(0);
      expect(logs[0]?.gc?.gcEvents).toBe(lines.length);
    }
  });

  it.skipIf(missing !== '')('calls the unbounded map growing and first, the table stable', () => {
    const result = kilnJson<LeaksJson>(db, ['leaks', 'go-leak']);
    expect(result.sampleType).toEqual({ type: 'inuse_space', unit: 'bytes' });
    expect(result.captures).toHaveLength(leak.entries.length);
    const top = result.rows[0];
    expect(top?.function).toBe('main.addEntry');
    expect(top?.verdict).toBe('growing');
    expect(top?.series).toHaveLength(leak.entries.length);
    expect(top?.slope).toBeGreaterThan(0);
    // The sampled estimate of what the map holds is the program's count × payload, within the stated band.
    leak.entries.forEach((entries, i) => {
      expect(Math.abs((top?.series[i] as number) - entries * PAYLOAD)).toBeLessThanOrEqual(top?.noiseBand as number);
    });
    expect(result.rows.find((r) => r.function === 'main.buildTable')?.verdict).toBe('stable');
    expect(result.rows.filter((r) => r.verdict === 'growing').map((r) => r.function)).toEqual(['main.addEntry']);
  });

  it.skipIf(missing !== '')('calls the LRU a plateau levelled where the program filled it, and nothing growing', () => {
    const result = kilnJson<LeaksJson>(db, ['leaks', 'go-lru']);
    expect(result.captures).toHaveLength(lru.entries.length);
    const cache = result.rows.find((r) => r.function === 'main.cachePut');
    expect(cache?.verdict).toBe('plateau');
    expect(Math.abs((cache?.levelledAt as number) - lru.full)).toBeLessThanOrEqual(1);
    expect(Math.abs((cache?.last as number) - CAPACITY * PAYLOAD)).toBeLessThanOrEqual(cache?.noiseBand as number);
    expect(result.rows.find((r) => r.function === 'main.buildTable')?.verdict).toBe('stable');
    expect(result.rows.filter((r) => r.verdict === 'growing')).toEqual([]);
  });

  it.skipIf(missing !== '')(
    'kiln findings calls the map a likely leak and the LRU a bounded cache, nothing else',
    () => {
      const leaking = kilnJson<{ findings: Finding[] }>(db, ['findings', 'go-leak']).findings;
      const first = leaking[0];
      expect(first?.kind).toBe('leak');
      expect(first?.subject).toBe('main.addEntry');
      expect(first?.title).toMatch(/^main\.addEntry grows [\d.]+ MiB\/min over \d+ s \(R² [01]\.\d\d\) — likely leak$/);
      expect(first?.evidence[0]).toContain(`across ${leak.entries.length} captures`);
      expect(first?.wrongIf).toMatch(/^wrong if /i);
      expect(leaking.filter((f) => f.kind === 'leak').map((f) => f.subject)).toEqual(['main.addEntry']);
      const bounded = kilnJson<{ findings: Finding[] }>(db, ['findings', 'go-lru']).findings;
      expect(bounded.filter((f) => f.kind === 'leak')).toEqual([]);
      const cache = bounded.find((f) => f.kind === 'cache' && f.subject === 'main.cachePut');
      expect(cache?.title).toMatch(
        new RegExp(
          `^main\\.cachePut levelled off at [\\d.]+ MiB from capture (${lru.full}|${lru.full + 1}|${lru.full + 2}) `,
        ),
      );
      expect(bounded.some((f) => f.subject === 'main.buildTable')).toBe(false);
    },
  );

  it.skipIf(missing !== '')('prints the ranking as a table with a sparkline', () => {
    const out = kiln(db, ['leaks', 'go-leak']);
    expect(out.code).toBe(0);
    const line = out.stdout.split('\n').find((l) => l.includes('main.addEntry')) ?? '';
    expect(line).toMatch(
      /^growing\s+main\.addEntry\s+[\d.]+ [KM]iB → [\d.]+ MiB\s+\+[\d.]+ MiB\/min\s+[01]\.\d\d\s+[▁-█]+/,
    );
  });
});
