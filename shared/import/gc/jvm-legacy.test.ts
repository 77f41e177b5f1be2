import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, HAVE_CORPUS, kindCounts, readGcFixture, readLogText } from '../../../test/fixtures/gc-fixtures';
import { importJvmLegacy } from './jvm-legacy';
import { DEFAULT_IMPORT_LIMITS } from '../limits';

const KiB = 1024;
const MiB = 2 ** 20;
const GiB = 2 ** 30;
const load = (name: string) => importJvmLegacy(readGcFixture(`jvm-legacy/${name}`), DEFAULT_IMPORT_LIMITS);
const read = (text: string) => importJvmLegacy(text, DEFAULT_IMPORT_LIMITS);

describe('JDK 6–8 PrintGCDetails: Parallel, Serial, CMS', () => {
  it('reads Parallel with date stamps, time stamps and GC ids', () => {
    const log = load('gcviewer__SampleSun1_8_0ParallelPrintGCID.txt');
    expect(log.format).toBe('jvm-legacy');
    expect(log.collector).toBe('Parallel');
    expect(log.startTimeMs).toBe(Date.UTC(2022, 6, 26, 13, 0, 40, 750) - 3117);
    expect(log.events[0]).toEqual({
      timeMs: 3117,
      kind: 'young',
      generation: 'young',
      cause: 'Allocation Failure',
      pauseNs: 543_713_500,
      durationNs: null,
      heapBeforeBytes: 7077888 * KiB,
      heapAfterBytes: 222586 * KiB,
      heapCapacityBytes: 9306112 * KiB,
    });
    expect(log.events[2]).toMatchObject({
      kind: 'full',
      generation: 'both',
      cause: 'System.gc()',
      pauseNs: 649_239_700,
      heapBeforeBytes: 98321 * KiB,
      heapAfterBytes: 98112 * KiB,
    });
    expect(kindCounts(log)).toEqual({ young: 3, full: 2 });
  });

  it('reads JDK 5 CMS (no causes, DefNew young generation): pauses and concurrent phases (wall time)', () => {
    const log = load('gcviewer__SampleSun1_5_0CMS_PrintGCDetails.txt');
    expect(log.collector).toBe('CMS');
    expect(log.startTimeMs).toBeNull();
    expect(kindCounts(log)).toMatchObject({ young: 81, 'initial-mark': 43, remark: 40, full: 11 });
    expect(log.events[0]).toMatchObject({ timeMs: 0, kind: 'young', cause: null, pauseNs: 28_270_500 });
    expect(log.events[3]).toMatchObject({
      timeMs: 1745,
      kind: 'initial-mark',
      pauseNs: 494_300,
      heapBeforeBytes: 8758 * KiB,
      heapAfterBytes: 8758 * KiB,
      heapCapacityBytes: 16320 * KiB,
    });
    // "1.788: [CMS-concurrent-mark: 0.042/0.042 secs]" is printed when the phase ends: it started at 1788 − 42 ms.
    expect(log.events[4]).toMatchObject({ timeMs: 1746, kind: 'concurrent-mark', pauseNs: 0, durationNs: 42_000_000 });
    expect(log.events.find((e) => e.kind === 'remark')).toMatchObject({ timeMs: 1799, pauseNs: 2_791_800 });
  });

  it('reads CMS with PrintGCCause and PrintGCID', () => {
    const log = load('gcviewer__SampleSun1_8_0CmsPrintGcId.txt');
    expect(log.collector).toBe('CMS');
    expect(log.events.filter((e) => e.pauseNs > 0).map((e) => [e.kind, e.cause])).toEqual([
      ['young', 'Allocation Failure'],
      ['young', 'Allocation Failure'],
      ['initial-mark', 'CMS Initial Mark'],
      ['young', 'Allocation Failure'],
      ['young', 'Allocation Failure'],
      ['young', 'Allocation Failure'],
      ['remark', 'CMS Final Remark'],
      ['young', 'Allocation Failure'],
      ['young', 'Allocation Failure'],
      ['young', 'Allocation Failure'],
    ]);
    // "[CMS-concurrent-mark: 0.005/0.013 secs]": CPU 5 ms, wall 13 ms.
    expect(log.events.find((e) => e.kind === 'concurrent-mark')?.durationNs).toBe(13_000_000);
  });

  it('makes the young collection inside a CMS remark (CMSScavengeBeforeRemark) its own event, counted once', () => {
    const log = load('gcviewer__SampleSun1_8_0Series-ManuallyMerged.txt');
    const at = log.events.findIndex((e) => e.kind === 'remark');
    // Remark 0.0236219 s includes the young collection's 0.0090755 s.
    expect(log.events[at]).toMatchObject({ timeMs: 5161, pauseNs: 14_546_400, heapAfterBytes: 38896 * KiB });
    expect(log.events[at + 1]).toMatchObject({
      timeMs: 5161,
      kind: 'young',
      cause: 'CMS Final Remark',
      pauseNs: 9_075_500,
      heapBeforeBytes: 181966 * KiB,
      heapAfterBytes: 38896 * KiB,
    });
    expect(kindCounts(log)).toMatchObject({ young: 530, remark: 3, 'initial-mark': 3 });
    expect(log.skippedLines).toBe(0);
  });

  it('reads CMS with PrintHeapAtGC blocks around the records (gzip fixture)', () => {
    const log = load('gcviewer__SampleSun1_6_0PrintHeapAtGC.txt.gz');
    expect(log.events.map((e) => [e.timeMs, e.kind, e.pauseNs, e.heapAfterBytes])).toEqual([
      [190, 'young', 13_428_700, 16425 * KiB],
      [210, 'young', 14_231_200, 33071 * KiB],
    ]);
    expect(log.collector).toBe('CMS');
  });
});

