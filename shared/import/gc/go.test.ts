import { describe, expect, it } from 'vitest';
import { readGcFixture } from '../../../test/fixtures/gc-fixtures';
import { importGoGctrace } from './go';
import { DEFAULT_IMPORT_LIMITS } from '../limits';

const MiB = 2 ** 20;
const load = (name: string) => importGoGctrace(readGcFixture(`go-gctrace/${name}`), DEFAULT_IMPORT_LIMITS);
const read = (text: string) => importGoGctrace(text, DEFAULT_IMPORT_LIMITS);

describe('Go GODEBUG=gctrace=1', () => {
  it('reads Go 1.19 lines: STW phases as the pause, all three wall phases as the duration', () => {
    const log = load('go119-gctrace.txt');
    expect(log).toMatchObject({ format: 'go-gctrace', collector: 'Go', startTimeMs: null, skippedLines: 0 });
    // "gc 1 @0.001s 8%: 0.031+0.29+0.033 ms clock, …, 3->4->0 MB, 4 MB goal, 0 MB stacks, 0 MB globals, 2 P"
    expect(log.events[0]).toEqual({
      timeMs: 1,
      kind: 'gc',
      generation: null,
      cause: null,
      pauseNs: 64_000,
      durationNs: 354_000,
      heapBeforeBytes: 3 * MiB,
      // A->B->C: after is C, the live heap; B is the heap when the cycle ended.
      heapAfterBytes: 0,
      heapEndBytes: 4 * MiB,
      heapCapacityBytes: 4 * MiB,
    });
    expect(log.events).toHaveLength(116);
  });

  it('marks "(forced)" collections with the cause "forced"', () => {
    const log = load('go119-gctrace.txt');
    expect(log.events.filter((e) => e.cause === 'forced')).toEqual([
      expect.objectContaining({ timeMs: 220, pauseNs: 15_000, heapBeforeBytes: 32 * MiB, heapCapacityBytes: 63 * MiB }),
    ]);
  });

  it("ignores the program's own stderr lines without counting them (Go service capture, build output)", () => {
    const service = load('go-service.gctrace.stderr.txt');
    expect(service.events).toHaveLength(73);
    expect(service.skippedLines).toBe(0);
    expect(service.events[0]).toMatchObject({ timeMs: 307, pauseNs: 2_520_000, durationNs: 4_120_000 });
    const map = load('gctrace__map.gctrace');
    expect(map.events).toHaveLength(95);
    expect(map.skippedLines).toBe(0);
  });

  it('reads the pre-1.18 format (no stacks/globals) and ignores scvg lines', () => {
    const log = load('gcviewer__go1.9.txt');
    expect(log.events).toHaveLength(635);
    expect(log.skippedLines).toBe(0);
    // "gc 2 @0.073s 0%: 0+4.8+0.93 ms clock, …, 4->4->2 MB, 5 MB goal, 4 P"
    expect(log.events[1]).toMatchObject({
      timeMs: 73,
      pauseNs: 930_000,
      durationNs: 5_730_000,
      heapAfterBytes: 2 * MiB,
      heapEndBytes: 4 * MiB,
    });
    // The clock of this capture printed "0" for many STW phases: those events have no pause.
    expect(log.events[0]).toMatchObject({ pauseNs: 0, durationNs: 1_900_000 });
  });

  it('counts gc lines of another shape (Go 1.5/1.6 five clock phases, damage) as skipped', () => {
    const log = read(
      [
        'gc 1 @0.009s 1%: 0.059+0.17+0.005+0.24+0.12 ms clock, 0.17+0.17+0+0/0.36/0.067+0.38 ms cpu, 5->5->3 MB, 4 MB goal, 8 P',
        'gc 2 @0.017s 1%: 0.037+0.096+0.098 ms clock, 0.22+0.10/0.31/0.091+0.51 ms cpu, 8->8->7 MB, 7 MB goal, 8 P',
        'gc 3 @0.020s 1%: 0.037+0.096+0.098 ms clock, 0.22+0.10/0.31/0.091+0.51 ms cpu, 8->8->7 MB',
        'scvg0: inuse: 49, idle: 3, sys: 52, released: 0, consumed: 52 (MB)',
      ].join('\n'),
    );
    expect(log.events.map((e) => e.timeMs)).toEqual([17]);
    expect(log.skippedLines).toBe(2);
  });

  it('fails on stderr without a gc line', () => {
    expect(() => read('2026/11/24 02:07:55 listening on :6061\nscvg0: inuse: 1\n')).toThrow(
      /no GC events found in this Go gctrace output/,
    );
  });
});
