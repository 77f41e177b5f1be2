/**
 * Inputs meant to break an importer. Each must end, within a second, in
 * either a checked profile or an ImportError that names the file and says
 * specifically what is wrong; never a crash, a raw engine error or a hang.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importBytes, readFixture } from '../../test/fixtures/load-fixture';
import { allFunctionNames, stackDepth } from '../../test/fixtures/profile-helpers';
import { deepPprof, encodePprof } from '../../test/fixtures/synthetic-pprof';
import { checkProfile } from '../profile/invariants';
import type { Profile } from '../profile/model';
import { ImportError } from './errors';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './limits';

const MiB = 1024 * 1024;
const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const gzip = (bytes: Uint8Array): Uint8Array => new Uint8Array(gzipSync(bytes));

/**
 * A hang guard, not a speed target (those live in `npm run bench`): a hostile file must be refused without the
 * quadratic or unbounded work that would take minutes. The bound is loose so that a loaded 2-core CI machine, where
 * these take 50–400 ms, never trips it.
 */
function timed<T>(run: () => T): T {
  const start = performance.now();
  try {
    return run();
  } finally {
    expect(performance.now() - start, 'milliseconds taken').toBeLessThan(10_000);
  }
}

/** Imports and returns the ImportError's message; fails the test if the import succeeds or throws anything else. */
function refusal(bytes: Uint8Array, name: string, limits?: Partial<ImportLimits>): string {
  return timed(() => {
    try {
      importBytes(bytes, name, limits);
    } catch (error) {
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).fileName).toBe(name);
      return (error as ImportError).message;
    }
    throw new Error(`${name} was imported`);
  });
}

function accepted(bytes: Uint8Array, name: string, limits?: Partial<ImportLimits>): Profile {
  const profile = timed(() => importBytes(bytes, name, limits));
  expect(checkProfile(profile)).toEqual([]);
  return profile;
}

