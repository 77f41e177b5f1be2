import { Function as PprofFunction, Profile as PprofProfile, StringTable, ValueType } from 'pprof-format';
import { describe, expect, it } from 'vitest';
import { importBytes, importFixture, readFixtureText } from '../../../test/fixtures/load-fixture';
import { allFunctionNames, foldedStack, stackNames } from '../../../test/fixtures/profile-helpers';
import { encodePprof } from '../../../test/fixtures/synthetic-pprof';
import { checkProfile } from '../../profile/invariants';
import { sampleTotals, type Profile } from '../../profile/model';
import { topFunctions as topOfStacks } from '../../query/function-totals';
import { weightedStacksFromProfile } from '../../query/weighted-stacks';

const topFunctions = (profile: Profile, sampleType: number, limit: number) =>
  topOfStacks(weightedStacksFromProfile(profile, sampleType), limit);

interface ExpectedRow {
  name: string;
  flat: number;
  cum: number;
}
interface ExpectedType {
  type: string;
  unit: string;
  command: string;
  total: number;
  top: ExpectedRow[];
}
const expected = JSON.parse(readFixtureText('pprof-expected.json')) as {
  fixtures: Record<string, { sampleTypes: ExpectedType[] }>;
};

// Kiln names addresses without symbols and without a mapping file by their
// hex address; pprof lumps them into one "<unknown>" node. Totals still match.
const NAMES_DIFFER_FROM_PPROF = new Set(['pprof__driver__go.nomappings.crash']);
// profile.proto allows samples without locations (Go's goroutine profile has
// one); Kiln keeps their value under a synthetic frame that pprof does not list.
const SYNTHETIC = '(no stack)';

function imported(file: string): Profile {
  const profile = importFixture(`pprof/${file}`);
  expect(checkProfile(profile)).toEqual([]);
  return profile;
}

describe('pprof fixtures agree with go tool pprof -top', () => {
  const cases = Object.entries(expected.fixtures).flatMap(([file, { sampleTypes }]) =>
    sampleTypes.map((t, index) => ({ file, index, t })),
  );
  it('covers every fixture and sample type', () => {
    expect(cases.length).toBe(20);
  });

  it.each(cases)('$file $t.type', ({ file, index, t }) => {
    const profile = imported(file);
    expect(profile.format).toBe('pprof');
    expect(profile.sampleTypes[index]).toEqual({ type: t.type, unit: t.unit });
    expect(sampleTotals(profile)[index]).toBe(t.total);
    if (NAMES_DIFFER_FROM_PPROF.has(file)) return;

    const mine = topFunctions(profile, index, 6)
      .filter((row) => row.function !== SYNTHETIC)
      .slice(0, 5);
    const theirs = t.top.slice(0, 5);
    expect(mine.map((row) => row.self)).toEqual(theirs.map((row) => row.flat));
    // Ties: rows with equal flat may be listed in either order, so match each by name.
    for (const row of mine) {
      const match = t.top.find((r) => r.name === row.function);
      expect(match, `${row.function} in pprof's top rows`).toBeDefined();
      expect({ self: row.self, total: row.total }).toEqual({ self: match?.flat, total: match?.cum });
    }
  });
});