describe('JDK 6–8 PrintGCDetails: G1', () => {
  it('reads JDK 6 G1 with concurrent records printed inside pause records', () => {
    const log = load('gcviewer__SampleSun1_6_0G1_gc_verbose.head240.txt');
    expect(log.collector).toBe('G1');
    expect(log.skippedLines).toBe(0);
    // "0.388: [GC pause (young) (initial-mark) 10080K->10080K(16M)0.390: [GC concurrent-mark-start]\n, 0.0013065 secs]"
    expect(log.events[3]).toMatchObject({
      timeMs: 388,
      kind: 'concurrent-start',
      pauseNs: 1_306_500,
      heapBeforeBytes: 10080 * KiB,
      heapCapacityBytes: 16 * MiB,
    });
    // "4.853: [GC pause (young)4.853: [GC concurrent-mark-end, 0.0064246 sec]\n 150M->150M(256M), 0.0136035 secs]"
    const split = log.events.find((e) => e.timeMs === 4853 && e.kind === 'young');
    expect(split).toMatchObject({ pauseNs: 13_603_500, heapBeforeBytes: 150 * MiB, heapCapacityBytes: 256 * MiB });
    // The concurrent record is stamped at the mark's end: it started 6.4246 ms before, the pause at its stamp.
    expect(log.events.find((e) => e.timeMs === 4846.5754 && e.kind === 'concurrent-mark')?.durationNs).toBe(6_424_600);
    // JDK 6 "partial" pauses are mixed collections; "concurrent-count-end, 0.0019007" has no unit (seconds).
    expect(kindCounts(log)).toMatchObject({ young: 114, mixed: 10, remark: 14, cleanup: 13, 'concurrent-start': 14 });
    expect(log.events.find((e) => e.kind === 'concurrent-count')?.durationNs).toBe(1_900_700);
  });

  it.runIf(HAVE_CORPUS)('reads the whole JDK 6 G1 verbose log, with its full collections', () => {
    const text = readLogText(`${CORPUS_DIR}/public/jvm-gc-legacy/gcviewer__SampleSun1_6_0G1_gc_verbose.txt`);
    const log = read(text);
    expect(kindCounts(log)).toMatchObject({ full: 5 });
    expect(log.events.find((e) => e.kind === 'full')).toMatchObject({
      timeMs: 15928,
      pauseNs: 58_527_000,
      heapBeforeBytes: 255 * MiB,
      heapAfterBytes: 32 * MiB,
    });
  });

  it('takes the heap from the detail block after the pause ("[Eden: … Heap: 65.0G(92.0G)->64.3G(92.0G)]")', () => {
    const log = load('gcviewer__SampleSun1_7_0_12PrintAdaptiveSizePolicy.txt');
    expect(log.events[0]).toMatchObject({
      timeMs: 64123753,
      kind: 'young',
      cause: null,
      pauseNs: 158_757_000,
      heapBeforeBytes: 65 * GiB,
      heapAfterBytes: Math.round(64.3 * GiB),
      heapCapacityBytes: 92 * GiB,
    });
    expect(log.skippedLines).toBe(0);
  });

  it('reads JDK 8 G1 with ergonomics, a concurrent cycle, humongous and dedup records', () => {
    const cycle = load('gcviewer__SampleSun1_8_0G1_ConcurrentCycle.txt');
    expect(cycle.events.map((e) => e.kind)).toEqual([
      'concurrent-start',
      'concurrent-root-region-scan',
      'concurrent-mark',
      'remark',
      'cleanup',
      'concurrent-cleanup',
      'young',
    ]);
    expect(cycle.events[0]).toMatchObject({ cause: 'G1 Evacuation Pause', pauseNs: 11_558_700 });
    expect(cycle.events[3]).toMatchObject({ pauseNs: 1_046_200, heapBeforeBytes: null });

    const humongous = load('gcviewer__SampleSun1_8_0G1HumongousMixed.txt');
    // "160770.873: [GC pause (G1 Humongous Allocation) (young)160770.887: [GC concurrent-root-region-scan-end,
    // 0.0157002 secs]": the scan ran from before the pause (160770.887 s − 15.7002 ms) and comes first.
    expect(humongous.events[0]).toMatchObject({ kind: 'concurrent-root-region-scan', timeMs: 160770871.2998 });
    expect(humongous.events[1]).toMatchObject({
      timeMs: 160770873,
      kind: 'young',
      cause: 'G1 Humongous Allocation',
      pauseNs: 47_013_600,
      heapCapacityBytes: 32 * GiB,
    });

    const dedup = load('gcviewer__SampleSun1_8_0G1StringDeduplication.txt');
    expect(dedup.events.map((e) => [e.kind, e.pauseNs, e.durationNs])).toEqual([
      ['concurrent-string-deduplication', 0, 925_600],
      ['young', 106_090_700, null],
    ]);
  });

  it('does not count "Total time for which application threads were stopped" lines, and reads decimal commas', () => {
    const log = load('gcviewer__SampleSun1_7_0G1-ApplicationStopped.txt');
    expect(log.events).toEqual([
      expect.objectContaining({ timeMs: 376667, kind: 'young', pauseNs: 38_740_000, heapCapacityBytes: 256 * MiB }),
    ]);
  });
});

