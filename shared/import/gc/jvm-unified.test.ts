import { describe, expect, it } from 'vitest';
import { kindCounts, readGcFixture, readLogText, CORPUS_DIR, HAVE_CORPUS } from '../../../test/fixtures/gc-fixtures';
import type { GcEvent } from '../../gc/model';
import { importJvmUnified } from './jvm-unified';
import { DEFAULT_IMPORT_LIMITS } from '../limits';

const MiB = 2 ** 20;
const load = (name: string) => importJvmUnified(readGcFixture(`jvm-unified/${name}`), DEFAULT_IMPORT_LIMITS);
const pauses = (events: GcEvent[]) => events.filter((e) => e.pauseNs > 0);

describe('JVM unified logging: G1', () => {
  it('reads -Xlog:gc (JDK 9–11 names): kinds, causes, heap, the concurrent cycle', () => {
    const log = load('gcviewer__sample-ujl-g1-gc-defaults.txt');
    expect(log.format).toBe('jvm-unified');
    expect(log.collector).toBe('G1');
    expect(log.startTimeMs).toBeNull();
    expect(log.skippedLines).toBe(0);
    // "[0.202s] … GC(0) Pause Young … 6.529ms" is written when the pause ends: it started at 202 − 6.529 ms.
    expect(log.events[0]).toEqual({
      timeMs: 195.471,
      kind: 'young',
      generation: 'young',
      cause: 'G1 Evacuation Pause',
      pauseNs: 6_529_000,
      durationNs: null,
      heapBeforeBytes: 14 * MiB,
      heapAfterBytes: 12 * MiB,
      heapCapacityBytes: 128 * MiB,
    });
    expect(kindCounts(log)).toEqual({
      young: 5,
      'concurrent-start': 1,
      remark: 1,
      full: 1,
      cleanup: 1,
      'concurrent-cycle': 1,
      mixed: 1,
    });
    const cycle = log.events.find((e) => e.kind === 'concurrent-cycle');
    expect(cycle).toMatchObject({ timeMs: 294.537, pauseNs: 0, durationNs: 42_463_000, heapBeforeBytes: null });
    expect(log.events.find((e) => e.kind === 'full')).toMatchObject({
      cause: 'Allocation Failure',
      generation: 'both',
      pauseNs: 14_918_000,
      heapBeforeBytes: 128 * MiB,
      heapAfterBytes: 8 * MiB,
      heapCapacityBytes: 28 * MiB,
    });
    expect(log.events.find((e) => e.kind === 'cleanup')).toMatchObject({ pauseNs: 1_000, cause: null });
    // "[0.693s] … Pause Mixed … 2.790ms".
    expect(log.events.find((e) => e.kind === 'mixed')).toMatchObject({ generation: 'both', timeMs: 690.21 });
  });

  it('reads -Xlog:gc* with every tag: one event per timed pause and concurrent phase, none for gc,start lines', () => {
    const log = load('gcviewer__sample-ujl-g1-gc-all_safepoint_os_cpu.txt');
    expect(pauses(log.events)).toHaveLength(13);
    expect(kindCounts(log)).toMatchObject({ young: 10, 'concurrent-start': 1, remark: 1, cleanup: 1 });
    // Nested concurrent phases are all kept, as the log times them.
    expect(log.events.filter((e) => e.kind === 'concurrent-mark')).toEqual([
      // "[0.312s] … GC(6) Concurrent Mark 13.627ms": the phase started 13.627 ms before its line.
      expect.objectContaining({ timeMs: 298.373, durationNs: 13_627_000, pauseNs: 0 }),
    ]);
    expect(log.events.find((e) => e.kind === 'concurrent-mark-from-roots')?.durationNs).toBe(13_574_000);
  });

  it('reads a fresh JDK 17 log (uptime,time,level,tags): JDK 12+ young types, startTimeMs from the first line', () => {
    const log = load('jdk17-g1.log');
    expect(log.collector).toBe('G1');
    expect(log.startTimeMs).toBe(Date.UTC(2026, 10, 24, 5, 2, 55, 96) - 5);
    // "[…55.525+0000][0.434s] … GC(0) Pause Young … 9.191ms".
    expect(log.events[0]).toMatchObject({
      timeMs: 424.809,
      kind: 'young',
      cause: 'G1 Evacuation Pause',
      pauseNs: 9_191_000,
      heapBeforeBytes: 6 * MiB,
      heapAfterBytes: 3 * MiB,
    });
    expect(log.events.find((e) => e.kind === 'full')).toMatchObject({ cause: 'System.gc()', timeMs: 864 - 11.539 });
    expect(log.events.find((e) => e.kind === 'concurrent-start')).toMatchObject({
      generation: 'young',
      cause: 'G1 Evacuation Pause',
    });
    expect(log.events.find((e) => e.kind === 'concurrent-mark-cycle')?.durationNs).toBe(20_965_000);
    expect(log.skippedLines).toBe(0);
  });

  it('reads the [time][uptimemillis] decorations of JDK 17 (GCViewer sample)', () => {
    const log = load('gcviewer__sample-ujl-jdk17-full-concurrent-cycle-g1-gc-all-safepont_os-cpu.txt');
    expect(log.startTimeMs).toBe(Date.UTC(2022, 0, 29, 16, 34, 51, 642) - 233);
    // The cycle opened at "[233ms] GC(5) Concurrent Mark Cycle" and its timed line is "[311ms] … 77.704ms": it
    // comes first, started within the 233 ms decoration; its first phase ends at "[234ms] … 0.443ms".
    expect(log.events.slice(0, 2)).toEqual([
      expect.objectContaining({ timeMs: 233.296, kind: 'concurrent-mark-cycle', durationNs: 77_704_000 }),
      expect.objectContaining({ timeMs: 233.557, kind: 'concurrent-clear-claimed-marks', durationNs: 443_000 }),
    ]);
    expect(pauses(log.events).map((e) => e.kind)).toEqual([
      'young',
      'young',
      'young',
      'young',
      'remark',
      'young',
      'cleanup',
      'young',
      'young',
    ]);
  });
});

