/**
 * Corrupt, hostile and odd-but-valid protobuf for the pprof reader itself
 * (importPprof without the sniffer's structural pre-check, and the streaming
 * API): each ends in a profile or an ImportFailure with a specific reason,
 * never a crash, a hang or a silently wrong profile.
 */
import { describe, expect, it } from 'vitest';
import { uncompressedBytes, pprofFiles } from '../../../test/fixtures/pprof-reference';
import { stackDepth, stackNames } from '../../../test/fixtures/profile-helpers';
import {
  fixed32Field,
  fixed64Field,
  lengthField,
  packedField,
  stringField,
  tag,
  toBytes,
  topLevelFields,
  varint,
  varintField,
  type Bytes,
} from '../../../test/fixtures/protobuf-writer';
import { deepPprof } from '../../../test/fixtures/synthetic-pprof';
import { prng } from '../../../test/fixtures/prng';
import { checkProfile } from '../../profile/invariants';
import type { Profile } from '../../profile/model';
import { ImportFailure, LimitExceeded } from '../errors';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../limits';
import { importPprof } from './pprof';
import { ImportCancelled, importPprofStream, type PprofStreamOptions } from './stream';

const limits: ImportLimits = { ...DEFAULT_IMPORT_LIMITS };
const fixture = (name: string): Uint8Array =>
  uncompressedBytes(pprofFiles().find((f) => f.name === name)?.path as string);

function chunks(bytes: Uint8Array, size: number): () => AsyncIterable<Uint8Array> {
  return async function* () {
    for (let pos = 0; pos < bytes.length; pos += size) yield bytes.slice(pos, pos + size);
  };
}

/** The reason both readers give for `bytes` (sync, and streamed in 7-byte chunks); fails the test if either imports. */
async function refusal(bytes: Uint8Array, options: Partial<ImportLimits> = {}): Promise<string> {
  const withLimits = { ...limits, ...options };
  let syncReason = '';
  try {
    importPprof(bytes, withLimits);
    throw new Error('imported');
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFailure);
    syncReason = (error as ImportFailure).reason;
  }
  await expect(importPprofStream(chunks(bytes, 7), { limits: withLimits })).rejects.toThrow(
    new ImportFailure(syncReason),
  );
  return syncReason;
}

// A small profile written field by field, strings last as Go writes them.
// Strings: 0 "", 1 samples, 2 count, 3 main, 4 leaf, 5 tenant, 6 a.
const STRINGS = ['', 'samples', 'count', 'main', 'leaf', 'tenant', 'a'];
interface Parts {
  sampleType?: Bytes;
  functions?: Bytes[];
  locations?: Bytes[];
  samples?: Bytes[];
  extra?: Bytes;
}
function profileBytes(parts: Parts = {}): Uint8Array {
  const sampleType = parts.sampleType ?? [...varintField(1, 1), ...varintField(2, 2)];
  const functions = parts.functions ?? [
    [...varintField(1, 1), ...varintField(2, 3)],
    [...varintField(1, 2), ...varintField(2, 4)],
  ];
  const locations = parts.locations ?? [
    [...varintField(1, 1), ...lengthField(4, varintField(1, 1))],
    [...varintField(1, 2), ...lengthField(4, varintField(1, 2))],
  ];
  const samples = parts.samples ?? [[...packedField(1, [2, 1]), ...packedField(2, [5])]];
  return toBytes(
    lengthField(1, sampleType),
    ...samples.map((s) => lengthField(2, s)),
    ...locations.map((l) => lengthField(4, l)),
    ...functions.map((f) => lengthField(5, f)),
    parts.extra ?? [],
    ...STRINGS.map((s) => stringField(6, s)),
  );
}

function folded(p: Profile): string[] {
  return Array.from(p.samples.stack).map(
    (s, row) => `${stackNames(p, s).join(';')} ${p.samples.values.map((c) => c[row]).join(',')}`,
  );
}

