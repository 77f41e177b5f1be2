import { describe, expect, it } from 'vitest';
import { readFixture, readFixtureText } from '../../../test/fixtures/load-fixture';
import {
  expectValidProfile,
  leafFirstNames,
  limits,
  sampleLabels,
  selfByFunction,
} from '../../../test/fixtures/text-profile-helpers';
import { sampleTotals, type Profile } from '../../profile/model';
import { ImportFailure, LimitExceeded } from '../errors';
import { importPprofLegacy, looksLikePprofLegacy } from './pprof-legacy';
import { scaleHeapSample } from './heap';

interface ExpectedSample {
  values: number[];
  stack: string[];
  numLabels: Record<string, number[]>;
}
interface ExpectedFile {
  command: string;
  pprofError?: string;
  periodType: { type: string; unit: string } | null;
  period: number | null;
  sampleTypes: { type: string; unit: string }[];
  samples: ExpectedSample[];
  totals: number[];
}
const expected = JSON.parse(readFixtureText('pprof-legacy/expected.json')) as {
  fixtures: Record<string, ExpectedFile>;
};

function load(file: string, overrides = {}): Profile {
  const profile = importPprofLegacy(readFixtureText(`pprof-legacy/${file}`), limits(overrides));
  expectValidProfile(profile);
  expect(profile.format).toBe('pprof-legacy');
  return profile;
}

function importText(text: string, overrides = {}): Profile {
  const profile = importPprofLegacy(text, limits(overrides));
  expectValidProfile(profile);
  return profile;
}

/**
 * The profile's samples as pprof -raw lists them: stacks leaf first, a frame
 * with an address as that address, a frame without (Java) by its function;
 * samples with equal stacks and numeric labels merged, all-zero samples and
 * samples without addresses left out.
 */
function asPprofRaw(profile: Profile): ExpectedSample[] {
  const merged = new Map<string, ExpectedSample>();
  profile.samples.stack.forEach((leaf, i) => {
    const stack: string[] = [];
    let previous = -1;
    if (leafFirstNames(profile, i).join() === '(no stack)') return;
    for (let s = leaf; s >= 0; s = profile.stacks.parent[s] as number) {
      const frame = profile.stacks.frame[s] as number;
      const address = profile.frames.address[frame] as number;
      const func = profile.frames.func[frame] as number;
      const name = profile.strings[profile.functions.name[func] as number] as string;
      if (address !== 0 && address === previous) continue; // inlined frames of one address
      previous = address;
      stack.push(address !== 0 ? `0x${address.toString(16)}` : (name.split(' ')[0] as string));
    }
    const values = profile.samples.values.map((column) => column[i] as number);
    if (values.every((v) => v === 0)) return;
    const numLabels: Record<string, number[]> = {};
    for (const [key, value] of Object.entries(sampleLabels(profile, i))) {
      if (typeof value === 'number') numLabels[key] = [value];
    }
    const key = JSON.stringify([stack, numLabels]);
    const existing = merged.get(key);
    if (existing) existing.values = existing.values.map((v, t) => v + (values[t] as number));
    else merged.set(key, { values, stack, numLabels });
  });
  return [...merged.values()];
}

describe('legacy pprof fixtures agree with go tool pprof', () => {
  const files = Object.keys(expected.fixtures).filter((f) => !expected.fixtures[f]?.pprofError);
  it('covers every fixture pprof reads', () => {
    expect(files.length).toBe(16);
  });

  it.each(files)('%s: sample types, period, totals and every sample', (file) => {
    const want = expected.fixtures[file] as ExpectedFile;
    const profile = load(file);
    expect(profile.sampleTypes).toEqual(want.sampleTypes);
    expect(profile.periodType).toEqual(want.periodType);
    expect(profile.period).toBe(want.periodType === null ? null : want.period);
    expect(sampleTotals(profile)).toEqual(want.totals);
    expect(asPprofRaw(profile)).toEqual(want.samples);
  });

  it("keeps Go's threadcreate counts, which pprof refuses for their empty stacks", () => {
    expect(expected.fixtures['go119-threadcreate.txt']?.pprofError).toContain('malformed profile format');
    const text = readFixtureText('pprof-legacy/go119-threadcreate.txt');
    const total = Number(/^threadcreate profile: total (\d+)$/m.exec(text)?.[1]);
    expect(text).toContain(`\n${total} @\n`);
    const profile = load('go119-threadcreate.txt');
    expect(profile.sampleTypes).toEqual([{ type: 'threadcreate', unit: 'count' }]);
    expect(sampleTotals(profile)).toEqual([total]);
    expect(leafFirstNames(profile, 0)).toEqual(['(no stack)']);
    expect(profile.kind).toBe('other');
  });
});