describe('JDK 8 Shenandoah (backport)', () => {
  it('reads pauses, concurrent phases and a degenerated cycle; start markers are not events', () => {
    const log = load('gcviewer__SampleOpenJdk1_8_0-332.txt');
    expect(log.collector).toBe('Shenandoah');
    expect(log.events.slice(0, 2)).toEqual([
      // Timed lines are written at the end: "2.464: [Concurrent reset …, 0.333 ms]" and "2.472: [Pause Init Mark
      // (process weakrefs), 3.341 ms]", whose start line says "2.469: [Pause Init Mark (process weakrefs), start]".
      expect.objectContaining({ timeMs: 2463.667, kind: 'concurrent-reset', durationNs: 333_000 }),
      expect.objectContaining({ timeMs: 2468.659, kind: 'init-mark', pauseNs: 3_341_000, cause: null }),
    ]);
    expect(log.events.find((e) => e.kind === 'degenerated')).toMatchObject({
      cause: 'Update Refs',
      pauseNs: 184_489_000,
      heapBeforeBytes: 3941 * MiB,
      heapAfterBytes: 1733 * MiB,
      heapCapacityBytes: 3966 * MiB,
    });
  });

  it('refuses a file holding only Shenandoah exit statistics', () => {
    expect(() => load('gcviewer__SampleOpenJdk1_8_0ShenandoahDetailsShutdown.txt')).toThrow(
      /no GC events found in this pre-JDK 9 GC log/,
    );
  });
});

describe('damaged and unstamped records', () => {
  it('counts records without stamps as skipped and says why when nothing is left', () => {
    expect(() => read('[GC (Allocation Failure)  1234K->567K(8901K), 0.0123 secs]\n')).toThrow(
      /1 line\(s\) looked like GC events but could not be read.*PrintGCTimeStamps/,
    );
  });

  it('counts a record cut off at the end of the file as skipped', () => {
    const log = read(
      '1.000: [GC (Allocation Failure) [PSYoungGen: 10K->1K(20K)] 30K->21K(60K), 0.0010000 secs]\n' +
        '2.000: [GC (Allocation Failure) [PSYoungGen: 10K->1K(20K)] 30K->',
    );
    expect(log.events).toHaveLength(1);
    expect(log.skippedLines).toBe(1);
  });

  it('counts a GC record without a time as skipped', () => {
    const log = read(
      '1.000: [GC (Allocation Failure) 30K->21K(60K), 0.0010000 secs]\n2.000: [Full GC (Ergonomics) 30K->21K(60K)]\n',
    );
    expect(log.events.map((e) => e.kind)).toEqual(['young']);
    expect(log.skippedLines).toBe(1);
  });

  it('places date-stamped records relative to the first one', () => {
    const log = read(
      '2020-01-01T00:00:10.000+0100: [GC (Allocation Failure) 30K->21K(60K), 0.0010000 secs]\n' +
        '2020-01-01T00:00:12.500+0100: [GC (Allocation Failure) 30K->21K(60K), 0.0020000 secs]\n',
    );
    expect(log.startTimeMs).toBe(Date.UTC(2019, 11, 31, 23, 0, 10));
    expect(log.events.map((e) => e.timeMs)).toEqual([0, 2500]);
  });
});