describe('pprof metadata', () => {
  it('derives kind and default sample type as pprof does', () => {
    const kinds = Object.fromEntries(
      [
        'cpu_1.pb.gz',
        'heap_1.pb.gz',
        'allocs.pb.gz',
        'goroutine.pb.gz',
        'pprof__driver__cppbench.cpu_no_samples_type',
      ].map((f) => {
        const p = imported(f);
        return [f, [p.kind, p.sampleTypes[p.defaultSampleType]?.type]];
      }),
    );
    expect(kinds).toEqual({
      'cpu_1.pb.gz': ['cpu', 'cpu'],
      'heap_1.pb.gz': ['heap', 'inuse_space'],
      // The allocs profile names alloc_space as default_sample_type.
      'allocs.pb.gz': ['allocations', 'alloc_space'],
      'goroutine.pb.gz': ['goroutines', 'goroutine'],
      'pprof__driver__cppbench.cpu_no_samples_type': ['cpu', 'cpu'],
    });
  });

  it('reads period, time and duration', () => {
    const cpu = imported('pprof__report__sample.cpu');
    expect(cpu.period).toBe(10_000_000);
    expect(cpu.periodType).toEqual({ type: 'cpu', unit: 'nanoseconds' });
    expect(cpu.durationNs).toBe(2_002_012_950);
    // go tool pprof -raw: "Time: 2017-09-29 20:57:59.25723537 +0000 UTC" (time_nanos 1506718679257235370).
    expect(Math.floor(cpu.startTimeMs ?? 0)).toBe(Date.UTC(2017, 8, 29, 20, 57, 59, 257));
    const heap = imported('heap_1.pb.gz');
    expect(heap.periodType).toEqual({ type: 'space', unit: 'bytes' });
    expect(heap.period).toBe(524_288);
    expect(heap.durationNs).toBeNull();
    expect(cpu.samples.timeNs).toBeNull();
  });

  it('keeps numeric labels (Go heap profiles label each sample with its object size)', () => {
    const heap = imported('heap_1.pb.gz');
    // go tool pprof -raw prints 63 "bytes:[N]" labels; the first sample is
    // "10923 524312 0 0: 1 2 3 4 5 6" with bytes:[48].
    expect(heap.labels.sample.length).toBe(63);
    expect(new Set(heap.labels.key.map((k) => heap.strings[k]))).toEqual(new Set(['bytes']));
    expect(heap.labels.str.every((s) => s === 0)).toBe(true);
    // The file also holds three all-zero samples without labels, which -raw omits.
    const first = heap.labels.sample[0] as number;
    expect(heap.samples.values.map((column) => column[first])).toEqual([10923, 524312, 0, 0]);
    expect(heap.labels.num[0]).toBe(48);
    expect(heap.samples.values.every((column) => column.length === 66)).toBe(true);
  });

  it('expands inlined frames from Location.line[] with the real function outermost', () => {
    const profile = imported('pprof__report__sample.cpu');
    // go tool pprof marks math.Abs as "(inline)": every frame of it is inlined into a caller at the same address.
    const absFrames = profile.frames.func
      .map((func, frame) => ({ func, frame }))
      .filter(({ func }) => profile.strings[profile.functions.name[func] as number] === 'math.Abs');
    expect(absFrames.length).toBeGreaterThan(0);
    for (const { frame } of absFrames) expect(profile.frames.inlined[frame]).toBe(1);
    for (let s = 0; s < profile.stacks.frame.length; s++) {
      const frame = profile.stacks.frame[s] as number;
      if (!absFrames.some((a) => a.frame === frame)) continue;
      const parentFrame = profile.stacks.frame[profile.stacks.parent[s] as number] as number;
      expect(profile.frames.address[parentFrame]).toBe(profile.frames.address[frame]);
    }
  });

  it('names code without symbols by its mapping, like pprof', () => {
    const cpp = imported('pprof__driver__cppbench.cpu_no_samples_type');
    expect(allFunctionNames(cpp).sort()).toEqual(['[cppbench_server_main]', '[libc-2.15.so]', '[libpthread-2.15.so]']);
    expect(cpp.frames.address.every((a) => a > 0)).toBe(true);
    const none = imported('pprof__driver__go.nomappings.crash');
    expect(allFunctionNames(none)).toContain('0x103cbf8');
  });

  it('keeps samples without locations under a synthetic frame', () => {
    const goroutines = imported('goroutine.pb.gz');
    const empty = goroutines.samples.stack.findIndex((stack) => stackNames(goroutines, stack)[0] === SYNTHETIC);
    expect(empty).toBeGreaterThanOrEqual(0);
    expect(goroutines.samples.values[0]?.[empty]).toBe(1);
  });
});

