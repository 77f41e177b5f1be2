/**
 * A JVM as the producer: test/producers/jfr/KilnPhaseChange (CPU work, then allocation churn) run with
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

const MAIN_CLASS = 'KilnPhaseChange';
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
    const compiled = spawnSync('javac', ['-d', dir, join(ROOT, 'test', 'producers', 'jfr', `${MAIN_CLASS}.java`)]);
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
        '200',
        '600',
      ],
      { stdio: 'ignore', timeout: 60_000 },
    );
    ranToMs = Date.now();
    expect(result.status).toBe(0);
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
      expect(item.labels).toMatchObject({ pid: String(pid), 'java.command': `${MAIN_CLASS} 200 600` });
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
    for (const item of items) {
      expect(item.capturedAtMs).toBeGreaterThanOrEqual(ranFromMs);
      expect(item.capturedAtMs).toBeLessThan(ranToMs + 1);
    }
    // The producer's log is the oracle: one event per collection, each at its "Pause" line's time less its pause.
    const text = readFileSync(log, 'utf8');
    const pauses = [...text.matchAll(/^\[([^\]]+)\]\[([\d.]+)s\].*GC\((\d+)\) Pause .* ([\d.]+)ms$/gm)];
    expect(gcLog.gc?.gcEvents).toBe(pauses.length);
    expect(pauses.length).toBeGreaterThan(2);
    const store = new ProfileStore(db);
    try {
      const logEvents = store.gcEvents(gcLog.id).map((e) => (gcLog.capturedAtMs as number) + e.timeMs);
      const jfrEvents = store.gcEvents(jfrGc.id).map((e) => (jfrGc.capturedAtMs as number) + e.timeMs);
      expect(logEvents).toHaveLength(pauses.length);
      // Events are in start order; the lines in the order the pauses ended.
      const lineStarts = pauses.map((m) => decoratedMs(m[1] as string) - Number(m[4])).sort((a, b) => a - b);
      lineStarts.forEach((start, i) => {
        // The `time` decoration has ms precision.
        expect(Math.abs((logEvents[i] as number) - start)).toBeLessThan(2);
        expect(logEvents[i]).toBeGreaterThanOrEqual(ranFromMs);
        expect(logEvents[i]).toBeLessThan(ranToMs + 1);
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