describe('Go debug=1 profiles: frames named from the "#" lines', () => {
  it('heap: function, file and line from the symbol lines; kind heap', () => {
    const profile = load('go119-heap.txt');
    expect(profile.kind).toBe('heap');
    expect(profile.defaultSampleType).toBe(3); // inuse_space, as pprof
    const first = leafFirstNames(profile, 0);
    expect(first.slice(0, 3)).toEqual(['main.allocLarge', 'main.main', 'runtime.main']);
    // runtime.goexit is never printed by Go (printStackRecord hides it): named by its address.
    expect(first[3]).toMatch(/^0x[0-9a-f]+$/);
    // The symbol line Go wrote for that frame: "#\t0x4b5370\tmain.allocLarge+0x50\t/…/legacyprof.go:33".
    const symbol = /^#\t(0x[0-9a-f]+)\tmain\.allocLarge\+0x[0-9a-f]+\t(\S+):(\d+)$/m.exec(
      readFixtureText('pprof-legacy/go119-heap.txt'),
    );
    const frame = profile.stacks.frame[profile.samples.stack[0] as number] as number;
    const func = profile.frames.func[frame] as number;
    expect(profile.strings[profile.functions.file[func] as number]).toBe(symbol?.[2]);
    expect(profile.strings[profile.functions.file[func] as number]).toMatch(/legacyprof\.go$/);
    expect(profile.frames.line[frame]).toBe(Number(symbol?.[3]));
    expect(profile.frames.address[frame]).toBe(Number(symbol?.[1]));
    // The 64 KiB blocks kept by allocLarge: the sampled count and bytes are
    // unsampled (exact values are checked against pprof above).
    const record = /^(\d+): (\d+) \[(\d+): (\d+)\] @/m.exec(readFixtureText('pprof-legacy/go119-heap.txt'));
    expect(sampleLabels(profile, 0)).toEqual({ bytes: 65536 });
    expect(Number(record?.[2]) / Number(record?.[1])).toBe(65536);
    const [allocObjects, allocSpace, inuseObjects, inuseSpace] = profile.samples.values.map((c) => c[0] as number);
    expect(inuseObjects).toBeGreaterThan(Number(record?.[1]));
    expect(inuseSpace).toBe(Math.trunc(Number(record?.[2]) / (1 - Math.exp(-65536 / 524288))));
    expect(allocSpace).toBeGreaterThanOrEqual(inuseSpace as number);
    expect(allocObjects).toBeGreaterThanOrEqual(inuseObjects as number);
  });

  it('heap: an inlined call has its own PC and symbol line (makeSmall into allocSmall)', () => {
    const profile = load('go119-heap.txt');
    const stacks = Array.from(profile.samples.stack).map((_, i) => leafFirstNames(profile, i).slice(0, 3).join(' < '));
    expect(stacks).toContain('main.makeSmall < main.allocSmall < main.main');
  });

  it('goroutine: labels from "# labels:" lines; leading runtime frames keep their addresses', () => {
    const profile = load('go119-goroutine.txt');
    expect(profile.kind).toBe('goroutines');
    expect(sampleTotals(profile)).toEqual([5]);
    const labelled = profile.samples.stack.findIndex((_, i) => sampleLabels(profile, i)['worker'] !== undefined);
    expect(sampleLabels(profile, labelled)).toEqual({ worker: 'labelled', shard: '7' });
    expect(profile.samples.values[0]?.[labelled]).toBe(1);
    const names = leafFirstNames(profile, labelled);
    expect(names).toHaveLength(5);
    expect(names[3]).toBe('main.parked');
    expect(names[0]).toMatch(/^0x[0-9a-f]+$/); // runtime.gopark: hidden by Go in every stack
  });

  it('mutex and block: contention types in nanoseconds, named frames', () => {
    const mutex = load('go119-mutex.txt');
    expect(mutex.kind).toBe('contention');
    expect(leafFirstNames(mutex, 0).slice(0, 3)).toEqual(['sync.(*Mutex).Unlock', 'main.contend', 'main.main.func1']);
    const block = load('go119-block.txt');
    expect(block.sampleTypes).toEqual([
      { type: 'contentions', unit: 'count' },
      { type: 'delay', unit: 'nanoseconds' },
    ]);
    const leaves = [...selfByFunction(block, 0).keys()];
    expect(leaves).toEqual(expect.arrayContaining(['sync.(*Mutex).Lock', 'runtime.chanrecv1']));
  });
});

