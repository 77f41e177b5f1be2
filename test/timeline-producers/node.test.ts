/**
 * Node as the producer: `node --cpu-prof --cpu-prof-dir=… --trace-gc node-churn.js > gc.log`, both files imported
 * with `--service`. Neither file states a wall-clock start (the cpuprofile's times are the process's monotonic
 * clock, --trace-gc's are ms since the isolate started), so Kiln anchors each at the file's modification time less
 * the span it records (timeSource "estimated"): both are written as the run ends (the profile at exit, the log's
 * last line after its last collection), so the profile's bar and the log's events fall inside the process's run,
 * as the test measures it, and each item's bar ends at its file's mtime. The producer's own log is the oracle for
 * the GC events: one event per line it wrote. The pid Kiln reads from the log's `[pid:0xisolate]` prefixes is the
 * process's, and the timeline places both captures in the service with no marker (one process, one pid).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileStore } from '../../main/store/profile-store';
import { kiln, kilnJson, type ListedItem, type Timeline } from './support';

const SERVICE = 'node-churn';

describe('node --cpu-prof and --trace-gc of one process', () => {
  let dir: string;
  let db: string;
  let profile: string;
  let log: string;
  let pid: number;
  let ranFromMs: number;
  let ranToMs: number;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-node-producer-'));
    db = join(dir, 'kiln.db');
    log = join(dir, 'gc.log');
    const out = openSync(log, 'w');
    ranFromMs = Date.now();
    const result = spawnSync(
      process.execPath,
      ['--cpu-prof', `--cpu-prof-dir=${join(dir, 'prof')}`, '--trace-gc', join(__dirname, 'node-churn.js')],
      { stdio: ['ignore', out, 'inherit'], timeout: 30_000 },
    );
    ranToMs = Date.now();
    closeSync(out);
    expect(result.status).toBe(0);
    pid = result.pid;
    const [name, ...others] = readdirSync(join(dir, 'prof'));
    expect(others).toEqual([]);
    profile = join(dir, 'prof', name as string);
    const imported = kiln(db, ['import', '--quiet', '--service', SERVICE, profile, log]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('puts the profile’s bar and the GC events inside the process’s run, and counts one GC event per line', () => {
    const items = kilnJson<ListedItem[]>(db, ['ls']);
    const cpu = items.find((item) => item.format === 'cpuprofile');
    const gc = items.find((item) => item.format === 'node-trace-gc');
    expect(items).toHaveLength(2);
    for (const [item, file] of [
      [cpu, profile],
      [gc, log],
    ] as const) {
      expect(item).toMatchObject({ service: SERVICE, timeSource: 'estimated' });
      const startMs = item?.capturedAtMs as number;
      const endMs = startMs + (item?.durationNs as number) / 1e6;
      expect(item?.durationNs).toBeGreaterThan(0);
      // The bar, from start to start + duration, lies inside the run (Date.now() reads whole ms) ...
      expect(startMs).toBeGreaterThanOrEqual(ranFromMs);
      expect(endMs).toBeLessThan(ranToMs + 1);
      // ... and ends when the file was last written.
      expect(Math.abs(endMs - statSync(file).mtimeMs)).toBeLessThan(0.001);
    }
    const store = new ProfileStore(db);
    try {
      const events = store.gcEvents(gc?.id as number);
      for (const e of events) {
        const atMs = (gc?.capturedAtMs as number) + e.timeMs;
        expect(atMs).toBeGreaterThanOrEqual(ranFromMs);
        expect(atMs + e.pauseNs / 1e6).toBeLessThan(ranToMs + 1);
      }
    } finally {
      store.close();
    }
    const lines = readFileSync(log, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '');
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.every((line) => line.startsWith(`[${pid}:0x`))).toBe(true);
    expect(gc?.gc?.gcEvents).toBe(lines.length);
    expect(gc?.labels).toEqual({ pid: String(pid) });
    expect(cpu?.kind).toBe('cpu');
    expect(gc?.kind).toBe('gc-log');
  });

  it('places both in the service on the timeline, with no marker', () => {
    const timeline = kilnJson<Timeline>(db, ['timeline']);
    const items = kilnJson<ListedItem[]>(db, ['ls']);
    expect(timeline.services).toHaveLength(1);
    expect(timeline.services[0]?.name).toBe(SERVICE);
    expect(new Set(timeline.services[0]?.captures.map((c) => c.id))).toEqual(new Set(items.map((item) => item.id)));
    for (const c of timeline.services[0]?.captures ?? [])
      expect(c.capturedAtMs).toBe(items.find((item) => item.id === c.id)?.capturedAtMs);
    expect(timeline.services[0]?.markers).toEqual([]);
  });
});