describe('the hand-written profile parses', () => {
  it('as main;leaf 5', () => {
    const p = importPprof(profileBytes(), limits);
    expect(checkProfile(p)).toEqual([]);
    expect(folded(p)).toEqual(['main;leaf 5']);
  });
});

describe('truncated input', () => {
  it('in the middle of a sample', async () => {
    const bytes = fixture('pprof/cpu_1.pb.gz');
    const [, at, start, end] = topLevelFields(bytes).find(([field]) => field === 2) as number[];
    const cut = (start as number) + Math.floor(((end as number) - (start as number)) / 2);
    expect(await refusal(bytes.subarray(0, cut))).toBe(
      `corrupt protobuf: Profile.sample (field 2) at byte ${at} has length ${(end as number) - (start as number)}, past the end of its data at byte ${cut}`,
    );
  });

  it('in the middle of a string', async () => {
    const bytes = fixture('pprof/cpu_1.pb.gz');
    const fields = topLevelFields(bytes);
    const [, at, start, end] = fields.find(
      ([field, , s, e]) => field === 6 && (e as number) - (s as number) > 8,
    ) as number[];
    const cut = (start as number) + 4;
    expect(await refusal(bytes.subarray(0, cut))).toBe(
      `corrupt protobuf: Profile.string_table (field 6) at byte ${at} has length ${(end as number) - (start as number)}, past the end of its data at byte ${cut}`,
    );
  });

  it('inside a tag or a length', async () => {
    const whole = profileBytes();
    expect(await refusal(toBytes([...whole], [0x92]))).toMatch(
      `corrupt protobuf: Profile has a tag cut off at byte ${whole.length}`,
    );
    expect(await refusal(toBytes([...whole], [0x12, 0x80]))).toBe(
      `corrupt protobuf: Profile.sample (field 2) has a length cut off at byte ${whole.length + 1} by the end of the data at byte ${whole.length + 2}`,
    );
  });
});

describe('lengths and varints that lie', () => {
  it('a length past the end, at the top level and nested', async () => {
    expect(await refusal(new Uint8Array([0x0a, 0x05, 0x08, 0x01]))).toBe(
      'corrupt protobuf: Profile.sample_type (field 1) at byte 0 has length 5, past the end of its data at byte 4',
    );
    // A Sample whose location_id list claims 9 bytes and has 1. Pass 2 finds it (pass 1 does not read samples).
    const bytes = profileBytes({ samples: [[0x0a, 0x09, 0x01]] });
    const [, , start] = topLevelFields(bytes).find(([field]) => field === 2) as number[];
    expect(await refusal(bytes)).toBe(
      `corrupt protobuf: Sample.location_id (field 1) at byte ${start} has length 9, past the end of its data at byte ${(start as number) + 3}`,
    );
    // A Line inside a Location, the same way (pass 1).
    const line = profileBytes({ locations: [[...varintField(1, 1), 0x22, 0x05, 0x08, 0x01]] });
    const [, , locationStart] = topLevelFields(line).find(([field]) => field === 4) as number[];
    expect(await refusal(line)).toBe(
      `corrupt protobuf: Location.line (field 4) at byte ${(locationStart as number) + 2} has length 5, past the end of its data at byte ${(locationStart as number) + 6}`,
    );
  });

  it('a varint longer than 10 bytes, at the top level and in a sample', async () => {
    const whole = profileBytes();
    const overlong = [...new Array<number>(10).fill(0xff), 0x01];
    expect(await refusal(toBytes([...whole], tag(9, 0), overlong))).toBe(
      `corrupt protobuf: Profile.time_nanos (field 9) has a varint longer than 10 bytes at byte ${whole.length + 1}`,
    );
    const sample = [...tag(1, 0), ...overlong, ...packedField(2, [5])];
    const bytes = profileBytes({ samples: [sample] });
    const [, , start] = topLevelFields(bytes).find(([field]) => field === 2) as number[];
    expect(await refusal(bytes)).toBe(
      `corrupt protobuf: Sample has a varint longer than 10 bytes at byte ${(start as number) + 1}`,
    );
  });

  it('a packed list that ends inside a varint', async () => {
    const bytes = profileBytes({ samples: [[...lengthField(1, [0x81]), ...packedField(2, [5])]] });
    expect(await refusal(bytes)).toMatch(
      /^corrupt protobuf: Sample has a varint cut off at byte \d+ by the end of its data/,
    );
  });

  it('wire types profile.proto does not use', async () => {
    expect(await refusal(new Uint8Array([0x0a, 0x02, 0x08, 0x01, 0x09, 1, 2, 3, 4, 5, 6, 7, 8]))).toBe(
      'corrupt protobuf: Profile.sample_type (field 1) at byte 4 has wire type 1, which profile.proto does not use',
    );
    expect(await refusal(profileBytes({ samples: [[...fixed32Field(1), ...packedField(2, [5])]] }))).toMatch(
      /^corrupt protobuf: Sample\.location_id \(field 1\) at byte \d+ has wire type 5, which profile.proto does not use$/,
    );
    expect(await refusal(profileBytes({ extra: lengthField(9, [1]) }))).toMatch(
      /^corrupt protobuf: Profile\.time_nanos \(field 9\) at byte \d+ should be a varint but is length-delimited$/,
    );
    expect(await refusal(profileBytes({ extra: [...tag(3, 3)] }))).toMatch(
      /^corrupt protobuf: Profile\.mapping \(field 3\) at byte \d+ has wire type 3/,
    );
  });

  it('field number 0', async () => {
    expect(await refusal(toBytes([...profileBytes()], [0x02, 0x00]))).toMatch(
      /^corrupt protobuf: Profile has field number 0 at byte \d+$/,
    );
  });
});

