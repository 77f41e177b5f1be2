/**
 * One clock for the items of a JFR recording: a phase change (CPU work without
 * allocation, then allocation churn) shows at the same wall-clock moment in
 * the allocation samples and in the GC events, and each series' times agree
 * with what the JDK's own `jfr` tool prints for the same events. GC event times
 * used to be JVM uptimes while samples counted from the recording's start, so
 * the same moment sat seconds apart on the two charts (16.4 s and 15.0 s).
 * Fixture: test/fixtures/jfr/kiln-phase-change.jfr (test/producers/jfr/record-phase-change.sh).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseFileBytes } from '../main/ingest/parse-bytes';
import { ProfileStore } from '../main/store/profile-store';
import type { GcLog } from '../shared/gc/model';
import type { Profile } from '../shared/profile/model';
import { FIXTURES_DIR, readFixture } from './fixtures/load-fixture';

const FILE = 'jfr/kiln-phase-change.jfr';
const PATH = `${FIXTURES_DIR}${FILE}`;

interface JfrEvent {
  type: string;
  values: {
    startTime: string;
    jvmStartTime?: string;
    stackTrace?: { frames: { method: { name: string } }[] } | null;
  };
}

/** Events as `jfr print --json` reads them (the JDK's reader, not Kiln's). */
function jfrEvents(types: string): JfrEvent[] {
  const json = execFileSync('jfr', ['print', '--json', '--events', types, PATH], {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  return (JSON.parse(json) as { recording: { events: JfrEvent[] } }).recording.events;
}

/** "2026-12-06T20:30:12.589032272Z" → ms since the epoch, with the ns kept as a fraction. */
function epochMs(iso: string): number {
  const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(iso);
  if (!match) throw new Error(`not an instant: ${iso}`);
  const fraction = (match[2] ?? '').padEnd(9, '0');
  return Date.parse(`${match[1]}Z`) + Number(fraction) / 1e6;
}

/** Wall-clock ms of the earliest sample with `method` on its stack (Kiln names it Class.method; allocation
 * samples add the allocated class as the leaf frame). */
function firstSampleInMs(profile: Profile, method: string): number {
  const { samples, stacks, frames, functions, strings } = profile;
  const nameOf = (stack: number): string =>
    strings[functions.name[frames.func[stacks.frame[stack] as number] as number] as number] ?? '';
  let first = Infinity;
  samples.stack.forEach((leaf, i) => {
    let onStack = false;
    for (let s = leaf; s >= 0 && !onStack; s = stacks.parent[s] as number) onStack = nameOf(s).endsWith(`.${method}`);
    const time = samples.timeNs?.[i];
    if (onStack && time !== undefined && time < first) first = time;
  });
  return (profile.startTimeMs as number) + first / 1e6;
}

describe('one clock for a JFR recording', () => {
  const items = parseFileBytes(readFixture(FILE), 'kiln-phase-change.jfr').items;
  const allocations = items.find((i) => i.name === 'Allocations');
  const gc = items.find((i) => i.type === 'gc-log');
  const profile = (allocations?.type === 'profile' ? allocations.profile : null) as Profile;
  const log = (gc?.type === 'gc-log' ? gc.gcLog : null) as GcLog;

  it('puts the first collection and the first churn allocation where the jfr tool does, on the wall clock', () => {
    const gcs = jfrEvents('jdk.GarbageCollection').map((e) => epochMs(e.values.startTime));
    const firstGcMs = Math.min(...gcs);
    const churn = jfrEvents('jdk.ObjectAllocationSample')
      .filter((e) => e.values.stackTrace?.frames[0]?.method.name === 'churn')
      .map((e) => epochMs(e.values.startTime));
    const firstChurnMs = Math.min(...churn);

    expect(log.startTimeMs).toBe(profile.startTimeMs);
    expect((log.startTimeMs as number) + (log.events[0]?.timeMs as number)).toBeCloseTo(firstGcMs, 3);
    expect(firstSampleInMs(profile, 'churn')).toBeCloseTo(firstChurnMs, 3);
    // The phase change: both series turn within the time it takes the churn to fill the young generation, far less
    // than the JVM's uptime at the recording's start, by which the GC chart used to be shifted.
    const [jvm] = jfrEvents('jdk.JVMInformation');
    const uptimeAtStartMs = (profile.startTimeMs as number) - epochMs(jvm?.values.jvmStartTime as string);
    const gapMs = Math.abs((log.events[0]?.timeMs as number) - (firstChurnMs - (profile.startTimeMs as number)));
    expect(gapMs).toBeLessThan(500);
    expect(uptimeAtStartMs).toBeGreaterThan(1000);
  });

  it('keeps that clock in the store: GC log and samples share the items start, read back', () => {
    const store = new ProfileStore(':memory:');
    try {
      const { ids } = store.addFile(
        { name: 'kiln-phase-change.jfr', source: PATH, contentHash: 'h-phase', byteSize: 1, format: 'jfr' },
        parseFileBytes(readFixture(FILE), 'kiln-phase-change.jfr').items,
      );
      const summaries = ids.map((id) => store.getProfile(id));
      expect(new Set(summaries.map((s) => s?.capturedAtMs))).toEqual(new Set([profile.startTimeMs]));
      expect(summaries.every((s) => s?.timeSource === 'file')).toBe(true);
      const gcId = ids[items.indexOf(gc as (typeof items)[number])] as number;
      expect(store.gcLog(gcId)?.startTimeMs).toBe(profile.startTimeMs);
      expect(store.gcEvents(gcId)[0]?.timeMs).toBe(log.events[0]?.timeMs);
    } finally {
      store.close();
    }
  });
});
