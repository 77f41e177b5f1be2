import { describe, expect, it } from 'vitest';
import { readFixture, readFixtureText } from '../../../test/fixtures/load-fixture';
import { checkProfile } from '../../profile/invariants';
import { sampleTotals, type Profile } from '../../profile/model';
import { ImportFailure, LimitExceeded } from '../errors';
import { DEFAULT_IMPORT_LIMITS, resolveImportLimits } from '../limits';
import { importLegacyCpu, looksLikeLegacyCpu } from './cpu';
import { MappingResolver, parseMapsLine, parseProcMaps } from './cpu-maps';

const DIR = 'pprof-legacy-cpu';
const limits = resolveImportLimits();

/**
 * Totals from ../shared/corpus/MANIFEST.md (samples/count, cpu/nanoseconds).
 * `records` is the number of sample records in the golden dump; the MANIFEST's
 * "sample records" (50, 153, 7, 6) count `go tool pprof`'s output, which
 * merges equal stacks and drops zero-valued samples.
 */
const FILES = [
  { name: 'cppbench', totals: [712, 7_120_000_000], records: 52 },
  { name: 'gobench', totals: [305, 3_050_000_000], records: 206 },
  { name: 'go.crc32', totals: [211, 2_110_000_000], records: 69 },
  { name: 'java', totals: [7, 70_000_000], records: 8 },
] as const;

function load(name: string): Profile {
  return importLegacyCpu(readFixture(`${DIR}/pprof__${name}.cpu`), limits);
}

// invariants.ts does not list 'pprof-legacy' among its formats yet (a model
// file this work may not edit); every other invariant must hold.
const UNKNOWN_FORMAT = 'format "pprof-legacy" is not a known format';
function violations(profile: Profile): string[] {
  return checkProfile(profile).filter((v) => v !== UNKNOWN_FORMAT);
}

// ---- Reading Go's profile.Profile.String() dumps (and `go tool pprof -raw`, the same layout) ----

interface DumpSample {
  values: number[];
  locations: number[];
}
interface DumpLocation {
  address: string;
  mapping: number | null;
  /** "GC :0:0 s=0" for Java's named locations: function, file, line. */
  name: string | null;
  file: string | null;
  line: number | null;
}
interface DumpMapping {
  start: string;
  limit: string;
  offset: string;
  file: string;
}
interface Dump {
  period: number;
  sampleTypes: string;
  samples: DumpSample[];
  locations: Map<number, DumpLocation>;
  mappings: DumpMapping[];
}

function parseDump(text: string): Dump {
  const lines = text.split('\n');
  const dump: Dump = { period: NaN, sampleTypes: '', samples: [], locations: new Map(), mappings: [] };
  let section = '';
  for (const line of lines) {
    if (line.startsWith('Period: ')) dump.period = Number(line.slice('Period: '.length));
    if (line === 'Samples:' || line === 'Locations' || line === 'Mappings') {
      section = line;
      continue;
    }
    if (section === 'Samples:') {
      const sample = /^\s*(\d+)\s+(\d+): ([\d ]*)$/.exec(line);
      if (sample) {
        dump.samples.push({
          values: [Number(sample[1]), Number(sample[2])],
          locations: (sample[3] as string).trim().split(' ').map(Number),
        });
      } else if (line.trim() !== '') {
        dump.sampleTypes = line.trim();
      }
    } else if (section === 'Locations') {
      const native = /^\s*(\d+): (0x[0-9a-f]+) M=(\d+) $/.exec(line);
      const java = /^\s*(\d+): (0x[0-9a-f]+) (\S+) (\S*):(\d+):\d+ s=0$/.exec(line);
      if (native) {
        dump.locations.set(Number(native[1]), {
          address: native[2] as string,
          mapping: Number(native[3]),
          name: null,
          file: null,
          line: null,
        });
      } else if (java) {
        dump.locations.set(Number(java[1]), {
          address: java[2] as string,
          mapping: null,
          name: java[3] as string,
          file: java[4] as string,
          line: Number(java[5]),
        });
      } else if (line.trim() !== '') {
        throw new Error(`unexpected location line ${JSON.stringify(line)}`);
      }
    } else if (section === 'Mappings') {
      const m = /^(\d+): (0x[0-9a-f]+)\/(0x[0-9a-f]+)\/(0x[0-9a-f]+) ?(\S*)/.exec(line);
      if (m)
        dump.mappings.push({
          start: m[2] as string,
          limit: m[3] as string,
          offset: m[4] as string,
          file: m[5] as string,
        });
    }
  }
  return dump;
}