describe('JVM unified logging: Parallel, Serial, CMS', () => {
  it('reads Parallel pauses with their causes', () => {
    const log = load('gcviewer__sample-ujl-parallel-gc-defaults.txt');
    expect(log.collector).toBe('Parallel');
    expect(kindCounts(log)).toEqual({ young: 5, full: 6 });
    expect(log.events[2]).toMatchObject({ kind: 'full', cause: 'Ergonomics', pauseNs: 13_765_000, timeMs: 214.235 }); // "[0.228s] … 13.765ms"
  });

  it('reads timemillis/uptimemillis decorations (fresh JDK 17 Parallel log)', () => {
    const log = load('jdk17-parallel-millis.log');
    expect(log.startTimeMs).toBe(1795496580231 - 4);
    expect(log.events[0]).toMatchObject({
      timeMs: 1116.358, // "[1125ms] … GC(0) Pause Young … 8.642ms"
      kind: 'young',
      cause: 'Allocation Failure',
      pauseNs: 8_642_000,
    });
    expect(log.collector).toBe('Parallel');
  });

  it('places events by the wall clock when there is no uptime decoration', () => {
    const log = load('jdk17-serial-time.log');
    const first = Date.UTC(2026, 10, 24, 5, 3, 1, 546);
    expect(log.startTimeMs).toBe(first);
    expect(log.events[0]).toMatchObject({
      // "[…05:03:02.481+0000] … 17.039ms": 935 ms after the first line, less the pause.
      timeMs: Date.UTC(2026, 10, 24, 5, 3, 2, 481) - first - 17.039,
      kind: 'young',
      pauseNs: 17_039_000,
    });
    expect(log.collector).toBe('Serial');
  });

  it('keeps a full pause nested in a young pause (Serial, JDK 9–11) once', () => {
    const log = load('gcviewer__sample-ujl-serial-gc-defaults.txt');
    // GC(3) Pause Full 7.097ms ran inside GC(2) Pause Young 7.236ms, both lines at 0.293s: the young pause
    // started first (293 − 7.236 ms), the full one 0.139 ms later (293 − 7.097 ms).
    expect(log.events.slice(2, 4)).toEqual([
      expect.objectContaining({ timeMs: 285.764, kind: 'young', pauseNs: 139_000 }),
      expect.objectContaining({ timeMs: 285.903, kind: 'full', pauseNs: 7_097_000 }),
    ]);
    expect(pauses(log.events).reduce((sum, e) => sum + e.pauseNs, 0)).toBe(66_124_000);
  });

  it('reads CMS: initial mark and remark pauses, concurrent phases, the nested full pause', () => {
    const log = load('gcviewer__sample-ujl-cms-gc-all_safepoint_os_cpu.txt');
    expect(log.collector).toBe('CMS');
    expect(log.events.find((e) => e.kind === 'initial-mark')).toMatchObject({ pauseNs: 165_000, cause: null });
    expect(log.events.find((e) => e.kind === 'concurrent-sweep')).toMatchObject({ durationNs: 817_000 });
    // "[0.324s] GC(5) Pause Full … 9.509ms" inside "[0.324s] GC(4) Pause Young … 9.590ms", whose start line
    // says 0.315s: the young pause starts at 324 − 9.590 ms, the full one at 324 − 9.509 ms.
    const full = log.events.findIndex((e) => e.kind === 'full');
    expect(log.events[full - 1]).toMatchObject({ kind: 'young', pauseNs: 81_000, timeMs: 314.41 });
    expect(log.events[full]).toMatchObject({ pauseNs: 9_509_000, timeMs: 314.491 });
  });
});