describe('random damage', () => {
  it('flipped bytes and cuts give a valid profile or an ImportFailure, never another error', async () => {
    const original = fixture('pprof-labels/labelled-cpu.pb.gz');
    const outcomes = { imported: 0, refused: 0 };
    for (let seed = 1; seed <= 400; seed++) {
      const next = prng(seed);
      const bytes = original.slice(0, seed % 4 === 0 ? Math.floor(next() * original.length) : original.length);
      for (let flips = 1 + Math.floor(next() * 4); flips > 0; flips--) {
        bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
      }
      let profile: Profile | null = null;
      let reason = '';
      try {
        profile = importPprof(bytes, limits);
      } catch (error) {
        if (!(error instanceof ImportFailure)) throw new Error(`seed ${seed}: ${String(error)}`);
        reason = error.reason;
      }
      if (profile) {
        expect(checkProfile(profile), `seed ${seed}`).toEqual([]);
        outcomes.imported++;
      } else {
        expect(reason, `seed ${seed}`).toMatch(
          /^(corrupt (protobuf|profile)|profile has no sample types|\w[\w ]* exceeds the limit)/,
        );
        outcomes.refused++;
      }
      // Every tenth: the stream reader, in odd chunks, reads the damaged bytes the same way.
      if (seed % 10 === 0) {
        const streamed = importPprofStream(chunks(bytes, 13), { limits });
        if (profile) expect(await streamed, `seed ${seed}`).toEqual(profile);
        else await expect(streamed, `seed ${seed}`).rejects.toThrow(new ImportFailure(reason));
      }
    }
    // Both outcomes occur: a flipped byte inside a number or a string leaves a valid profile.
    expect(outcomes.imported).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  });
});