describe('gperftools and Java legacy profiles', () => {
  it('names unsymbolized addresses by address and mapping, as pprof -addresses does', () => {
    const profile = load('pprof__cppbench.thread.none');
    expect(leafFirstNames(profile, 0)[0]).toBe('0xbc8f1c [cppbench_server_main.unstripped]');
    expect(leafFirstNames(profile, 0).at(-1)).toBe('0x7eff052e111c [libc-2.15.so]');
    const heap = load('pprof__cppbench.heap');
    expect(heap.kind).toBe('heap');
    expect(heap.sampleTypes.map((t) => t.type)).toEqual(['objects', 'space']);
  });

  it('names symbolized threadz frames ("0x0040be31: main")', () => {
    const profile = load('pprof__cppbench.thread');
    expect(leafFirstNames(profile, 0)).toEqual(['helper(arg *)', 'main', '__libc_start_main']);
    // "[same as previous thread]" counts the previous stack again.
    expect(Array.from(profile.samples.values[0] ?? [])).toEqual([1, 1, 2]);
    // A creator's stack continues the thread's own stack.
    expect(leafFirstNames(profile, 1).slice(0, 3)).toEqual([
      'nanosleep',
      'start_thread',
      '0xa45b95 [cppbench_server_main]',
    ]);
  });

  it('Java: frames from the symbol section with file and line, no addresses', () => {
    const profile = load('pprof__java.contention');
    expect(profile.durationNs).toBe(6019923 * 1_000_000);
    expect(leafFirstNames(profile, 0)).toEqual(['com.example.function03', 'com.example.function04']);
    const frame = profile.stacks.frame[profile.samples.stack[0] as number] as number;
    expect(profile.frames.line[frame]).toBe(3);
    expect(profile.frames.address[frame]).toBe(0);
    const func = profile.frames.func[frame] as number;
    expect(profile.strings[profile.functions.file[func] as number]).toBe('source.java');
  });

  it('contention: the duration from "ms since reset" and delays unsampled from cycles', () => {
    const profile = load('pprof__driver__cppbench.small.contention');
    expect(profile.durationNs).toBe(16502830 * 1_000_000);
    // 100 cycles * period 100 / 3.201 cycles per ns, truncated.
    expect(profile.samples.values.map((c) => Array.from(c))).toEqual([[1000], [3124]]);
  });
});

describe('scaleHeapSample', () => {
  it('divides by the probability 1 - exp(-size/rate) and truncates', () => {
    expect(scaleHeapSample(1, 524288, 524288)).toEqual([1, 829411]);
    expect(scaleHeapSample(1, 9216, 524288)).toEqual([57, 528909]);
    expect(scaleHeapSample(0, 0, 524288)).toEqual([0, 0]);
    expect(scaleHeapSample(3, 0, 524288)).toEqual([0, 0]);
    expect(scaleHeapSample(3, 99, 1)).toEqual([3, 99]);
  });
});

describe('detection', () => {
  it.each(Object.keys(expected.fixtures))('accepts %s', (file) => {
    expect(looksLikePprofLegacy(readFixtureText(`pprof-legacy/${file}`).slice(0, 4096))).toBe(true);
  });

  it.each([
    ['folded stacks', 'main;work 12\n'],
    ['perf script', 'perf 123 1.000: 1 cycles:\n\tffff sym (dso)\n'],
    ['callgrind', '# callgrind format\nevents: Ir\n'],
    ['an unknown heap scheme', 'heap profile: 1: 2 [3: 4] @ heapfoo/2\n'],
    ['the binary legacy CPU format', new TextDecoder().decode(readFixture('other/pprof__gobench.cpu'))],
    ['nothing', '\n# only comments\n'],
  ])('refuses %s', (_, text) => {
    expect(looksLikePprofLegacy(text)).toBe(false);
  });

  it('skips leading comments and blank lines', () => {
    expect(looksLikePprofLegacy('# dumped by test\n\ngoroutine profile: total 1\n1 @ 0x1\n')).toBe(true);
  });
});

