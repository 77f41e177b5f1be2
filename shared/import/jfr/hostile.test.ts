/**
 * Broken and hostile JFR input: every failure is an ImportFailure with a
 * reason that says where and what, reached quickly; nothing hangs, nothing
 * throws a raw TypeError or RangeError.
 */
import { describe, expect, it } from 'vitest';
import {
  buildChunk,
  buildChunkLayout,
  concat,
  executionSample,
  JfrBytes,
  standardClasses,
  standardPools,
  T,
  type ClassSpec,
} from '../../../test/fixtures/jfr-synthetic';
import { readJfrFixture } from '../../../test/fixtures/jfr-fixtures';
import { checkProfile } from '../../profile/invariants';
import { ImportFailure, LimitExceeded } from '../errors';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../limits';
import { ByteReader } from './byte-reader';
import { importJfr } from './index';
import { readMetadata } from './metadata';

const CHURN = 'java-churn.jfr';
const CHURN_SIZE = 866127;

function reason(bytes: Uint8Array, limits: Partial<ImportLimits> = {}): string {
  const t0 = performance.now();
  try {
    importJfr(bytes, { ...DEFAULT_IMPORT_LIMITS, ...limits });
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFailure);
    expect(performance.now() - t0).toBeLessThan(2000);
    return (error as ImportFailure).reason;
  }
  throw new Error('expected the import to fail');
}

const sample = (frames = ['a/B.c:1']) =>
  buildChunkLayout({
    classes: standardClasses(),
    checkpoints: [standardPools(frames)],
    events: [executionSample(2000)],
  });

function patchPaddedLong(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const copy = bytes.slice();
  copy.set(new JfrBytes(true).paddedLong(value).bytes, at);
  return copy;
}

