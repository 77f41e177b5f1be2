/**
 * A JVM as the producer: test/timeline-producers/KilnGcProducer (4 rounds of CPU work and allocation churn, each ended
 * by System.gc(), so the number of collections does not depend on the machine's load) run with
 * `-XX:StartFlightRecording=filename=…` and `-Xlog:gc*:file=…:time,uptime,hostname,pid,tid,level,tags` (Kiln reads
 * the wall clock from `time`, the JVM's clock from `uptime`, and the labels host and pid from `hostname,pid,tid`).
 * - The JFR's service is the main class; a GC log names no service (Kiln derives none), so it is imported with
 *   `--service` to share the lane; both carry the JVM's pid, which is the process the test started.
 * - Both are on the wall clock the test measures: the recording and the log start within the process's lifetime,
 *   the log's GC events sit where its `time` decorations say, less the pause (a "Pause" line is written when the
 *   pause ends; Kiln stamps every GC event at its start, shared/gc/model.ts), and each JFR GC event
 *   (jdk.GarbageCollection startTime) lands at the same instant as the log's event of that collection.
 * - One process, one JVM version: no marker.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileStore } from '../../main/store/profile-store';
import { installed, kiln, kilnJson, ROOT, type ListedItem, type Timeline } from './support';

const MAIN_CLASS = 'KilnGcProducer';
/** The full collections the producer forces with System.gc(), one per round of ROUND_MS of churn. */
const FORCED_GCS = 4;
const ROUND_MS = 100;
const ARGS = [String(FORCED_GCS), String(ROUND_MS)];
/**
 * How far a log time Kiln derives may lie from the true instant: the `time` decoration is truncated to the ms
 * (`.%03d`), the `uptime` one rounded to it (`%.3fs`), and the log's start is a `time` less an `uptime`, so 1 + 0.5 ms.
 */
const DECORATION_ERROR_MS = 1.5;
const missing = ['java', 'javac'].filter((tool) => !installed(tool, ['-version']));
const skipMessage = missing.length > 0 ? ` (skipped: ${missing.join(', ')} not installed)` : '';