describe('text details', () => {
  it('reads CRLF files like LF files', () => {
    const lf = readFixtureText('pprof-legacy/pprof__cppbench.contention');
    const a = importText(lf);
    const b = importText(lf.replace(/\n/g, '\r\n'));
    expect(b.samples).toEqual(a.samples);
    expect(b.strings).toEqual(a.strings);
  });

  it('moves return addresses back by one, as pprof does', () => {
    const profile = importText('goroutine profile: total 2\n2 @ 0x1001 0x2002\n');
    expect(leafFirstNames(profile, 0)).toEqual(['0x1000', '0x2001']);
  });

  it('keeps 64-bit addresses exact in names, 0 in the address column beyond 2^53', () => {
    const profile = importText('goroutine profile: total 1\n1 @ 0xffffffff81000001 0x401001\n');
    expect(leafFirstNames(profile, 0)).toEqual(['0xffffffff81000000', '0x401000']);
    const leaf = profile.stacks.frame[profile.samples.stack[0] as number] as number;
    expect(profile.frames.address[leaf]).toBe(0);
  });

  it('keeps a heap sample without addresses under "(no stack)"', () => {
    const profile = importText('heap profile: 1: 5 [1: 5] @ heapprofile\n1: 5 [1: 5] @\n');
    expect(leafFirstNames(profile, 0)).toEqual(['(no stack)']);
    expect(profile.samples.values.map((c) => Array.from(c))).toEqual([[1], [5]]);
  });
});

describe('failures', () => {
  const failure = (text: string, overrides = {}): ImportFailure => {
    try {
      importPprofLegacy(text, limits(overrides));
    } catch (error) {
      expect(error).toBeInstanceOf(ImportFailure);
      return error as ImportFailure;
    }
    throw new Error('expected the import to fail');
  };

  it.each([
    ['', 'empty legacy pprof profile'],
    ['hello\n', 'unknown header "hello"'],
    ['heap profile: 1: 2 [1: 2] @ heap_v3/2\n', 'unknown header'],
    ['heap profile: 1: 2 [1: 2] @ heap/2\nnot a sample\n', 'line 2: not a heap profile sample'],
    ['heap profile: 1: 2 [1: 2] @ heap/2\n0: 7 [0: 0] @ 0x1\n', 'line 2: inuse count was 0 but inuse bytes was 7'],
    ['goroutine profile: total 1\n1 @ 0x1 zz\n', 'line 2: not a "count @ addresses" line'],
    ['goroutine profile: total 1\n1 @ 0x11112222333344445\n', 'line 2: an address does not fit in 64 bits'],
    ['--- contention:\nfoo=1\n1 1 @ 0x1\n', 'line 2: unknown contention profile attribute "foo"'],
    ['--- contention:\ncycles/second=abc\n', 'line 2: cycles/second is not an integer'],
    ['--- heapz 1 ---\nformat = java\n1 1 @ 0x1\n', 'has no "resolution" attribute'],
    ['--- heapz 1 ---\nformat = java\nresolution = bytes\n5 0 @ 0x1\n', 'line 4: Java heap sample has a count of 0'],
    ['--- threadz 1 ---\n--- bogus ---\n', 'line 2: expected a thread header'],
    ['\u0000\u0000\u0000\u0000\u0003\u0000', 'binary data, not a legacy pprof text profile'],
  ])('%j fails: %s', (text, reason) => {
    expect(failure(text).reason).toContain(reason);
  });

  it('checks the sample, depth and name-length limits', () => {
    const text = readFixtureText('pprof-legacy/go119-heap.txt');
    expect(failure(text, { maxSamples: 3 })).toBeInstanceOf(LimitExceeded);
    expect(failure(text, { maxSamples: 3 }).reason).toBe('sample count 4 exceeds the limit maxSamples=3');
    expect(failure(text, { maxStackDepth: 3 }).reason).toMatch(/^stack depth \d+ exceeds the limit maxStackDepth=3$/);
    expect(failure(text, { maxStringLength: 10 }).reason).toMatch(
      /^name length \d+ exceeds the limit maxStringLength=10$/,
    );
  });

  it('reads a 20,000-frame stack without recursion', () => {
    const addresses = Array.from({ length: 20_000 }, (_, i) => ` 0x${(0x10001 + i).toString(16)}`).join('');
    const profile = importText(`goroutine profile: total 1\n1 @${addresses}\n`);
    expect(leafFirstNames(profile, 0)).toHaveLength(20_000);
  });
});
