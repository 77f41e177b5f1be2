/**
 * `kiln gc` on real programs that switch to an allocation-heavy phase mid-run (issue 13, item 4):
 * - JvmPhase.java (run by the source launcher under -XX:+UseSerialGC, -Xmx64m -Xmn8m so young collections come
 *   often, with -Xlog:gc* and a JFR recording): 8 s at 6.4 MiB/s, then 8 s of `render` at 160 MiB/s. It prints the
 *   wall-clock ms of its switch. The oracle for the count is gc.log itself, read with the test's own regular
 *   expression: the distinct GC ids with a timed "Pause" line (under Serial every collection is one pause).
 * - gophase.go under GODEBUG=gctrace=1: 3 s quiet, 3 s heavy; it prints the runtime's own count of cycles
 *   (runtime.MemStats.NumGC) and its switch time.
 * Both logs are imported with `kiln import --service`; the JVM's log carries no pid decoration, so its JFR
 * recording's GC item is told to be the same process by its collections landing at the same instants.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, GcWindows } from '../../shared/ipc/memory-contract';
import { installed, kiln, kilnJson, ROOT, type ListedItem } from '../timeline-producers/support';

const HERE = join(ROOT, 'test', 'memory-producers');
const QUIET_MS = 8000;
const HEAVY_MS = 8000;
const javaMissing = !installed('java', ['-version']);
const goMissing = !installed('go', ['version']);

/** The wall clock of a unified-logging `time` decoration ("2026-12-07T05:18:56.543+0000"), in ms. */
function decoratedMs(time: string): number {
  return Date.parse(time.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
}

/** A program's "NAME <number>" line on stdout. */
function printed(stdout: string, name: string): number {
  const m = new RegExp(`^${name} (\\d+)$`, 'm').exec(stdout);
  if (!m) throw new Error(`no "${name}" line in ${JSON.stringify(stdout)}`);
  return Number(m[1]);
}

/** Mean allocation rate of the windows wholly before (or after) an instant, bytes/s. */
function meanRate(result: GcWindows, keep: (w: { startMs: number; endMs: number }) => boolean): number {
  const rates = result.windows.filter(keep).map((w) => w.allocationRate);
  expect(rates.length).toBeGreaterThan(0);
  expect(rates.every((r) => r !== null)).toBe(true);
  return (rates as number[]).reduce((s, r) => s + r, 0) / rates.length;
}

describe(`kiln gc on a JVM that switches to an allocation-heavy phase${javaMissing ? ' (skipped: java not installed)' : ''}`, () => {
  let dir: string;
  let db: string;
  let log: string;
  let switchMs: number;

  beforeAll(() => {
    if (javaMissing) return;
    dir = mkdtempSync(join(tmpdir(), 'kiln-jvm-phase-'));
    db = join(dir, 'kiln.db');
    log = join(dir, 'gc.log');
    const run = spawnSync(
      'java',
      [
        '-Xmx64m',
        '-Xmn8m',
        '-XX:+UseSerialGC',
        `-XX:StartFlightRecording=filename=${join(dir, 'rec.jfr')},settings=profile`,
        `-Xlog:gc*:file=${log}:uptime,time,level,tags`,
        join(HERE, 'JvmPhase.java'),
        String(QUIET_MS),
        String(HEAVY_MS),
      ],
      { cwd: dir, encoding: 'utf8', timeout: 60_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    switchMs = printed(run.stdout, 'switch');
    const imported = kiln(db, ['import', '--quiet', '--service', 'jvm-phase', log, join(dir, 'rec.jfr')]);
    expect(imported.code, imported.stderr).toBe(0);
  }, 90_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The log's collections by its own lines: id → pause start (the line's `time` less its duration), ms. */
  function logPauses(): Map<number, number> {
    const pauses = new Map<number, number>();
    for (const m of readFileSync(log, 'utf8').matchAll(
      /^\[([^\]]+)\]\[[\d.]+s\].*GC\((\d+)\) Pause .* ([\d.]+)ms$/gm,
    )) {
      pauses.set(Number(m[2]), decoratedMs(m[1] as string) - Number(m[3]));
    }
    return pauses;
  }

  it.skipIf(javaMissing)('counts every collection of the log once, the JFR’s as the same process', () => {
    const result = kilnJson<GcWindows>(db, ['gc', 'jvm-phase']);
    const pauses = logPauses();
    expect(pauses.size).toBeGreaterThan(50);
    expect(result.total.events).toBe(pauses.size);
    expect(result.windows).toHaveLength(10);
    expect(result.windows.reduce((s, w) => s + w.events, 0)).toBe(pauses.size);
    const text = result.logs.find((l) => l.format === 'jvm-unified');
    const jfr = result.logs.find((l) => l.format === 'jfr');
    expect(text?.sameProcessAs).toBeNull();
    expect(jfr?.sameProcessAs).toBe(text?.itemId);
  });

  it.skipIf(javaMissing)('finds the GC frequency and allocation rate rise at the program’s switch', () => {
    const result = kilnJson<GcWindows>(db, ['gc', 'jvm-phase']);
    const windowMs = (result.total.endMs - result.total.startMs) / result.windows.length;
    const frequency = result.changes.find((c) => c.measure === 'frequency');
    expect(frequency, JSON.stringify(result.changes)).toBeDefined();
    expect(Math.abs(frequency!.atMs - switchMs)).toBeLessThanOrEqual(Math.max(1000, windowMs));
    expect(frequency!.after).toBeGreaterThan(3 * frequency!.before);
    const allocation = result.changes.find((c) => c.measure === 'allocation-rate');
    expect(allocation, JSON.stringify(result.changes)).toBeDefined();
    expect(Math.abs(allocation!.atMs - switchMs)).toBeLessThanOrEqual(Math.max(1000, windowMs));
    // The program allocates 25 times faster after the switch; Kiln's levels from the log's heap numbers.
    expect(allocation!.after).toBeGreaterThan(5 * allocation!.before);
    const before = meanRate(result, (w) => w.endMs <= switchMs);
    const after = meanRate(result, (w) => w.startMs >= switchMs);
    expect(after).toBeGreaterThan(5 * before);
    // The table says it in a sentence.
    const table = kiln(db, ['gc', 'jvm-phase']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^GC frequency rose from [\d.]+\/s to [\d.]+\/s at \d\d:\d\d:\d\d UTC/m);
  });

  it.skipIf(javaMissing)(
    'kiln findings names the GC change at the switch and the method that allocates after it',
    () => {
      const { findings } = kilnJson<{ findings: Finding[] }>(db, ['findings', 'jvm-phase']);
      const change = findings.find((f) => f.kind === 'gc-change');
      expect(change, JSON.stringify(findings.map((f) => f.title))).toBeDefined();
      expect(change!.title).toMatch(/^GC frequency rose from [\d.]+\/s to [\d.]+\/s at \d\d:\d\d:\d\d UTC/);
      const link = change!.link as { view: string; atMs: number };
      expect(link.view).toBe('gc');
      expect(Math.abs(link.atMs - switchMs)).toBeLessThanOrEqual(1000);
      // The JFR's allocation samples, cut at the change: after it the program allocates only in render.
      expect(change!.title).toMatch(/\d+(\.\d)?% of the new allocation from JvmPhase\.render$/);
      const share = Number(/(\d+(?:\.\d)?)% of the new allocation/.exec(change!.title)?.[1]);
      expect(share).toBeGreaterThanOrEqual(90);
      expect(change!.wrongIf).toMatch(/^wrong if /);
      // Nothing in this program grows in memory: no leak is claimed.
      expect(findings.filter((f) => f.kind === 'leak')).toEqual([]);
    },
  );

  it.skipIf(javaMissing)('agrees with the JFR recording’s GC events on the same wall clock', () => {
    const items = kilnJson<ListedItem[]>(db, ['ls']);
    const text = items.find((item) => item.format === 'jvm-unified')!;
    const jfr = items.find((item) => item.format === 'jfr' && item.kind === 'gc-log')!;
    const starts = [...logPauses().values()].sort((a, b) => a - b);
    // A window inside the heavy phase whose edges fall midway between two of the log's collections, so neither
    // source's clock (within 2 ms of the other's) can move a collection across an edge.
    const first = starts.findIndex((t) => t > switchMs + 500);
    const last = starts.length - 2;
    const from = Math.floor((starts[first - 1]! + starts[first]!) / 2);
    const to = Math.floor((starts[last]! + starts[last + 1]!) / 2);
    const expected = starts.filter((t) => t >= from && t < to).length;
    expect(expected).toBeGreaterThan(50);
    for (const item of [text, jfr]) {
      const result = kilnJson<GcWindows>(db, ['gc', `${item.id}@${from}..${to}`]);
      expect(result.total.events, item.format).toBe(expected);
    }
    // The recording starts after the JVM: it misses at most the collections before it, all in the quiet phase.
    const whole = kilnJson<GcWindows>(db, ['gc', String(jfr.id)]);
    const quiet = starts.filter((t) => t < switchMs).length;
    expect(whole.total.events).toBeLessThanOrEqual(starts.length);
    expect(whole.total.events).toBeGreaterThanOrEqual(starts.length - quiet);
    const frequency = whole.changes.find((c) => c.measure === 'frequency');
    expect(Math.abs(frequency!.atMs - switchMs)).toBeLessThanOrEqual(1000);
  });
});

describe(`kiln gc on a Go program's gctrace${goMissing ? ' (skipped: go not installed)' : ''}`, () => {
  let dir: string;

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(goMissing)(
    'counts the runtime’s own number of cycles and finds the switch',
    () => {
      dir = mkdtempSync(join(tmpdir(), 'kiln-go-phase-'));
      const binary = join(dir, 'gophase');
      const built = spawnSync('go', ['build', '-o', binary, join(HERE, 'gophase.go')], {
        env: { ...process.env, GO111MODULE: 'off' },
        encoding: 'utf8',
      });
      expect(built.status, built.stderr).toBe(0);
      const run = spawnSync(binary, ['3000', '3000'], {
        env: { ...process.env, GODEBUG: 'gctrace=1', GOMAXPROCS: '2' },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.status, run.stderr).toBe(0);
      const trace = join(dir, 'gophase.gctrace.txt');
      writeFileSync(trace, run.stderr);
      const db = join(dir, 'kiln.db');
      expect(kiln(db, ['import', '--quiet', '--service', 'gophase', trace]).code).toBe(0);
      const result = kilnJson<GcWindows>(db, ['gc', 'gophase']);
      expect(result.total.events).toBe(printed(run.stdout, 'numgc'));
      const frequency = result.changes.find((c) => c.measure === 'frequency');
      expect(frequency, JSON.stringify(result.changes)).toBeDefined();
      expect(frequency!.after).toBeGreaterThan(3 * frequency!.before);
      const allocation = result.changes.find((c) => c.measure === 'allocation-rate');
      expect(allocation!.after).toBeGreaterThan(5 * allocation!.before);
      // gctrace states no wall clock: Kiln places the log by the file's modification time (timeSource estimated),
      // written as the program ended, so the switch lands within a second of the program's own clock.
      expect(Math.abs(frequency!.atMs - printed(run.stdout, 'switch'))).toBeLessThanOrEqual(1000);
    },
    60_000,
  );
});
