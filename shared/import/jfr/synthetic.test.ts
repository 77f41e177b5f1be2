/**
 * The JFR importer on chunks built byte by byte (test/fixtures/jfr-synthetic.ts):
 * encodings and layouts the real fixtures do not have.
 */
import { describe, expect, it } from 'vitest';
import {
  activeSetting,
  buildChunk,
  concat,
  executionSample,
  standardClasses,
  standardPools,
  T,
  type ChunkSpec,
} from '../../../test/fixtures/jfr-synthetic';
import { readJfrExpected, readJfrFixture } from '../../../test/fixtures/jfr-fixtures';
import { stackNames } from '../../../test/fixtures/profile-helpers';
import type { GcLog } from '../../gc/model';
import { checkProfile } from '../../profile/invariants';
import { sampleTotals, type Profile } from '../../profile/model';
import { DEFAULT_IMPORT_LIMITS } from '../limits';
import type { ImportedItem } from '../result';
import { importJfr } from './index';

const FRAMES = ['com/example/Leaf.work:42:Inlined', 'com/example/Mid.call:7', 'com/example/Main.main:3:Interpreted'];
const ORDER = ['startTime', 'sampledThread', 'stackTrace', 'state'];

function sampleChunk(overrides: Partial<ChunkSpec> = {}, order = ORDER): Uint8Array {
  return buildChunk({
    classes: standardClasses(order),
    checkpoints: [standardPools(FRAMES)],
    events: [
      executionSample(3000, order),
      executionSample(2000, order),
      activeSetting(T.executionSample, 'period', '20 ms'),
    ],
    ...overrides,
  });
}

function onlyProfile(items: ImportedItem[]): Profile {
  expect(items.length).toBe(1);
  const [item] = items;
  if (item?.type !== 'profile') throw new Error('expected a profile');
  expect(checkProfile(item.profile)).toEqual([]);
  return item.profile;
}

/** What the tests compare between encodings: everything a view shows. */
function summary(p: Profile) {
  return {
    stacks: Array.from(p.samples.stack).map((s) => stackNames(p, s).join(';')),
    lines: p.frames.line,
    inlined: p.frames.inlined,
    systemNames: p.functions.systemName.map((s) => p.strings[s]),
    files: p.functions.file.map((s) => p.strings[s]),
    values: p.samples.values.map((column) => Array.from(column)),
    times: p.samples.timeNs && Array.from(p.samples.timeNs),
    labels: p.labels.key.map((k, i) => `${p.strings[k]}=${p.strings[p.labels.str[i] as number]}`),
    startTimeMs: p.startTimeMs,
    period: p.period,
  };
}