/** Deterministic bytes (mulberry32), so a failure can be replayed. */
function randomBytes(seed: number, length: number): Uint8Array {
  let state = seed >>> 0;
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    bytes[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return bytes;
}

function deepFolded(depth: number): Uint8Array {
  return text(`${Array.from({ length: depth }, (_, i) => `frame${i}`).join(';')} 3\n`);
}

describe('malformed bytes', () => {
  it('empty file', () => {
    expect(refusal(new Uint8Array(0), 'empty.pb.gz')).toBe('empty.pb.gz: empty file');
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('random bytes, seed %d', (seed) => {
    for (const length of [1, 7, 100, 4096, 100_000]) {
      const message = refusal(randomBytes(seed, length), 'random.bin');
      expect(message).toMatch(
        /^random\.bin: (unknown format|corrupt protobuf|looks like|invalid JSON|profile has no sample types)/,
      );
    }
  });

  it('random bytes inside valid gzip', () => {
    expect(refusal(gzip(randomBytes(42, 10_000)), 'random.gz')).toMatch(
      /^random\.gz: (unknown format|corrupt protobuf)/,
    );
  });

  it('truncated gzip', () => {
    const bytes = readFixture('pprof/cpu_1.pb.gz');
    expect(refusal(bytes.subarray(0, bytes.length >> 1), 'cpu.pb.gz')).toBe('cpu.pb.gz: truncated gzip data');
    expect(refusal(bytes.subarray(0, 2), 'cpu.pb.gz')).toBe('cpu.pb.gz: truncated gzip data');
  });

  it('corrupt gzip', () => {
    const bytes = new Uint8Array(readFixture('pprof/cpu_1.pb.gz'));
    bytes[bytes.length - 6] = (bytes[bytes.length - 6] as number) ^ 0xff; // inside the CRC-32 trailer
    expect(refusal(bytes, 'cpu.pb.gz')).toBe('cpu.pb.gz: corrupt gzip data: incorrect data check');
  });

  it('gzip bomb: 64 MiB of zeros stops at a 16 MiB limit', () => {
    const bomb = gzip(new Uint8Array(64 * MiB));
    expect(bomb.length).toBeLessThan(100_000);
    expect(refusal(bomb, 'bomb.pb.gz', { maxDecompressedBytes: 16 * MiB })).toBe(
      'bomb.pb.gz: decompressed size exceeds the limit of 16777216 bytes',
    );
    // Under the default limit the zeros are inflated, then refused as what they are.
    expect(refusal(bomb, 'bomb.pb.gz')).toMatch(/^bomb\.pb\.gz: unknown format: /);
  });

  it('default limits are sane', () => {
    // Above the largest real profile in the corpus (48 MB uncompressed), below what a desktop can hold.
    expect(DEFAULT_IMPORT_LIMITS.maxDecompressedBytes).toBeGreaterThanOrEqual(256 * MiB);
    expect(DEFAULT_IMPORT_LIMITS.maxDecompressedBytes).toBeLessThanOrEqual(4096 * MiB);
    expect(DEFAULT_IMPORT_LIMITS.maxInputBytes).toBeGreaterThanOrEqual(DEFAULT_IMPORT_LIMITS.maxDecompressedBytes);
    expect(DEFAULT_IMPORT_LIMITS.maxStackDepth).toBeGreaterThanOrEqual(20_000);
  });

  it('gzip inside gzip', () => {
    expect(refusal(gzip(readFixture('pprof/cpu_1.pb.gz')), 'twice.gz')).toBe(
      'twice.gz: gzip data inside gzip data is not supported',
    );
  });

  it('protobuf with a length past the end', () => {
    const raw = new Uint8Array(gunzipSync(readFixture('pprof/pprof__report__sample.cpu')));
    // Cut inside the last field: its length (or varint) now runs past the end.
    expect(refusal(raw.subarray(0, raw.length - 3), 'sample.cpu')).toMatch(
      /^sample\.cpu: corrupt protobuf: Profile\.\S+ \(field \d+\) .*(past the end|cut off)/,
    );
    // sample_type claims 5 bytes, 2 follow; the name makes "corrupt" the better guess.
    expect(refusal(new Uint8Array([0x0a, 0x05, 0x08, 0x01]), 'short.pb')).toBe(
      'short.pb: corrupt protobuf: Profile.sample_type (field 1) at byte 0 has length 5, past the end of its data at byte 4',
    );
    // The same inside a nested message: a Sample whose location_id list is longer than the Sample.
    const nested = new Uint8Array([0x0a, 0x02, 0x08, 0x01, 0x12, 0x03, 0x0a, 0x09, 0x01]);
    expect(refusal(nested, 'nested.pb')).toBe(
      'nested.pb: corrupt protobuf: Sample.location_id (field 1) at byte 6 has length 9, past the end of its data at byte 9',
    );
  });

  it('protobuf with wire types profile.proto does not use', () => {
    // sample_type as a fixed64 (wire type 1).
    const bytes = new Uint8Array([0x0a, 0x02, 0x08, 0x01, 0x09, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(refusal(bytes, 'wire.pb')).toBe(
      'wire.pb: corrupt protobuf: Profile.sample_type (field 1) at byte 4 has wire type 1, which profile.proto does not use',
    );
  });

  it('JSON nested 100,000 deep', () => {
    expect(refusal(text('['.repeat(100_000) + ']'.repeat(100_000)), 'deep.json')).toBe(
      'deep.json: unknown format: a JSON array that is not a known profile format',
    );
  });

  it('numbers JSON cannot hold', () => {
    const json = `{"nodes":[{"id":1,"callFrame":{"functionName":"(root)"},"children":[]}],"startTime":0,"endTime":1,"samples":[1],"timeDeltas":[1e400]}`;
    expect(refusal(text(json), 'inf.cpuprofile')).toBe('inf.cpuprofile: timeDeltas[0] is not a finite number');
  });
});

describe('deep stacks and odd names import', () => {
  it('a folded stack 20,000 frames deep', () => {
    const p = accepted(deepFolded(20_000), 'deep.folded');
    expect(stackDepth(p, p.samples.stack[0] as number)).toBe(20_000);
  });

  it('a pprof sample 20,000 frames deep', () => {
    const p = accepted(deepPprof(20_000), 'deep.pb');
    expect(stackDepth(p, p.samples.stack[0] as number)).toBe(20_000);
  });

  it('an old-format .cpuprofile nested 20,000 deep', () => {
    const depth = 20_000;
    let json = '';
    for (let i = 1; i <= depth; i++) json += `{"functionName":"f${i}","id":${i},"children":[`;
    json += `{"functionName":"leaf","id":${depth + 1}}`;
    json += ']}'.repeat(depth);
    const p = accepted(
      text(`{"head":${json},"startTime":1,"endTime":2,"samples":[${depth + 1}],"timestamps":[1000001]}`),
      'old.cpuprofile',
    );
    expect(stackDepth(p, p.samples.stack[0] as number)).toBe(depth + 1);
  });

  it('function names with markup are kept verbatim', () => {
    const names = ['<script>alert(1)</script>', '</script><img src=x onerror=alert(1)>'];
    const pprof = accepted(
      encodePprof({
        sampleTypes: [['samples', 'count']],
        functions: names,
        locations: [{ lines: [1] }, { lines: [2] }],
        samples: [{ locations: [1, 2], values: [1] }],
      }),
      'markup.pb',
    );
    expect(allFunctionNames(pprof).sort()).toEqual([...names].sort());
    const folded = accepted(text(`${names.join(';')} 1\n`), 'markup.txt');
    expect(allFunctionNames(folded)).toEqual(names);
    const cpu = accepted(
      text(
        JSON.stringify({
          nodes: [
            { id: 1, callFrame: { functionName: '(root)', url: '' }, children: [2] },
            { id: 2, callFrame: { functionName: names[0], url: names[1] } },
          ],
          startTime: 0,
          endTime: 10,
          samples: [2],
          timeDeltas: [1],
        }),
      ),
      'markup.cpuprofile',
    );
    expect(allFunctionNames(cpu)).toEqual([names[0]]);
    expect(cpu.strings).toContain(names[1]);
  });
});

describe('limits', () => {
  it('stack depth', () => {
    expect(refusal(deepFolded(20_000), 'deep.folded', { maxStackDepth: 1000 })).toBe(
      'deep.folded: stack depth 20000 exceeds the limit maxStackDepth=1000',
    );
    expect(refusal(deepPprof(2000), 'deep.pb', { maxStackDepth: 1000 })).toBe(
      'deep.pb: stack depth 2000 exceeds the limit maxStackDepth=1000',
    );
    const chain = Array.from({ length: 2000 }, (_, i) => ({
      id: i + 1,
      callFrame: { functionName: i === 0 ? '(root)' : `f${i}` },
      children: i + 1 < 2000 ? [i + 2] : [],
    }));
    const cpu = text(JSON.stringify({ nodes: chain, startTime: 0, endTime: 1, samples: [2000], timeDeltas: [1] }));
    expect(refusal(cpu, 'deep.cpuprofile', { maxStackDepth: 1000 })).toBe(
      'deep.cpuprofile: stack depth 1001 exceeds the limit maxStackDepth=1000',
    );
  });

  it('sample count', () => {
    expect(refusal(readFixture('pprof/cpu_1.pb.gz'), 'cpu.pb.gz', { maxSamples: 100 })).toBe(
      'cpu.pb.gz: sample count 101 exceeds the limit maxSamples=100',
    );
    expect(refusal(readFixture('cpuprofile/node-leaky.cpuprofile'), 'leaky.cpuprofile', { maxSamples: 1000 })).toBe(
      'leaky.cpuprofile: sample count 8531 exceeds the limit maxSamples=1000',
    );
    expect(
      refusal(readFixture('collapsed/speedscope__stackcollapse__simple.txt'), 'simple.txt', { maxSamples: 3 }),
    ).toBe('simple.txt: sample count 4 exceeds the limit maxSamples=3');
  });

  it('string length', () => {
    expect(refusal(text(`${'x'.repeat(100)};main 1\n`), 'long.txt', { maxStringLength: 50 })).toBe(
      'long.txt: frame name length 100 exceeds the limit maxStringLength=50',
    );
    expect(refusal(readFixture('pprof/cpu_1.pb.gz'), 'cpu.pb.gz', { maxStringLength: 20 })).toMatch(
      /^cpu\.pb\.gz: string (length|of) \d+ (bytes )?exceeds the limit maxStringLength=20$/,
    );
    expect(
      refusal(readFixture('cpuprofile/node-leaky.cpuprofile'), 'leaky.cpuprofile', { maxStringLength: 20 }),
    ).toMatch(
      /^leaky\.cpuprofile: length of nodes\[\d+\]\.callFrame\.(url|functionName) \d+ exceeds the limit maxStringLength=20$/,
    );
  });

  it('input and decompressed size', () => {
    expect(refusal(readFixture('pprof/cpu_1.pb.gz'), 'cpu.pb.gz', { maxInputBytes: 1000 })).toBe(
      'cpu.pb.gz: file size in bytes 8849 exceeds the limit maxInputBytes=1000',
    );
    expect(refusal(readFixture('pprof/cpu_1.pb.gz'), 'cpu.pb.gz', { maxDecompressedBytes: 1000 })).toBe(
      'cpu.pb.gz: decompressed size exceeds the limit of 1000 bytes',
    );
  });

  it('refuses limits that are not positive numbers', () => {
    expect(refusal(text('a 1\n'), 'a.txt', { maxSamples: -1 })).toBe(
      'a.txt: import limit maxSamples must be a positive number, got -1',
    );
  });
});