/** The wall clock a unified-logging `time` decoration states, in ms ("2026-12-07T05:18:56.543+0000"). */
function decoratedMs(time: string): number {
  return Date.parse(time.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
}

describe(`a JVM's JFR recording and -Xlog:gc* log${skipMessage}`, () => {
  let dir: string;
  let db: string;
  let jfr: string;
  let log: string;
  let pid: number;
  let ranFromMs: number;
  let ranToMs: number;

  beforeAll(() => {
    if (missing.length > 0) return;
    dir = mkdtempSync(join(tmpdir(), 'kiln-jvm-producer-'));
    db = join(dir, 'kiln.db');
    jfr = join(dir, 'recording.jfr');
    log = join(dir, 'gc.log');
    const compiled = spawnSync('javac', ['-d', dir, join(ROOT, 'test', 'timeline-producers', `${MAIN_CLASS}.java`)]);
    expect(compiled.status).toBe(0);
    ranFromMs = Date.now();
    const result = spawnSync(
      'java',
      [
        '-Xmx64m',
        '-XX:+UseSerialGC',
        `-XX:StartFlightRecording=filename=${jfr}`,
        `-Xlog:gc*:file=${log}:time,uptime,hostname,pid,tid,level,tags`,
        '-cp',
        dir,
        MAIN_CLASS,
        ...ARGS,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 },
    );
    ranToMs = Date.now();
    // The producer exits 1 (and says so on stderr) when fewer than FORCED_GCS collections ran.
    expect(result.status, String(result.stderr)).toBe(0);
    pid = result.pid;
    const recording = kiln(db, ['import', '--quiet', jfr]);
    expect(recording.stderr).toBe('');
    const gcLog = kiln(db, ['import', '--quiet', '--service', MAIN_CLASS, log]);
    expect(gcLog.stderr).toBe('');
  }, 90_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(missing.length > 0)('names the JFR’s service after the main class; the GC log names none', () => {
    const items = kilnJson<ListedItem[]>(db, ['ls']);
    const recording = items.filter((item) => item.format === 'jfr');
    // Which sample kinds a short run yields depends on what JFR caught; the GC events are always there.
    expect(recording.map((item) => item.kind)).toContain('gc-log');
    const jvmVersion = recording[0]?.labels['jvm.version'];
    expect(jvmVersion).toMatch(/^17\./);
    for (const item of recording) {
      expect(item).toMatchObject({ service: MAIN_CLASS, timeSource: 'file' });
      expect(item.labels).toMatchObject({ pid: String(pid), 'java.command': [MAIN_CLASS, ...ARGS].join(' ') });
    }
    const gc = items.find((item) => item.format === 'jvm-unified');
    expect(gc).toMatchObject({
      service: MAIN_CLASS,
      timeSource: 'file',
      labels: { pid: String(pid), host: hostname(), 'jvm.version': jvmVersion },
    });
    // Imported alone, without --service, the log names no service.
    const alone = join(dir, 'alone.db');
    expect(kiln(alone, ['import', '--quiet', log]).code).toBe(0);
    expect(kilnJson<ListedItem[]>(alone, ['ls']).map((item) => item.service)).toEqual([null]);
  });

  it.skipIf(missing.length > 0)('puts the recording, the log and their GC events on the wall clock of the run', () => {
    const items = kilnJson<ListedItem[]>(db, ['ls']);
    const gcLog = items.find((item) => item.format === 'jvm-unified') as ListedItem;
    const jfrGc = items.find((item) => item.format === 'jfr' && item.kind === 'gc-log') as ListedItem;
    // Date.now() reads whole ms, so the run began at or after ranFromMs and ended before ranToMs + 1. A JFR chunk
    // starts (in ns) after the JVM did; the log's start is the JVM's, within the decorations' error. (The JVM starts
    // well after the spawn in fact, once the launcher has loaded libjvm, but the bound does not rely on it.)
    for (const item of items) {
      expect(item.capturedAtMs).toBeGreaterThanOrEqual(ranFromMs - DECORATION_ERROR_MS);
      expect(item.capturedAtMs).toBeLessThan(ranToMs + 1);
    }
    // The producer's log is the oracle: one event per collection, each at its "Pause" line's time less its pause.
    const text = readFileSync(log, 'utf8');
    const pauses = [...text.matchAll(/^\[([^\]]+)\]\[([\d.]+)s\].*GC\((\d+)\) Pause .* ([\d.]+)ms$/gm)];
    expect(gcLog.gc?.gcEvents).toBe(pauses.length);
    // Exactly the forced collections say System.gc(); the churn adds a load-dependent number of young ones.
    expect(pauses.filter((m) => m[0].includes('Pause Full (System.gc())'))).toHaveLength(FORCED_GCS);
    expect(pauses.length).toBeGreaterThanOrEqual(FORCED_GCS);
    const store = new ProfileStore(db);
    try {
      const logEvents = store.gcEvents(gcLog.id).map((e) => (gcLog.capturedAtMs as number) + e.timeMs);
      const jfrEvents = store.gcEvents(jfrGc.id).map((e) => (jfrGc.capturedAtMs as number) + e.timeMs);
      expect(logEvents).toHaveLength(pauses.length);
      // Events are in start order; the lines in the order the pauses ended.
      const lineStarts = pauses.map((m) => decoratedMs(m[1] as string) - Number(m[4])).sort((a, b) => a - b);
      lineStarts.forEach((start, i) => {
        // Both sides come from the decorations (a `time` truncated, an `uptime` rounded to the ms): under 2 ms apart.
        expect(Math.abs((logEvents[i] as number) - start)).toBeLessThan(2);
        // A pause starts inside the run; Kiln's instant is the true one within the decorations' error.
        expect(logEvents[i]).toBeGreaterThanOrEqual(ranFromMs - DECORATION_ERROR_MS);
        expect(logEvents[i]).toBeLessThan(ranToMs + 1 + DECORATION_ERROR_MS);
      });
      // JFR starts after the JVM, so it may miss the first collections; each it has is one of the log's, at the
      // same instant within the log's decoration precision: both are the pause's start.
      expect(jfrEvents.length).toBeGreaterThan(0);
      for (const at of jfrEvents) expect(Math.min(...logEvents.map((l) => Math.abs(l - at)))).toBeLessThan(2);
    } finally {
      store.close();
    }
  });

  it.skipIf(missing.length > 0)('places the recording and the log in one service, with no marker', () => {
    const timeline = kilnJson<Timeline>(db, ['timeline']);
    expect(timeline.services.map((s) => s.name)).toEqual([MAIN_CLASS]);
    const items = kilnJson<ListedItem[]>(db, ['ls']);
    expect(timeline.services[0]?.captures.map((c) => c.id).sort((a, b) => a - b)).toEqual(
      items.map((item) => item.id).sort((a, b) => a - b),
    );
    expect(timeline.services[0]?.markers).toEqual([]);
  });
});