describe('references that do not resolve', () => {
  it('a location id that does not exist', async () => {
    const bytes = profileBytes({ samples: [[...packedField(1, [2, 9]), ...packedField(2, [5])]] });
    expect(await refusal(bytes)).toBe('corrupt profile: sample 0 refers to location 9, which does not exist');
    const huge = profileBytes({ samples: [[...packedField(1, [2n ** 63n + 1n]), ...packedField(2, [5])]] });
    expect(await refusal(huge)).toBe(
      `corrupt profile: sample 0 refers to location ${2n ** 63n + 1n}, which does not exist`,
    );
  });

  it('a function or string that does not exist', async () => {
    const badFunction = profileBytes({ locations: [[...varintField(1, 1), ...lengthField(4, varintField(1, 7))]] });
    expect(await refusal(badFunction)).toBe('corrupt profile: location 1 refers to function 7, which does not exist');
    const badLabel = profileBytes({
      samples: [
        [
          ...packedField(1, [2, 1]),
          ...packedField(2, [5]),
          ...lengthField(3, [...varintField(1, 5), ...varintField(2, 70)]),
        ],
      ],
    });
    expect(await refusal(badLabel)).toBe(
      'corrupt profile: sample 0 label tenant refers to string 70, but the table has 7',
    );
  });

  it('a value count that differs from the sample types', async () => {
    const bytes = profileBytes({ samples: [[...packedField(1, [2, 1]), ...packedField(2, [5, 6])]] });
    expect(await refusal(bytes)).toBe('corrupt profile: sample 0 has 2 values but there are 1 sample types');
  });
});

describe('odd but valid encodings', () => {
  it('unknown fields are skipped at every level', () => {
    const unknown = [...varintField(100, 7), ...lengthField(16, [1, 2, 3]), ...fixed32Field(17), ...fixed64Field(18)];
    const plain = importPprof(profileBytes(), limits);
    const noisy = importPprof(
      profileBytes({
        sampleType: [...varintField(1, 1), ...unknown, ...varintField(2, 2)],
        functions: [
          [...varintField(1, 1), ...unknown, ...varintField(2, 3)],
          [...varintField(1, 2), ...varintField(2, 4), ...unknown],
        ],
        locations: [
          [...varintField(1, 1), ...lengthField(4, [...unknown, ...varintField(1, 1)])],
          [...unknown, ...varintField(1, 2), ...lengthField(4, varintField(1, 2))],
        ],
        samples: [[...unknown, ...packedField(1, [2, 1]), ...unknown, ...packedField(2, [5])]],
        extra: unknown,
      }),
      limits,
    );
    expect(noisy).toEqual(plain);
  });

  it('repeated scalars one per field instead of packed, in any order', () => {
    const unpacked = importPprof(
      profileBytes({ samples: [[...varintField(2, 5), ...varintField(1, 2), ...varintField(1, 1)]] }),
      limits,
    );
    expect(unpacked).toEqual(importPprof(profileBytes(), limits));
  });

  it('negative and 64-bit values', () => {
    const p = importPprof(
      profileBytes({
        samples: [
          [...packedField(1, [2, 1]), ...packedField(2, [-3n])],
          [...packedField(1, [2, 1]), ...packedField(2, [2n ** 40n])],
        ],
      }),
      limits,
    );
    expect(p.samples.values.map((c) => Array.from(c))).toEqual([[2 ** 40 - 3]]);
  });
});

describe('limits', () => {
  it('a stack 20,000 frames deep imports, and over maxStackDepth is refused', async () => {
    const bytes = deepPprof(20_000);
    const p = importPprof(bytes, limits);
    expect(stackDepth(p, p.samples.stack[0] as number)).toBe(20_000);
    const streamed = await importPprofStream(chunks(bytes, 4096), { limits });
    expect(stackDepth(streamed, streamed.samples.stack[0] as number)).toBe(20_000);
    expect(await refusal(bytes, { maxStackDepth: 19_999 })).toBe(
      'stack depth 20000 exceeds the limit maxStackDepth=19999',
    );
    expect(() => importPprof(bytes, { ...limits, maxStackDepth: 19_999 })).toThrow(LimitExceeded);
  });

  it('a profile whose distinct call paths exceed maxStackNodes is refused, in both paths', async () => {
    const bytes = deepPprof(20_000);
    // One stack of 20,000 frames is 20,000 nodes of the prefix tree.
    expect(await refusal(bytes, { maxStackNodes: 19_999 })).toBe(
      'stack tree nodes (frames of distinct call paths) 20000 exceeds the limit maxStackNodes=19999',
    );
    expect(() => importPprof(bytes, { ...limits, maxStackNodes: 19_999 })).toThrow(LimitExceeded);
    expect(importPprof(bytes, { ...limits, maxStackNodes: 20_000 }).stacks.frame).toHaveLength(20_000);
  });

  it('sample count, string length and decompressed size', async () => {
    const bytes = fixture('pprof/cpu_1.pb.gz');
    expect(await refusal(bytes, { maxSamples: 100 })).toBe('sample count 101 exceeds the limit maxSamples=100');
    expect(await refusal(bytes, { maxStringLength: 20 })).toMatch(
      /^string (length|of) \d+ (bytes )?exceeds the limit maxStringLength=20$/,
    );
    await expect(
      importPprofStream(chunks(bytes, 4096), { limits: { ...limits, maxDecompressedBytes: 10_000 } }),
    ).rejects.toThrow('decompressed size in bytes 12288 exceeds the limit maxDecompressedBytes=10000');
  });
});