describe('JVM unified logging: ZGC and Shenandoah', () => {
  it('gives ZGC pauses the heap of the cycle summary line', () => {
    const log = load('gcviewer__sample-ujl-zgc-gc-all.txt');
    expect(log.collector).toBe('ZGC');
    expect(pauses(log.events).map((e) => [e.kind, e.pauseNs])).toEqual([
      ['mark-start', 1_279_000],
      ['mark-end', 695_000],
      ['relocate-start', 679_000],
    ]);
    for (const pause of pauses(log.events)) {
      expect(pause).toMatchObject({
        heapBeforeBytes: 10620 * MiB,
        heapAfterBytes: 8800 * MiB,
        heapCapacityBytes: null,
      });
    }
    expect(log.events.find((e) => e.kind === 'concurrent-mark')).toMatchObject({
      durationNs: 5_216_000,
      heapBeforeBytes: null,
    });
  });

  it('makes a ZGC cycle known only by its summary one event without a pause (uptime with a decimal comma too)', () => {
    const log = load('gcviewer__sample-ujl-zgc-gc-default.txt');
    expect(log.events.map((e) => [e.timeMs, e.kind, e.cause, e.pauseNs])).toEqual([
      [1221, 'garbage-collection', 'Metadata GC Threshold', 0],
      [2048, 'garbage-collection', 'Warmup', 0],
      [2607, 'garbage-collection', 'Proactive', 0],
      [3167, 'garbage-collection', 'Allocation Rate', 0],
      [3742, 'garbage-collection', 'System.gc()', 0],
    ]);
    expect(log.events[4]).toMatchObject({ heapBeforeBytes: 10124 * MiB, heapAfterBytes: 5020 * MiB });
  });

  it('reads a fresh JDK 17 ZGC log; allocation stalls are not events', () => {
    const log = load('jdk17-z.log');
    expect(kindCounts(log)).toMatchObject({ 'mark-start': 5, 'mark-end': 5, 'relocate-start': 5 });
    expect(log.events[0]).toMatchObject({
      timeMs: 349.989, // "[0.350s] … GC(0) Pause Mark Start 0.011ms"
      kind: 'mark-start',
      pauseNs: 11_000,
      heapBeforeBytes: 14 * MiB,
      heapAfterBytes: 12 * MiB,
    });
    expect(log.events.some((e) => /stall/.test(e.kind))).toBe(false);
  });

  it('reads Shenandoah pauses (qualifiers are not causes) and heap from concurrent cleanup', () => {
    const log = load('gcviewer__Sample-ujl-shenandoah-jdk17.txt');
    expect(log.collector).toBe('Shenandoah');
    expect(pauses(log.events).map((e) => [e.kind, e.cause, e.pauseNs])).toEqual([
      ['init-mark', null, 1_313_000],
      ['final-mark', null, 277_000],
      ['init-update-refs', null, 30_000],
      ['final-update-refs', null, 99_000],
    ]);
    expect(log.events.find((e) => e.kind === 'concurrent-cleanup')).toMatchObject({
      pauseNs: 0,
      durationNs: 199_000,
      heapBeforeBytes: 1593 * MiB,
      heapAfterBytes: 1282 * MiB,
      heapCapacityBytes: 1606 * MiB,
    });
  });

  it('reads a degenerated cycle and a full GC', () => {
    expect(load('gcviewer__Sample-ujl-shenandoah-jdk11-PauseDegeneratedGc.txt').events).toEqual([
      {
        timeMs: 8792.627, // "[8.804s] … Pause Degenerated GC (Outside of Cycle) … 11.373ms"
        kind: 'degenerated',
        generation: null,
        cause: 'Outside of Cycle',
        pauseNs: 11_373_000,
        durationNs: null,
        heapBeforeBytes: 119 * MiB,
        heapAfterBytes: 56 * MiB,
        heapCapacityBytes: 124 * MiB,
      },
    ]);
    const full = load('gcviewer__SampleShenandoahAllocationFailure.txt');
    expect(full.events).toEqual([
      expect.objectContaining({ kind: 'full', cause: 'Allocation Failure', pauseNs: 14_289_335_000 }),
    ]);
  });

  it('reads decimal commas; a log without "Using" and without a collector-specific pause has no collector', () => {
    const log = load('gcviewer__SampleShenandoahSingleSystemGC.txt');
    expect(log.collector).toBeNull();
    expect(log.events).toEqual([
      // "[1,481s] … Pause Full (System.gc()) … 6,572ms".
      expect.objectContaining({ timeMs: 1474.428, kind: 'full', cause: 'System.gc()', pauseNs: 6_572_000 }),
    ]);
  });

  it('reads a fresh JDK 17 Shenandoah log', () => {
    const log = load('jdk17-shenandoah.log');
    expect(log.collector).toBe('Shenandoah');
    expect(kindCounts(log)).toMatchObject({ 'init-mark': 10, 'final-mark': 10, 'final-roots': 1 });
    expect(log.skippedLines).toBe(0);
  });
});