function readDump(file: string): Dump {
  return parseDump(readFixtureText(`${DIR}/${file}`));
}

/** Sample i's frames, leaf first: function names, and addresses as hex. */
function sampleFrames(
  profile: Profile,
  i: number,
): { names: string[]; addresses: string[]; lines: number[]; files: string[] } {
  const out = { names: [] as string[], addresses: [] as string[], lines: [] as number[], files: [] as string[] };
  for (let s = profile.samples.stack[i] as number; s >= 0; s = profile.stacks.parent[s] as number) {
    const frame = profile.stacks.frame[s] as number;
    const func = profile.frames.func[frame] as number;
    out.names.push(profile.strings[profile.functions.name[func] as number] as string);
    out.files.push(profile.strings[profile.functions.file[func] as number] as string);
    out.addresses.push(`0x${(profile.frames.address[frame] as number).toString(16)}`);
    out.lines.push(profile.frames.line[frame] as number);
  }
  return out;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

describe('legacy binary CPU profiles against pprof’s own parse (profile/testdata/*.cpu.string)', () => {
  for (const { name, totals, records } of FILES) {
    describe(name, () => {
      const profile = load(name);
      const golden = readDump(`pprof__${name}.cpu.string`);

      it('has pprof’s sample types, period and kind', () => {
        expect(golden.sampleTypes).toBe('samples/count cpu/nanoseconds');
        expect(profile.format).toBe('pprof-legacy');
        expect(profile.kind).toBe('cpu');
        expect(profile.sampleTypes).toEqual([
          { type: 'samples', unit: 'count' },
          { type: 'cpu', unit: 'nanoseconds' },
        ]);
        expect(profile.defaultSampleType).toBe(1);
        expect(golden.period).toBe(10_000_000);
        expect(profile.period).toBe(golden.period);
        expect(profile.periodType).toEqual({ type: 'cpu', unit: 'nanoseconds' });
      });

      it('has the golden’s samples, values and frames, in order', () => {
        expect(golden.samples).toHaveLength(records);
        expect(profile.samples.stack).toHaveLength(golden.samples.length);
        golden.samples.forEach((expected, i) => {
          expect([profile.samples.values[0]?.[i], profile.samples.values[1]?.[i]], `sample ${i}`).toEqual(
            expected.values,
          );
          const actual = sampleFrames(profile, i);
          const locations = expected.locations.map((id) => golden.locations.get(id) as DumpLocation);
          if (name === 'java') {
            expect(actual.names, `sample ${i}`).toEqual(locations.map((l) => l.name));
            expect(actual.files, `sample ${i}`).toEqual(locations.map((l) => l.file));
            expect(actual.lines, `sample ${i}`).toEqual(locations.map((l) => l.line));
            // pprof zeroes Java "addresses" (method ids); so does Kiln.
            expect(actual.addresses, `sample ${i}`).toEqual(locations.map((l) => l.address));
          } else {
            expect(actual.addresses, `sample ${i}`).toEqual(locations.map((l) => l.address));
            // Named "address [mapping base name]", or the address alone under pprof's file-less fake mapping.
            const names = locations.map((l) => {
              const file = golden.mappings[(l.mapping as number) - 1]?.file ?? '';
              return file === '' ? l.address : `${l.address} [${baseName(file)}]`;
            });
            expect(actual.names, `sample ${i}`).toEqual(names);
          }
        });
      });

      it('has the MANIFEST’s totals', () => {
        expect(sampleTotals(profile)).toEqual(totals);
      });

      it('keeps the model’s invariants', () => {
        expect(violations(profile)).toEqual([]);
      });

      it('is detected by its header', () => {
        expect(looksLikeLegacyCpu(readFixture(`${DIR}/pprof__${name}.cpu`))).toBe(true);
      });
    });
  }

  it('parses cppbench’s maps text into pprof’s 12 mappings', () => {
    const bytes = readFixture(`${DIR}/pprof__cppbench.cpu`);
    const whole = new TextDecoder('latin1').decode(bytes);
    const text = whole.slice(whole.indexOf('00400000-'));
    const golden = readDump('pprof__cppbench.cpu.string').mappings;
    const resolver = new MappingResolver(parseProcMaps(text, limits));
    expect(
      resolver.mappings.map((m) => ({
        start: `0x${m.start.toString(16)}`,
        limit: `0x${m.limit.toString(16)}`,
        offset: `0x${m.offset.toString(16)}`,
        file: m.file,
      })),
    ).toEqual(golden);
    expect(golden).toHaveLength(12);
  });
});

describe('against `go tool pprof -raw` (Go 1.19.8), a second oracle', () => {
  // test/fixtures/pprof-legacy-cpu/pprof__cppbench.cpu.raw.txt was written by
  //   PPROF_BINARY_PATH=/nonexistent go tool pprof -symbolize=none -raw pprof__cppbench.cpu > pprof__cppbench.cpu.raw.txt
  // pprof's driver merges equal samples and drops unused mappings, so the
  // comparison is of totals and of the value per distinct stack.
  const raw = readDump('pprof__cppbench.cpu.raw.txt');
  const profile = load('cppbench');

  it('has the same totals', () => {
    let count = 0;
    let nanos = 0;
    for (const s of raw.samples) {
      count += s.values[0] as number;
      nanos += s.values[1] as number;
    }
    const totals = [count, nanos];
    expect(sampleTotals(profile)).toEqual(totals);
    expect(totals).toEqual([712, 7_120_000_000]);
  });

  it('has the same value on every distinct stack, and the same frame names', () => {
    const expected = new Map<string, number>();
    for (const s of raw.samples) {
      const key = s.locations
        .map((id) => {
          const l = raw.locations.get(id) as DumpLocation;
          return `${l.address} [${baseName(raw.mappings[(l.mapping as number) - 1]?.file as string)}]`;
        })
        .join(';');
      expected.set(key, (expected.get(key) ?? 0) + (s.values[0] as number));
    }
    const actual = new Map<string, number>();
    for (let i = 0; i < profile.samples.stack.length; i++) {
      const key = sampleFrames(profile, i).names.join(';');
      actual.set(key, (actual.get(key) ?? 0) + (profile.samples.values[0]?.[i] as number));
    }
    expect(actual).toEqual(expected);
    expect(raw.mappings.map((m) => m.file)).toEqual([
      'cppbench_server_main',
      '/lib/libpthread-2.15.so',
      '/lib/libc-2.15.so',
    ]);
  });
});

// ---- Synthetic files ----

type Layout = { wordBytes: 4 | 8; littleEndian: boolean };
const LAYOUTS: Layout[] = [
  { wordBytes: 4, littleEndian: true },
  { wordBytes: 4, littleEndian: false },
  { wordBytes: 8, littleEndian: true },
  { wordBytes: 8, littleEndian: false },
];

function encode(words: (number | bigint)[], layout: Layout, text = ''): Uint8Array {
  const textBytes = new TextEncoder().encode(text);
  const out = new Uint8Array(words.length * layout.wordBytes + textBytes.length);
  const view = new DataView(out.buffer);
  words.forEach((w, i) => {
    if (layout.wordBytes === 4) view.setUint32(i * 4, Number(w), layout.littleEndian);
    else view.setBigUint64(i * 8, BigInt(w), layout.littleEndian);
  });
  out.set(textBytes, words.length * layout.wordBytes);
  return out;
}

const HEADER = [0, 3, 0, 10_000, 0];
const TRAILER = [0, 1, 0];
const LE32 = LAYOUTS[0] as Layout;
const LE64 = LAYOUTS[2] as Layout;

function expectFailure(run: () => unknown, reason: string | RegExp): void {
  let error: unknown;
  const started = Date.now();
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(Date.now() - started).toBeLessThan(1000);
  expect(error).toBeInstanceOf(ImportFailure);
  if (typeof reason === 'string') expect((error as ImportFailure).reason).toBe(reason);
  else expect((error as ImportFailure).reason).toMatch(reason);
}

describe('layouts, adjustments and naming', () => {
  // Three samples whose frame after the leaf is not shared (so pprof's
  // signal-frame heuristic leaves them alone): leaf, then return addresses.
  const records = [2, 3, 0x1000, 0x2001, 0x3001, 1, 2, 0x1010, 0x2101, 4, 1, 0x1020];
  const maps = '00000000-00010000 r-xp 00000000 08:01 42 /usr/bin/app\n';

  it.each(LAYOUTS)('reads the same profile in every layout (%o)', (layout) => {
    const bytes = encode([...HEADER, ...records, ...TRAILER], layout, maps);
    expect(looksLikeLegacyCpu(bytes)).toBe(true);
    const p = importLegacyCpu(bytes, limits);
    expect(violations(p)).toEqual([]);
    expect(p.samples.values.map((c) => Array.from(c))).toEqual([
      [2, 1, 4],
      [20_000_000, 10_000_000, 40_000_000],
    ]);
    expect(sampleFrames(p, 0).names).toEqual(['0x1000 [app]', '0x2000 [app]', '0x3000 [app]']);
    expect(sampleFrames(p, 1).names).toEqual(['0x1010 [app]', '0x2100 [app]']);
    expect(sampleFrames(p, 2).names).toEqual(['0x1020 [app]']);
  });

  it('drops a frame that follows the leaf in (nearly) every sample, as pprof drops the signal handler’s', () => {
    const bytes = encode([...HEADER, 1, 3, 0x10, 0x901, 0x501, 1, 3, 0x20, 0x901, 0x601, ...TRAILER], LE32);
    const p = importLegacyCpu(bytes, limits);
    expect(sampleFrames(p, 0).names).toEqual(['0x10', '0x500']);
    expect(sampleFrames(p, 1).names).toEqual(['0x20', '0x600']);
  });

  it('drops a leaf recorded twice (leaf, then leaf as a return address)', () => {
    const bytes = encode([...HEADER, 1, 3, 0x10, 0x10, 0x501, 1, 2, 0x20, 0x601, ...TRAILER], LE32);
    const p = importLegacyCpu(bytes, limits);
    expect(sampleFrames(p, 0).names).toEqual(['0x10', '0x500']);
  });

  it('keeps 64-bit addresses exact beyond 2^53 and wraps 0 - 1 like uint64', () => {
    const vsyscall = 0xffffffffff600400n;
    const bytes = encode([...HEADER, 1, 3, vsyscall, 0, 0x501, 1, 2, 0x20, 0x601, ...TRAILER], LE64);
    const p = importLegacyCpu(bytes, limits);
    expect(violations(p)).toEqual([]);
    expect(sampleFrames(p, 0).names).toEqual(['0xffffffffff600400', '0xffffffffffffffff', '0x500']);
  });

  it('keeps a depth-0 record’s value on a "(no stack)" frame', () => {
    const bytes = encode([...HEADER, 5, 0, 1, 1, 0x10, ...TRAILER], LE32);
    const p = importLegacyCpu(bytes, limits);
    expect(sampleFrames(p, 0).names).toEqual(['(no stack)']);
    expect(sampleTotals(p)).toEqual([6, 60_000_000]);
  });

  it('reads an empty profile (header and trailer only)', () => {
    const p = importLegacyCpu(encode([...HEADER, ...TRAILER], LE32), limits);
    expect(Array.from(p.samples.stack)).toEqual([]);
    expect(violations(p)).toEqual([]);
  });

  it('names Java ids from the text: file and line, library path, stub, whole name, unknown id', () => {
    const text = [
      ' 0x1 com.example.Main.run (Main.java:42)',
      ' 0x2 os::javaTimeNanos (/usr/lib/jvm/libjvm.so)',
      ' 0x3 <generated stub/JIT code>',
      ' 0x4 GC',
      ' 0x5 com.example.Main.run (Other.java:-1)',
      'not a location line',
    ].join('\n');
    const header = [0, 3, 1, 10_000, 0];
    const bytes = encode([...header, 1, 5, 0x5, 0x4, 0x3, 0x2, 0x1, 1, 1, 0x9, ...TRAILER], LE32, text);
    const p = importLegacyCpu(bytes, limits);
    expect(violations(p)).toEqual([]);
    const frames = sampleFrames(p, 0);
    expect(frames.names).toEqual(['com.example.Main.run', 'GC', 'STUB', 'os::javaTimeNanos', 'com.example.Main.run']);
    // A function keeps the file of the first line naming it (pprof identifies Java functions by name).
    expect(frames.files).toEqual(['Main.java', '', '', 'libjvm.so', 'Main.java']);
    expect(frames.lines).toEqual([0, 0, 0, 0, 42]);
    expect(frames.addresses).toEqual(['0x0', '0x0', '0x0', '0x0', '0x0']);
    expect(sampleFrames(p, 1).names).toEqual(['0x9']);
  });
});

describe('maps text', () => {
  it('merges adjacent entries, skips non-executable ones and moves the main binary first', () => {
    const text = [
      '7f0000000000-7f0000001000 r-xp 00000000 08:01 7 /lib/libc.so.6',
      '00400000-00500000 r-xp 00000000 08:01 9 /srv/app',
      '00500000-00600000 r-xp 00100000 08:01 9 /srv/app',
      '00600000-00700000 rw-p 00200000 08:01 9 /srv/app',
      'garbage line',
      '7f0000002000-7f0000003000: /lib/libm.so @1000',
    ].join('\n');
    const mappings = parseProcMaps(text, limits).map((m) => [m.start, m.limit, m.offset, m.file]);
    expect(mappings).toEqual([
      [0x400000n, 0x600000n, 0n, '/srv/app'],
      [0x7f0000000000n, 0x7f0000001000n, 0n, '/lib/libc.so.6'],
      [0x7f0000002000n, 0x7f0000003000n, 0x1000n, '/lib/libm.so'],
    ]);
  });

  it('treats a start - offset of 0x400000 as the main binary’s load address', () => {
    const [main] = parseProcMaps('00401000-00500000 r-xp 00001000 08:01 9 /srv/app', limits);
    expect([main?.start, main?.offset]).toEqual([0x400000n, 0n]);
  });

  it('extends a mapping back by its offset for an address just before it, then falls back to a fake mapping', () => {
    const resolver = new MappingResolver(
      parseProcMaps('7f0000002000-7f0000003000 r-xp 00001000 08:01 7 /lib/x.so', limits),
    );
    expect(resolver.resolve(0x7f0000001800)?.file).toBe('/lib/x.so');
    expect(resolver.mappings[0]?.start).toBe(0x7f0000001000n);
    expect(resolver.resolve(0x10)?.file).toBe('');
    expect(resolver.resolve(0)).toBeNull();
    expect(resolver.mappings).toHaveLength(2);
  });

  it('parses a long hostile line in linear time', () => {
    const started = Date.now();
    expect(parseMapsLine('a'.repeat(500_000) + '-' + 'b'.repeat(500_000))).toBeNull();
    expect(parseMapsLine('0-'.repeat(300_000))).toBeNull();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('hostile input fails fast with a precise reason', () => {
  it('truncated header', () => {
    const bytes = encode(HEADER, LE64).subarray(0, 30);
    expect(looksLikeLegacyCpu(bytes)).toBe(false);
    expectFailure(
      () => importLegacyCpu(bytes, limits),
      'truncated header: 30 bytes, but a legacy CPU profile starts with 5 words (0, 3, 0 or 1, period, 0) of 4 or 8 bytes each',
    );
  });

  it('a sample whose depth runs past the end', () => {
    const bytes = encode([...HEADER, 1, 1000, 0x10, 0x20], LE32);
    expectFailure(
      () => importLegacyCpu(bytes, limits),
      'sample record 0 at byte 20: stack depth 1000 runs past the end of the data (2 words left)',
    );
    const huge = encode([...HEADER, 1, 2n ** 63n, 0x10], LE64);
    expectFailure(
      () => importLegacyCpu(huge, limits),
      'sample record 0 at byte 40: stack depth 9223372036854775808 runs past the end of the data (1 words left)',
    );
  });

  it('a missing trailer', () => {
    const bytes = encode([...HEADER, 1, 2, 0x10, 0x20], LE32);
    expectFailure(
      () => importLegacyCpu(bytes, limits),
      'missing the end-of-data record (0, 1, 0) after 1 samples: the data ends at byte 36, so the profile is probably truncated',
    );
  });

  it('a trailer cut short, a record cut after its count, stray bytes', () => {
    expectFailure(
      () => importLegacyCpu(encode([...HEADER, 1, 1, 0x10, 0, 1], LE32), limits),
      'truncated end-of-data record at byte 32: (0, 1) without its final 0 word',
    );
    expectFailure(
      () => importLegacyCpu(encode([...HEADER, 1, 1, 0x10, 7], LE32), limits),
      'sample record 1 at byte 32 is truncated: it has a count but no stack depth',
    );
    const stray = new Uint8Array([...encode([...HEADER, 1, 1, 0x10], LE32), 1, 2]);
    expectFailure(
      () => importLegacyCpu(stray, limits),
      'sample record 1 at byte 32 is truncated: only 2 bytes left, less than one 4-byte word',
    );
  });

  it('1 MB of zeros', () => {
    const zeros = new Uint8Array(1 << 20);
    expect(looksLikeLegacyCpu(zeros)).toBe(false);
    expectFailure(
      () => importLegacyCpu(zeros, limits),
      'not a legacy CPU profile: the header words are (0, 0, 0, 0, 0), expected (0, 3, 0 or 1, period > 0, 0) as 32- or 64-bit words',
    );
    // A valid header followed by 1 MB of zeros: 65,536 empty records and no trailer.
    const padded = new Uint8Array(20 + (1 << 20));
    padded.set(encode(HEADER, LE32));
    expectFailure(
      () => importLegacyCpu(padded, limits),
      /^missing the end-of-data record \(0, 1, 0\) after 131072 samples/,
    );
  });

  it('a period too large to be real', () => {
    expectFailure(
      () => importLegacyCpu(encode([0, 3, 0, 2n ** 60n, 0, ...TRAILER], LE64), limits),
      'sampling period of 1152921504606846976 microseconds is too large to be real',
    );
  });

  it('limits: stack depth, sample count, string length', () => {
    const deep = encode([...HEADER, 1, 5, 1, 2, 3, 4, 5, ...TRAILER], LE32);
    expect(() => importLegacyCpu(deep, { ...limits, maxStackDepth: 4 })).toThrow(
      new LimitExceeded('stack depth 5 exceeds the limit maxStackDepth=4'),
    );
    const many = encode([...HEADER, 1, 1, 1, 1, 1, 2, 1, 1, 3, ...TRAILER], LE32);
    expect(() => importLegacyCpu(many, { ...limits, maxSamples: 2 })).toThrow(
      new LimitExceeded('sample count 3 exceeds the limit maxSamples=2'),
    );
    const longName = encode(
      [...HEADER, 1, 1, 1, ...TRAILER],
      LE32,
      `00000000-00010000 r-xp 0 0:0 0 /${'x'.repeat(100)}`,
    );
    expect(() => importLegacyCpu(longName, { ...limits, maxStringLength: 50 })).toThrow(
      new LimitExceeded('string length 101 exceeds the limit maxStringLength=50'),
    );
  });

  it('never throws anything but an ImportFailure on truncated or corrupted real files', () => {
    const original = readFixture(`${DIR}/pprof__cppbench.cpu`);
    let seed = 12345;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const outcomes = { ok: 0, failed: 0 };
    const attempt = (bytes: Uint8Array): void => {
      try {
        const p = importLegacyCpu(bytes, DEFAULT_IMPORT_LIMITS);
        expect(violations(p)).toEqual([]);
        outcomes.ok++;
      } catch (error) {
        expect(error).toBeInstanceOf(ImportFailure);
        outcomes.failed++;
      }
    };
    for (let cut = 0; cut < original.length; cut += 41) attempt(original.subarray(0, cut));
    for (let round = 0; round < 200; round++) {
      const bytes = original.slice();
      for (let flips = 0; flips < 4; flips++) bytes[random(Math.min(bytes.length, 4000))] = random(256);
      attempt(bytes);
    }
    expect(outcomes.failed).toBeGreaterThan(0);
    expect(outcomes.ok).toBeGreaterThan(0);
  });
});

describe('detection', () => {
  it('refuses other formats', () => {
    expect(looksLikeLegacyCpu(new Uint8Array())).toBe(false);
    expect(looksLikeLegacyCpu(readFixture('other/pprof__cppbench.heap'))).toBe(false);
    expect(looksLikeLegacyCpu(readFixture('pprof/pprof__report__sample.cpu'))).toBe(false);
    expect(looksLikeLegacyCpu(encode([0, 3, 2, 10_000, 0, ...TRAILER], LE32))).toBe(false);
    expect(looksLikeLegacyCpu(encode([0, 3, 0, 0, 0, ...TRAILER], LE32))).toBe(false);
    expect(looksLikeLegacyCpu(encode([0, 3, 0, 10_000, 1, ...TRAILER], LE32))).toBe(false);
  });
});