describe('the streaming API', () => {
  const cpu = fixture('pprof/cpu_1.pb.gz');
  /** cpu_1 after 9 MiB of an unknown length-delimited field (16), which both passes skip. */
  function padded(): Uint8Array {
    const padding = 9 * 1024 * 1024;
    // Tag of field 16 takes 2 bytes; a length between 2^21 and 2^28 takes 4.
    const header = [...tag(16, 2), ...varint(padding - 6)];
    expect(header.length).toBe(6);
    const bytes = new Uint8Array(padding + cpu.length);
    bytes.set(header);
    bytes.set(cpu, padding);
    return bytes;
  }

  it('stops with ImportCancelled, returning nothing, when isCancelled turns true', async () => {
    for (const cancelAtPoll of [1, 2, 3]) {
      let polls = 0;
      const progress: number[] = [];
      const options: PprofStreamOptions = {
        limits,
        isCancelled: () => ++polls >= cancelAtPoll,
        onProgress: (p) => progress.push(p.pass),
      };
      await expect(importPprofStream(chunks(cpu, 4096), options)).rejects.toBeInstanceOf(ImportCancelled);
      expect(polls).toBe(cancelAtPoll);
      // Under 4 MB, isCancelled is polled before pass 1, between the passes and before the profile is built.
      expect(progress).toEqual([[], [1], [1, 2]][cancelAtPoll - 1]);
    }
  });

  it('polls isCancelled and reports progress every 4 MiB, even inside one large chunk', async () => {
    const bytes = padded();
    let polls = 0;
    const passes: number[] = [];
    const profile = await importPprofStream(
      async function* () {
        yield bytes;
      },
      { limits, isCancelled: () => (polls++, false), onProgress: (p) => passes.push(p.pass) },
    );
    expect(profile).toEqual(importPprof(cpu, limits));
    // Before pass 1, at 4 and 8 MiB of each pass, between the passes, before the build.
    expect(polls).toBe(7);
    expect(passes).toEqual([1, 1, 1, 2, 2, 2]);
    let cancelPolls = 0;
    await expect(
      importPprofStream(chunks(bytes, 64 * 1024), { limits, isCancelled: () => ++cancelPolls === 2 }),
    ).rejects.toBeInstanceOf(ImportCancelled);
    // The second poll comes 4 MiB into pass 1.
    expect(cancelPolls).toBe(2);
  });

  it('refuses a source that yields other bytes the second time', async () => {
    const [, at, , end] = topLevelFields(cpu).find(([field]) => field === 2) as number[];
    const withoutFirstSample = toBytes([...cpu.subarray(0, at)], [...cpu.subarray(end)]);
    let pass = 0;
    const source = () => chunks(pass++ === 0 ? cpu : withoutFirstSample, 4096)();
    await expect(importPprofStream(source, { limits })).rejects.toThrow(
      `the data changed between the two passes of the pprof reader (${cpu.length} bytes, then ${withoutFirstSample.length})`,
    );
  });
});