describe('JFR importer on hostile input', () => {
  it('refuses what is not JFR, and versions it does not read', () => {
    expect(reason(new TextEncoder().encode('hello'))).toBe('not a JFR recording: it does not start with "FLR\\0"');
    const v1 = sample().bytes.slice();
    v1.set([0, 1, 0, 0], 4);
    expect(reason(v1)).toBe('unsupported JFR version 1.0 (Kiln reads version 2.x, written by JDK 11 and later)');
    const v3 = sample().bytes.slice();
    v3.set([0, 3, 0, 0], 4);
    expect(reason(v3)).toMatch(/^unsupported JFR version 3\.0/);
  });

  it('fails on a truncated file, wherever it is cut', () => {
    const bytes = readJfrFixture(CHURN);
    for (const cut of [10, 67, 68, 1000, 100_000, CHURN_SIZE - 1]) {
      expect(reason(bytes.subarray(0, cut))).toMatch(/^truncated JFR chunk at byte 0: /);
    }
    expect(reason(bytes.subarray(0, 1000))).toBe(
      `truncated JFR chunk at byte 0: the header says ${CHURN_SIZE} bytes, the file has 1000`,
    );
  });

  it('fails on bad magic or a truncated chunk after the first chunk', () => {
    const bytes = readJfrFixture(CHURN);
    expect(reason(concat(bytes, new TextEncoder().encode('garbage after the chunk')))).toBe(
      `not a JFR chunk at byte ${CHURN_SIZE}: expected magic "FLR\\0" (46 4c 52 00), found 67 61 72 62`,
    );
    expect(reason(concat(bytes, bytes.subarray(0, 5000)))).toBe(
      `truncated JFR chunk at byte ${CHURN_SIZE}: the header says ${CHURN_SIZE} bytes, the file has 5000`,
    );
  });

  it('fails on an event whose size runs past the chunk', () => {
    const layout = sample();
    const at = layout.eventAts[0] as number;
    const bytes = layout.bytes.slice();
    bytes.set([0xff, 0xff, 0xff, 0x07], at); // 4-byte varint 16,777,215
    expect(reason(bytes)).toBe(
      `corrupt JFR event at byte ${at}: size 16777215 runs past the chunk's end at ${bytes.length}`,
    );
    bytes.set([0x80, 0x80, 0x80, 0x00], at); // size 0 would never advance
    expect(reason(bytes)).toMatch(new RegExp(`^corrupt JFR event at byte ${at}: size 0 `));
  });

  it('fails on header offsets outside the chunk', () => {
    const bytes = sample().bytes.slice();
    bytes.set([0, 0, 0, 0, 0x7f, 0, 0, 0], 24); // metadata offset
    expect(reason(bytes)).toMatch(
      /^corrupt JFR chunk at byte 0: metadata offset 2130706432 is outside the chunk's \d+ bytes$/,
    );
  });

  it('fails quickly on a metadata event with absurd counts', () => {
    const layout = sample();
    // The string count is the first value after the metadata event's header (size 4, type 1, three longs 1 each).
    const at = layout.metadataAt + 8;
    const huge = concat(
      layout.bytes.subarray(0, at),
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x07]),
      layout.bytes.subarray(at + 1),
    );
    expect(reason(huge)).toMatch(/^corrupt JFR data at byte \d+: metadata string count 2147483647 does not fit/);

    const metadata = (tree: (w: JfrBytes) => void): Uint8Array => {
      const w = new JfrBytes(true).long(0).long(0).long(1).int(2).string('root').string('x');
      tree(w);
      return new Uint8Array(w.bytes);
    };
    const read = (bytes: Uint8Array) => () => readMetadata(new ByteReader(bytes, 0, bytes.length, true, 1000));
    expect(
      read(
        metadata((w) =>
          w
            .int(0)
            .int(0)
            .int(2 ** 31 - 1),
        ),
      ),
    ).toThrow(/metadata child count 2147483647/);
    expect(read(metadata((w) => w.int(0).int(2 ** 30)))).toThrow(/metadata attribute count 1073741824/);
    expect(read(metadata((w) => w.int(0).int(-1)))).toThrow(/metadata attribute count -1/);
    expect(read(metadata((w) => w.int(7).int(0).int(0)))).toThrow(/string index 7 is outside the table of 2/);
    // Nested elements the bytes do not hold: stops at the end, no recursion.
    expect(read(metadata((w) => w.int(0).int(0).int(1).int(0).int(0).int(1)))).toThrow(
      /metadata child count 1 does not fit in the 0 bytes left/,
    );
  });

  it('fails on constant pool events that loop or point outside the chunk', () => {
    const layout = buildChunkLayout({
      classes: standardClasses(),
      checkpoints: [standardPools(['a/B.c:1']), []],
      events: [executionSample(2000)],
    });
    const [first, last] = layout.checkpointAts as [number, number];
    const loop = patchPaddedLong(layout.bytes, layout.deltaAts[0] as number, last - first);
    expect(reason(loop)).toBe(`corrupt JFR chunk at byte 0: constant pool events form a loop at ${last}`);
    const outside = patchPaddedLong(layout.bytes, layout.deltaAts[1] as number, -1_000_000);
    expect(reason(outside)).toBe(
      `corrupt JFR constant pool event at byte ${last}: delta -1000000 points outside the chunk`,
    );
  });

  it('fails on a class that contains itself inline, without recursing', () => {
    const classes: ClassSpec[] = [
      ...standardClasses(),
      { id: 300, name: 'Nested', fields: [{ name: 'inner', type: 300 }] },
      { id: 301, name: 'jdk.ExecutionSample2', superType: 'jdk.jfr.Event', fields: [{ name: 'n', type: 300 }] },
    ];
    const bytes = buildChunk({
      classes: classes.map((c) => (c.id === T.executionSample ? { ...c, fields: [{ name: 'x', type: 300 }] } : c)),
      events: [{ type: T.executionSample, write: (w) => w.int(1) }],
    });
    expect(reason(bytes)).toBe('corrupt JFR metadata: values nest more than 64 levels deep (at class Nested)');
  });

  it('fails on a field of an unknown type and a pool of an unknown class', () => {
    const unknownField = buildChunk({
      classes: [...standardClasses(), { id: 300, name: 'Broken', fields: [{ name: 'f', type: 999 }] }],
      events: [],
    });
    expect(reason(unknownField)).toBe('corrupt JFR metadata: field Broken.f has unknown type id 999');
    const layout = buildChunkLayout({
      classes: standardClasses(),
      checkpoints: [[{ type: 998, entries: [[1, (w) => w.int(1)]] }]],
      events: [],
    });
    expect(reason(layout.bytes)).toBe(
      `corrupt JFR constant pool event at byte ${layout.checkpointAts[0]}: pool of unknown class id 998`,
    );
  });

  it('says which event types a recording without samples or GC events contains', () => {
    const bytes = buildChunk({
      classes: standardClasses(),
      events: [
        { type: T.other, write: (w) => w.int(1) },
        { type: T.other, write: (w) => w.int(2) },
        { type: 555, write: (w) => w.int(3) },
      ],
    });
    expect(reason(bytes)).toBe(
      'JFR recording has no execution samples, allocation samples or GC events (jdk.ExecutionSample, ' +
        'jdk.NativeMethodSample, jdk.ObjectAllocationSample, jdk.ObjectAllocationInNewTLAB, ' +
        'jdk.ObjectAllocationOutsideTLAB, jdk.GarbageCollection); it contains jdk.Other (2), (unknown type 555) (1)',
    );
  });

  it('applies the limits: stack depth, samples, GC events, string length', () => {
    const deep = Array.from({ length: 300 }, (_, i) => `deep/Frame.f${i}:${i + 1}`);
    const check = (limits: Partial<ImportLimits>, bytes: Uint8Array, message: RegExp) => {
      try {
        importJfr(bytes, { ...DEFAULT_IMPORT_LIMITS, ...limits });
        throw new Error('expected a limit');
      } catch (error) {
        expect(error).toBeInstanceOf(LimitExceeded);
        expect((error as LimitExceeded).reason).toMatch(message);
      }
    };
    check({ maxStackDepth: 299 }, sample(deep).bytes, /^stack depth 300 exceeds the limit maxStackDepth=299$/);
    const churn = readJfrFixture(CHURN);
    check(
      { maxSamples: 100 },
      churn,
      /^jdk\.(ExecutionSample|ObjectAllocationSample) count 101 exceeds the limit maxSamples=100$/,
    );
    check({ maxGcEvents: 10 }, churn, /^GC (event|heap summary) count 11 exceeds the limit maxGcEvents=10$/);
    expect(reason(churn, { maxStringLength: 10 })).toMatch(/exceeds the limit maxStringLength=10$/);
  });

  it('never fails with anything but an ImportFailure on corrupted bytes', () => {
    const original = readJfrFixture('kiln-producer.jfr');
    let seed = 12345;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    let failures = 0;
    const t0 = performance.now();
    for (let round = 0; round < 60; round++) {
      const bytes = original.slice();
      // A few random bytes anywhere, or a burst inside the metadata and constant pools near the start.
      const flips = 1 + random(8);
      for (let k = 0; k < flips; k++) {
        const at = round % 2 === 0 ? random(bytes.length) : 68 + random(60_000);
        bytes[at] = random(256);
      }
      try {
        // What imports despite the damage is still a valid model.
        for (const item of importJfr(bytes, DEFAULT_IMPORT_LIMITS)) {
          if (item.type === 'profile') expect(checkProfile(item.profile)).toEqual([]);
        }
      } catch (error) {
        if (!(error instanceof ImportFailure)) throw error;
        failures++;
      }
    }
    expect(failures).toBeGreaterThan(0);
    expect(performance.now() - t0).toBeLessThan(30_000);
  });
});
