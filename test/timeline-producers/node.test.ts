/**
 * Node as the producer: `node --expose-gc --cpu-prof --cpu-prof-dir=… --trace-gc node-churn.js 5 > gc.log`, both
 * files imported with `--service`. The producer forces 5 full collections with gc() (besides its churn's scavenges),
 * so the log's length does not depend on the machine's load. Neither file states a wall-clock start (the cpuprofile's times are the process's monotonic
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
/** The full collections node-churn.js forces with gc(); V8 logs each with this reason. */
const FORCED_GCS = 5;
const FORCED_REASON = 'testing; GC in old space requested';
/**
 * How far a file's mtime may trail the instant it was written: Linux stamps files from its coarse clock, which is
 * the real-time clock as of the last timer tick, never ahead of it and behind by at most one tick (10 ms at HZ=100,
 * the coarsest). V8's --trace-gc times are rounded to the ms (`%8.0f`), 0.5 ms each for a line and the last line,
 * and its pauses to 0.01 ms (`%.2f`).
 */
const MTIME_LAG_MS = 10;
const TRACE_GC_ROUNDING_MS = 0.5 + 0.5 + 0.005;

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
      [
        '--expose-gc',
        '--cpu-prof',
        `--cpu-prof-dir=${join(dir, 'prof')}`,
        '--trace-gc',
        join(__dirname, 'node-churn.js'),
        String(FORCED_GCS),
      ],
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
      // The bar, from start to start + duration, lies inside the run (Date.now() reads whole ms, so the run began at
      // or after ranFromMs and ended before ranToMs + 1). The start is the mtime less the recorded span: the
      // recording began after the spawn, and the mtime trails the write (after the recording's end) by at most
      // MTIME_LAG_MS; the end is the mtime, never ahead of the write, which came before the process exited ...
      expect(startMs).toBeGreaterThanOrEqual(ranFromMs - MTIME_LAG_MS);
      expect(endMs).toBeLessThan(ranToMs + 1);
      // ... and ends when the file was last written.
      expect(Math.abs(endMs - statSync(file).mtimeMs)).toBeLessThan(0.001);
    }
    const store = new ProfileStore(db);
    try {
      const events = store.gcEvents(gc?.id as number);
      expect(events).toHaveLength(gc?.gc?.gcEvents as number);
      for (const e of events) {
        // The log's start is its mtime less its last line's time (the isolate's start, within the mtime's lag and
        // the rounding of both lines); each pause ends no later than the last line's time, so before the mtime.
        const atMs = (gc?.capturedAtMs as number) + e.timeMs;
        expect(atMs).toBeGreaterThanOrEqual(ranFromMs - MTIME_LAG_MS - TRACE_GC_ROUNDING_MS);
        expect(atMs + e.pauseNs / 1e6).toBeLessThan(ranToMs + 1);
      }
    } finally {
      store.close();
    }
    const lines = readFileSync(log, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '');
    // Exactly the forced collections carry the forced reason; the churn's scavenges add a load-dependent number more.
    expect(lines.filter((line) => line.includes(FORCED_REASON))).toHaveLength(FORCED_GCS);
    expect(lines.length).toBeGreaterThanOrEqual(FORCED_GCS);
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