describe('JFR importer on synthetic chunks', () => {
  it('reads an execution sample: names, lines, inlining, thread, state, period, time order', () => {
    const p = onlyProfile(importJfr(sampleChunk(), DEFAULT_IMPORT_LIMITS));
    expect(p.kind).toBe('cpu');
    const s = summary(p);
    expect(s.stacks).toEqual([
      'com.example.Main.main;com.example.Mid.call;com.example.Leaf.work',
      'com.example.Main.main;com.example.Mid.call;com.example.Leaf.work',
    ]);
    expect(s.systemNames).toEqual(['com.example.Main.main()V', 'com.example.Mid.call()V', 'com.example.Leaf.work()V']);
    expect(s.files).toEqual(['com.example.Main', 'com.example.Mid', 'com.example.Leaf']);
    expect(s.lines).toEqual([3, 7, 42]);
    expect(s.inlined).toEqual([0, 0, 1]);
    // Start ticks 1000 at 1 GHz: ticks 2000 and 3000 are 1 µs and 2 µs in, sorted by time.
    expect(s.times).toEqual([1000, 2000]);
    expect(s.values).toEqual([
      [1, 1],
      [20e6, 20e6],
    ]);
    expect(s.period).toBe(20e6);
    expect(s.labels).toEqual(['thread=worker', 'state=STATE_RUNNABLE', 'thread=worker', 'state=STATE_RUNNABLE']);
    expect(s.startTimeMs).toBe(1_700_000_000_000);
  });

  it('decodes events by field name: any field order gives the same profile', () => {
    const reordered = ['state', 'stackTrace', 'startTime', 'sampledThread'];
    expect(summary(onlyProfile(importJfr(sampleChunk({}, reordered), DEFAULT_IMPORT_LIMITS)))).toEqual(
      summary(onlyProfile(importJfr(sampleChunk(), DEFAULT_IMPORT_LIMITS))),
    );
  });

  it('reads fixed-width integers when the header does not announce compressed integers', () => {
    expect(summary(onlyProfile(importJfr(sampleChunk({ compressed: false }), DEFAULT_IMPORT_LIMITS)))).toEqual(
      summary(onlyProfile(importJfr(sampleChunk(), DEFAULT_IMPORT_LIMITS))),
    );
  });

  it('without a period setting gives counts only; with two recordings the shorter period counts', () => {
    const none = onlyProfile(importJfr(sampleChunk({ events: [executionSample(2000)] }), DEFAULT_IMPORT_LIMITS));
    expect(none.sampleTypes).toEqual([{ type: 'samples', unit: 'count' }]);
    expect(none.defaultSampleType).toBe(0);
    expect(none.period).toBeNull();
    const two = sampleChunk({
      events: [
        activeSetting(T.executionSample, 'period', '20 ms'),
        activeSetting(T.executionSample, 'period', '10 ms'),
        activeSetting(T.executionSample, 'enabled', 'true'),
        activeSetting(T.objectAllocationSample, 'period', '1 ms'),
        executionSample(2000),
      ],
    });
    expect(onlyProfile(importJfr(two, DEFAULT_IMPORT_LIMITS)).period).toBe(10e6);
  });

  it('resolves strings held in the string pool, in Latin-1 and as char arrays', () => {
    const pools = standardPools(FRAMES);
    // Thread names by reference into the java.lang.String pool, pool entries in other encodings.
    pools.push({
      type: T.string,
      entries: [
        [7, (w) => w.string('wörker-latin1', 'latin1')],
        [8, (w) => w.string('os-名前', 'chars')],
      ],
    });
    const thread = pools.find((p) => p.type === T.thread);
    if (thread) thread.entries = [[1, (w) => w.stringRef(8).stringRef(7)]];
    const p = onlyProfile(importJfr(sampleChunk({ checkpoints: [pools] }), DEFAULT_IMPORT_LIMITS));
    expect(summary(p).labels[0]).toBe('thread=wörker-latin1');
  });

  it('reads pools spread over chained checkpoint events, the newer value winning', () => {
    const all = standardPools(FRAMES);
    const older = all.filter((p) => p.type !== T.thread);
    const newer = [{ type: T.thread, entries: [[1, (w) => w.string('os').string('newer')]] }] as typeof all;
    const stale = [{ type: T.thread, entries: [[1, (w) => w.string('os').string('stale')]] }] as typeof all;
    const p = onlyProfile(importJfr(sampleChunk({ checkpoints: [stale, older, newer] }), DEFAULT_IMPORT_LIMITS));
    expect(summary(p).labels[0]).toBe('thread=newer');
  });

  it('marks truncated stacks with a root frame', () => {
    const p = onlyProfile(
      importJfr(sampleChunk({ checkpoints: [standardPools(FRAMES, true)] }), DEFAULT_IMPORT_LIMITS),
    );
    expect(stackNames(p, p.samples.stack[0] as number)[0]).toBe('(truncated stack)');
  });

  it('reads several chunks, each with its own metadata, on one time line', () => {
    const first = sampleChunk();
    // The second chunk numbers its classes differently (as another JVM would) and starts 5 s later.
    const shifted = standardClasses().map((c) => ({
      ...c,
      id: c.id + 1000,
      fields: c.fields?.map((f) => ({ ...f, type: f.type + 1000 })),
    }));
    const pools = standardPools(['other/Thing.run:1']).map((p) => ({ ...p, type: p.type + 1000 }));
    const second = buildChunk({
      classes: shifted,
      checkpoints: [pools],
      events: [{ ...executionSample(5_004_000), type: T.executionSample + 1000 }],
      startNanos: 1_700_000_005_000_000_000n,
      startTicks: 5_000_000,
    });
    const p = onlyProfile(importJfr(concat(first, second), DEFAULT_IMPORT_LIMITS));
    const s = summary(p);
    expect(s.stacks[2]).toBe('other.Thing.run');
    // Its own clock (its ticks do not continue the first chunk's): 5 s plus 4 µs.
    expect(s.times).toEqual([1000, 2000, 5_000_004_000]);
    // No period in the second chunk: the first chunk's carries over.
    expect(s.values[1]).toEqual([20e6, 20e6, 20e6]);
    expect(p.comments[0]).toBe('JFR 2.1, 2 chunks');
    expect(p.durationNs).toBe(6e9);
  });

  it("keeps one JVM's chunks on its tick clock, as the JDK's reader does, despite header drift", () => {
    // 5 s of ticks later, but the second header's wall clock says 5.002 s (TSC and wall clock drift).
    const second = sampleChunk({
      events: [executionSample(1000 + 5e9 + 4000)],
      startNanos: 1_700_000_005_002_000_000n,
      startTicks: 1000 + 5e9,
    });
    const p = onlyProfile(importJfr(concat(sampleChunk(), second), DEFAULT_IMPORT_LIMITS));
    expect(summary(p).times).toEqual([1000, 2000, 5e9 + 4000]);
  });

  it('reads allocation samples with the allocated class as the leaf frame; TLAB events as a second profile', () => {
    const pools = standardPools(FRAMES);
    // Classes 101-102 with names in the pool of symbols (keys 101-102).
    pools.push({
      type: T.symbol,
      entries: [
        [101, (w) => w.string('[B')],
        [102, (w) => w.string('[[Ljava/lang/String;')],
      ],
    });
    pools.push({
      type: T.class,
      entries: [
        [101, (w) => w.long(101)],
        [102, (w) => w.long(102)],
      ],
    });
    const chunk = buildChunk({
      classes: standardClasses(),
      checkpoints: [pools],
      events: [
        // startTime, eventThread, stackTrace, objectClass, weight / allocationSize (, tlabSize)
        { type: T.objectAllocationSample, write: (w) => w.long(4000).long(1).long(1).long(101).long(5000) },
        { type: T.objectAllocationSample, write: (w) => w.long(3000).long(1).long(1).long(102).long(700) },
        { type: T.objectAllocationSample, write: (w) => w.long(3500).long(1).long(99).long(101).long(1) },
        { type: T.inNewTlab, write: (w) => w.long(3000).long(1).long(1).long(101).long(24).long(65536) },
        {
          type: T.outsideTlab,
          write: (w) =>
            w
              .long(3000)
              .long(1)
              .long(1)
              .long(102)
              .long(1 << 20),
        },
      ],
    });
    const items = importJfr(chunk, DEFAULT_IMPORT_LIMITS);
    expect(items.map((i) => i.name)).toEqual(['Allocations', 'Allocations (TLAB events)']);
    const [samples, tlab] = items.map((i) => (i.type === 'profile' ? i.profile : null)) as [Profile, Profile];
    for (const p of [samples, tlab]) {
      expect(checkProfile(p)).toEqual([]);
      expect(p.kind).toBe('allocations');
      expect(p.sampleTypes).toEqual([
        { type: 'alloc_objects', unit: 'count' },
        { type: 'alloc_space', unit: 'bytes' },
      ]);
    }
    const main = 'com.example.Main.main;com.example.Mid.call;com.example.Leaf.work';
    // In time order; a stack trace key missing from the pools reads as no stack, like the JDK reads it as null.
    expect(summary(samples).stacks).toEqual([`${main};java.lang.String[][]`, `(no stack);byte[]`, `${main};byte[]`]);
    expect(summary(samples).values).toEqual([
      [1, 1, 1],
      [700, 1, 5000],
    ]);
    expect(summary(samples).labels[0]).toBe('thread=worker');
    // The class frames keep the JVM's names as system names (functions in the order the events came).
    const jvmNames = samples.functions.systemName.map((n) => samples.strings[n]).filter((n) => n?.startsWith('['));
    expect(jvmNames).toEqual(['[B', '[[Ljava/lang/String;']);
    // A new TLAB weighs its size; an allocation outside one weighs itself.
    expect(sampleTotals(tlab)).toEqual([2, 65536 + (1 << 20)]);
  });

  it('reads GC durations by their @Timespan unit', () => {
    const classes = standardClasses();
    const chunk = buildChunk({
      classes,
      checkpoints: [[{ type: T.gcName, entries: [[1, (w) => w.string('ParallelScavenge')]] }]],
      events: [
        {
          type: T.garbageCollection,
          // startTime, duration (ticks at 2 GHz), gcId, name, cause, sumOfPauses (ns), longestPause (ticks)
          write: (w) => w.long(5000).long(4000).int(0).long(1).string('Allocation Failure').long(1500).long(3000),
        },
      ],
      ticksPerSecond: 2_000_000_000,
    });
    const [item] = importJfr(chunk, DEFAULT_IMPORT_LIMITS);
    const log = (item?.type === 'gc-log' ? item.gcLog : null) as GcLog;
    expect(log.collector).toBe('Parallel');
    expect(log.startTimeMs).toBe(1_700_000_000_000);
    expect(log.events).toEqual([
      {
        timeMs: 0.002,
        kind: 'young',
        generation: 'young',
        cause: 'Allocation Failure',
        pauseNs: 1500,
        durationNs: 2000,
        heapBeforeBytes: null,
        heapAfterBytes: null,
        heapCapacityBytes: null,
      },
    ]);
  });

  it('reads the concatenation of two real recordings (JDK 21 then JDK 17) as the sum of both', () => {
    const expected = readJfrExpected() as {
      fixtures: Record<string, { summary: { counts: Record<string, number> }; gc: { sumOfPausesNs: number } }>;
    };
    const a = 'speedscope__java-flight-recorder__heavy.jfr';
    const b = 'java-churn.jfr';
    const items = importJfr(concat(readJfrFixture(a), readJfrFixture(b)), DEFAULT_IMPORT_LIMITS);
    const count = (type: string) =>
      (expected.fixtures[a]?.summary.counts[type] ?? 0) + (expected.fixtures[b]?.summary.counts[type] ?? 0);
    const byName = new Map(items.map((i) => [i.name, i]));
    const cpu = byName.get('CPU (execution samples)');
    const alloc = byName.get('Allocations');
    const gc = byName.get('GC');
    expect(cpu?.type === 'profile' && cpu.profile.samples.stack.length).toBe(count('jdk.ExecutionSample'));
    expect(alloc?.type === 'profile' && sampleTotals(alloc.profile)[0]).toBe(count('jdk.ObjectAllocationSample'));
    expect(gc?.type === 'gc-log' && gc.gcLog.events.length).toBe(count('jdk.GarbageCollection'));
    expect(gc?.type === 'gc-log' && gc.gcLog.events.reduce((s, e) => s + e.pauseNs, 0)).toBe(
      (expected.fixtures[a]?.gc.sumOfPausesNs ?? 0) + (expected.fixtures[b]?.gc.sumOfPausesNs ?? 0),
    );
    // Two JVMs: their gcIds overlap, yet every collection keeps its own heap figures.
    if (gc?.type === 'gc-log') expect(gc.gcLog.events.every((e) => e.heapBeforeBytes !== null)).toBe(true);
    if (cpu?.type === 'profile') {
      expect(checkProfile(cpu.profile)).toEqual([]);
      // Both recordings' periods: 20 ms for the JDK 21 one, 10 ms for the JDK 17 one.
      expect(sampleTotals(cpu.profile)[1]).toBe(
        (expected.fixtures[a]?.summary.counts['jdk.ExecutionSample'] ?? 0) * 20e6 +
          (expected.fixtures[b]?.summary.counts['jdk.ExecutionSample'] ?? 0) * 10e6,
      );
    }
  });
});