describe('pprof details on synthetic profiles', () => {
  it('orders stacks root first and marks inlined entries', () => {
    const bytes = encodePprof({
      sampleTypes: [['samples', 'count']],
      functions: ['leaf', 'inlinedMid', 'outer', 'main'],
      // Location 1: leaf inlined into inlinedMid inlined into outer. Location 2: main.
      locations: [{ lines: [1, 2, 3], address: 0x4000 }, { lines: [4] }],
      samples: [{ locations: [1, 2], values: [3] }],
    });
    const p = importBytes(bytes, 'synthetic.pb');
    expect(checkProfile(p)).toEqual([]);
    expect(foldedStack(p, 0)).toBe('main;outer;inlinedMid;leaf');
    const frames: number[] = [];
    for (let s = p.samples.stack[0] as number; s >= 0; s = p.stacks.parent[s] as number)
      frames.push(p.stacks.frame[s] as number);
    expect(frames.map((f) => p.frames.inlined[f])).toEqual([1, 1, 0, 0]);
    expect(frames.map((f) => p.frames.address[f])).toEqual([0x4000, 0x4000, 0x4000, 0x1001]);
    expect(frames.map((f) => p.frames.line[f])).toEqual([10, 11, 12, 10]);
  });

  it('reads int64 values, large ids, labels, comments and default_sample_type', () => {
    const big = 2n ** 60n + 7n;
    const bytes = encodePprof({
      sampleTypes: [
        ['alloc_space', 'bytes'],
        ['delta', 'count'],
      ],
      functions: ['f', 'g'],
      functionIds: [big, 2],
      locations: [{ lines: [big], id: big + 1n, address: 0xffff_ffff_0000n }, { lines: [2] }],
      samples: [
        {
          locations: [big + 1n, 2],
          values: [5_000_000_000n, -3],
          labels: [
            { key: 'thread', str: 'worker-1' },
            { key: 'size', num: -1, unit: 'bytes' },
          ],
        },
      ],
      defaultSampleType: 'alloc_space',
      comments: ['first note', 'second note'],
      timeNanos: 1_700_000_000_123_456_789n,
      durationNanos: 2_500_000_000,
    });
    const p = importBytes(bytes, 'big.pb');
    expect(checkProfile(p)).toEqual([]);
    expect(p.samples.values.map((c) => Array.from(c))).toEqual([[5_000_000_000], [-3]]);
    expect(p.defaultSampleType).toBe(0);
    expect(p.kind).toBe('allocations');
    expect(foldedStack(p, 0)).toBe('g;f');
    expect(p.comments).toEqual(['first note', 'second note']);
    expect(p.startTimeMs).toBeCloseTo(1_700_000_000_123.4568, 3);
    expect(p.durationNs).toBe(2_500_000_000);
    const labels = p.labels.key.map((k, i) => ({
      key: p.strings[k],
      str: p.strings[p.labels.str[i] as number],
      num: p.labels.num[i],
      unit: p.strings[p.labels.unit[i] as number],
    }));
    expect(labels).toEqual([
      { key: 'thread', str: 'worker-1', num: 0, unit: '' },
      { key: 'size', str: '', num: -1, unit: 'bytes' },
    ]);
    expect(p.frames.address).toContain(0xffff_ffff_0000);
  });

  it('fails with a reason on references that do not resolve', () => {
    const base = {
      sampleTypes: [['samples', 'count']] as [string, string][],
      functions: ['f'],
      locations: [{ lines: [1] }],
    };
    expect(() => importBytes(encodePprof({ ...base, samples: [{ locations: [9], values: [1] }] }), 'x.pb')).toThrow(
      'x.pb: corrupt profile: sample 0 refers to location 9, which does not exist',
    );
    expect(() =>
      importBytes(
        encodePprof({ ...base, locations: [{ lines: [5] }], samples: [{ locations: [1], values: [1] }] }),
        'x.pb',
      ),
    ).toThrow('x.pb: corrupt profile: location 1 refers to function 5, which does not exist');
    expect(() => importBytes(encodePprof({ ...base, samples: [{ locations: [1], values: [1, 2] }] }), 'x.pb')).toThrow(
      'x.pb: corrupt profile: sample 0 has 2 values but there are 1 sample types',
    );
    expect(() => importBytes(encodePprof({ ...base, sampleTypes: [], samples: [] }), 'x.pb')).toThrow(
      'x.pb: profile has no sample types (sample_type is empty)',
    );
    const table = new StringTable();
    const badName = new PprofProfile({
      sampleType: [new ValueType({ type: table.dedup('samples'), unit: table.dedup('count') })],
      function: [new PprofFunction({ id: 1, name: 99 })],
      stringTable: table,
    });
    expect(() => importBytes(badName.encode(), 'x.pb')).toThrow(
      'x.pb: corrupt profile: function 1 name refers to string 99, but the table has 3',
    );
  });
});