describe('JVM unified logging: refusals and damaged lines', () => {
  it.runIf(HAVE_CORPUS)('refuses GCViewer SampleShenandoahPassiveHeuristics: -Xlog:all without one GC line', () => {
    const text = readLogText(`${CORPUS_DIR}/public/jvm-gc-unified/gcviewer__SampleShenandoahPassiveHeuristics.txt`);
    expect(() => importJvmUnified(text, DEFAULT_IMPORT_LIMITS)).toThrow(/no GC events found in this JVM unified log/);
  });

  it('refuses a unified log whose lines are not about collections', () => {
    const text = '[0.016s][info][os] SafePoint Polling address: 0x1\n[0.021s][info][os,thread] Thread attached\n';
    expect(() => importJvmUnified(text, DEFAULT_IMPORT_LIMITS)).toThrow(/no GC events found/);
  });

  it('counts timed GC lines that cannot be read as skipped', () => {
    const text = [
      '[0.100s][info][gc] Using G1',
      '[0.202s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 14M->12M(128M) 6.529ms',
      '[0.302s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 14Q->12M(128M) 6.529ms',
      'GC(2) Pause Young (Normal) (G1 Evacuation Pause) 14M->12M(128M) 6.529ms',
      '[0.402s][info][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 14M->12M(128M)',
      '[0.502s][info][gc,start] GC(4) Pause Young (Normal) (G1 Evacuation Pause)',
    ].join('\n');
    const log = importJvmUnified(text, DEFAULT_IMPORT_LIMITS);
    expect(log.events).toHaveLength(1);
    // The bad size and the undecorated line; untimed lines are start markers, not damage.
    expect(log.skippedLines).toBe(2);
  });

  it('applies maxGcEvents', () => {
    const text = readGcFixture('jvm-unified/gcviewer__sample-ujl-parallel-gc-defaults.txt');
    expect(() => importJvmUnified(text, { ...DEFAULT_IMPORT_LIMITS, maxGcEvents: 10 })).toThrow(
      /GC event count 11 exceeds the limit maxGcEvents=10/,
    );
  });
});
