import { describe, expect, it } from 'vitest';
import { fixtureJson, foldedTotals, LIMITS, violations } from '../../../test/fixtures/json-profiles';
import { foldedStack, stackNames } from '../../../test/fixtures/profile-helpers';
import type { Profile } from '../../profile/model';
import { ImportFailure } from '../errors';
import { importFirefoxProfile } from './firefox';
import type { NamedProfile } from '../named-profile';

function run(json: unknown, limits = LIMITS): NamedProfile[] {
  const items = importFirefoxProfile(json, limits);
  for (const item of items) expect(violations(item.profile), item.name ?? '').toEqual([]);
  return items;
}

function refusal(json: unknown, limits = LIMITS): string {
  try {
    importFirefoxProfile(json, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFailure);
    return (error as ImportFailure).reason;
  }
  throw new Error('expected the import to fail');
}

function frameOf(
  profile: Profile,
  name: string,
): { file: string; startLine: number; line: number; column: number; address: number; inlined: number } {
  const func = profile.functions.name.findIndex((s) => profile.strings[s] === name);
  const frame = profile.frames.func.indexOf(func);
  return {
    file: profile.strings[profile.functions.file[func] as number] as string,
    startLine: profile.functions.startLine[func] as number,
    line: profile.frames.line[frame] as number,
    column: profile.frames.column[frame] as number,
    address: profile.frames.address[frame] as number,
    inlined: profile.frames.inlined[frame] as number,
  };
}

// gecko-1.json / processed-1.json: samples on stacks [1, 2, 2, 3, 0, 1, 4] at 0…6 ms, interval 1 ms.
const GECKO_1_COUNTS = {
  '(root)': 1,
  '(root);0x100000f84': 2,
  '(root);0x100000f84;0x100001a45': 2,
  '(root);0x100000f84;Startup::XRE_Main': 1,
  '(root);0x100000f84;frobnicate': 1,
};

describe('Firefox Profiler test files', () => {
  it('gecko-1.json (Gecko v3): parent threads, and a child process profile kept as a JSON string among them', () => {
    const items = run(fixtureJson('firefox/fxprof__gecko-1.json'));
    expect(items.map((i) => i.name)).toEqual([
      'GeckoMain (default process)',
      'Compositor (default process)',
      'GeckoMain (tab process)',
    ]);
    for (const { profile } of items) {
      expect(profile.format).toBe('firefox');
      expect(profile.kind).toBe('cpu');
      expect(profile.sampleTypes).toEqual([
        { type: 'samples', unit: 'count' },
        { type: 'wall', unit: 'nanoseconds' },
      ]);
      expect(foldedTotals(profile, 0)).toEqual(GECKO_1_COUNTS);
      expect(foldedTotals(profile, 1)).toEqual(
        Object.fromEntries(Object.entries(GECKO_1_COUNTS).map(([k, v]) => [k, v * 1e6])),
      );
      expect(Array.from(profile.samples.timeNs ?? [])).toEqual([0, 1, 2, 3, 4, 5, 6].map((ms) => ms * 1e6));
      expect(profile.period).toBe(1e6);
      expect(profile.durationNs).toBe(7e6);
    }
    // Each process's times count from its own meta.startTime.
    expect(items.map((i) => i.profile.startTimeMs)).toEqual([1460221352723.438, 1460221352723.438, 1460221353723.438]);
    const profile = (items[0] as NamedProfile).profile;
    // "frobnicate (chrome://blargh:34)" is a JS label: its function, file and line.
    expect(frameOf(profile, 'frobnicate')).toMatchObject({ file: 'chrome://blargh', startLine: 34, line: 34 });
    // Unsymbolicated native frames keep their address.
    expect(frameOf(profile, '0x100000f84').address).toBe(0x100000f84);
  });

  it('processed-1.json (early processed format): the same samples, from funcTable', () => {
    const items = run(fixtureJson('firefox/fxprof__processed-1.json'));
    expect(items.map((i) => i.name)).toEqual(['GeckoMain', 'Compositor', 'Content']);
    for (const { profile } of items) expect(foldedTotals(profile, 0)).toEqual(GECKO_1_COUNTS);
    expect(items.map((i) => i.profile.samples.timeNs?.[0])).toEqual([0, 0, 1000e6]);
    const profile = (items[0] as NamedProfile).profile;
    expect(frameOf(profile, 'frobnicate')).toMatchObject({ file: 'chrome://blargh', startLine: 34, line: 34 });
    // Processed frames carry library-relative addresses.
    expect(frameOf(profile, '0x100000f84').address).toBe(3972);
  });

  it.each<[string, string, number, number, string]>([
    [
      'speedscope__Firefox__59__simple-firefox.json',
      'GeckoMain (tab process, pid 60640, tid 9101203)',
      38,
      1523986294997.0308,
      'a;b;d',
    ],
    [
      'speedscope__Firefox__61__recursion.json',
      'GeckoMain (tab process, pid 18793, tid 323020)',
      15,
      1533770187505.3308,
      'alpha;beta;alpha',
    ],
    [
      'speedscope__Firefox__63__simple-firefox.json',
      'GeckoMain (tab process, pid 32922, tid 7051856)',
      39,
      1536100486169.2188,
      'alpha;beta;gamma',
    ],
  ])('%s (Firefox DevTools export wrapping a Gecko profile)', (file, name, samples, startTimeMs, path) => {
    const items = run(fixtureJson(`firefox/${file}`));
    expect(items.map((i) => i.name)).toEqual([name]);
    const profile = (items[0] as NamedProfile).profile;
    expect(profile.samples.stack).toHaveLength(samples);
    expect(profile.startTimeMs).toBe(startTimeMs);
    expect(profile.samples.values[0]?.every((v) => v === 1)).toBe(true);
    expect(profile.samples.stack.some((s) => stackNames(profile, s).join(';').includes(path))).toBe(true);
    expect(stackNames(profile, profile.samples.stack[0] as number)[0]).toBe('(root)');
    const times = profile.samples.timeNs ?? [];
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1] as number);
  });

  it('Firefox 63: JS frames are split into function, file, function line and frame line/column', () => {
    const profile = (run(fixtureJson('firefox/speedscope__Firefox__63__simple-firefox.json'))[0] as NamedProfile)
      .profile;
    expect(frameOf(profile, 'alpha')).toMatchObject({
      file: 'http://localhost:8000/simple.js',
      startLine: 1,
      column: 14,
    });
    const gamma = profile.samples.stack.filter((s) =>
      stackNames(profile, s).join(';').endsWith('alpha;beta;gamma'),
    ).length;
    expect(gamma).toBe(15);
  });
});

const STRINGS = ['main', 'work', 'app.js', 'leaf', 'lib.so', 'other.js'];

function thread(samples: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'GeckoMain',
    processName: 'Web Content',
    processType: 'tab',
    pid: '123',
    tid: 456,
    stackTable: { length: 3, prefix: [null, 0, 1], frame: [0, 1, 2] },
    frameTable: {
      length: 3,
      func: [0, 1, 2],
      line: [null, 12, 30],
      column: [null, 4, null],
      address: [-1, -1, 4096],
      inlineDepth: [0, 0, 1],
      category: [0, 1, 1],
      subcategory: [0, 0, 0],
      nativeSymbol: [null, null, null],
      innerWindowID: [0, 0, 0],
    },
    funcTable: {
      length: 3,
      name: [0, 1, 3],
      isJS: [false, true, true],
      relevantForJS: [false, false, false],
      resource: [-1, -1, -1],
      source: [null, 0, null],
      lineNumber: [null, 10, null],
      columnNumber: [null, 2, null],
    },
    samples: { weight: null, weightType: 'samples', ...samples },
    ...extra,
  };
}

function processed(threads: unknown[], meta: Record<string, unknown> = {}): unknown {
  return {
    meta: { interval: 0.5, startTime: 1_700_000_000_000, version: 31, preprocessedProfileVersion: 58, ...meta },
    libs: [],
    shared: { stringArray: STRINGS, sources: { length: 1, uuid: [null], filename: [2] } },
    threads,
  };
}

describe('processed format (version 58)', () => {
  it('reads shared strings, sources, timeDeltas; leaves out samples without a stack', () => {
    const items = run(processed([thread({ length: 4, stack: [2, 1, null, 2], timeDeltas: [10, 0.5, 0.5, 0.5] })]));
    expect(items.map((i) => i.name)).toEqual(['GeckoMain (Web Content, pid 123, tid 456)']);
    const profile = (items[0] as NamedProfile).profile;
    expect(foldedTotals(profile, 0)).toEqual({ 'main;work;leaf': 2, 'main;work': 1 });
    expect(foldedTotals(profile, 1)).toEqual({ 'main;work;leaf': 1e6, 'main;work': 0.5e6 });
    expect(Array.from(profile.samples.timeNs ?? [])).toEqual([10e6, 10.5e6, 11.5e6]);
    expect(profile.startTimeMs).toBe(1_700_000_000_000);
    expect(profile.period).toBe(0.5e6);
    expect(profile.periodType).toEqual({ type: 'wall', unit: 'nanoseconds' });
    expect(profile.comments).toEqual(['firefox: 1 samples without a stack were left out']);
    expect(frameOf(profile, 'work')).toEqual({
      file: 'app.js',
      startLine: 10,
      line: 12,
      column: 4,
      address: 0,
      inlined: 0,
    });
    expect(frameOf(profile, 'leaf')).toEqual({
      file: '',
      startLine: 0,
      line: 30,
      column: 0,
      address: 4096,
      inlined: 1,
    });
  });

  it('weights: counts for "samples", durations for "tracing-ms", sizes for "bytes"', () => {
    const samples = { length: 2, stack: [2, 1], time: [1, 2] };
    const counted = (run(processed([thread({ ...samples, weight: [3, 1] })]))[0] as NamedProfile).profile;
    expect(foldedTotals(counted, 0)).toEqual({ 'main;work;leaf': 3, 'main;work': 1 });
    expect(foldedTotals(counted, 1)).toEqual({ 'main;work;leaf': 1.5e6, 'main;work': 0.5e6 });

    const traced = (
      run(processed([thread({ ...samples, weight: [1.5, 2], weightType: 'tracing-ms' })]))[0] as NamedProfile
    ).profile;
    expect(traced.kind).toBe('trace');
    expect(traced.sampleTypes).toEqual([{ type: 'wall', unit: 'nanoseconds' }]);
    expect(foldedTotals(traced)).toEqual({ 'main;work;leaf': 1.5e6, 'main;work': 2e6 });

    const sized = (run(processed([thread({ ...samples, weight: [64, 128], weightType: 'bytes' })]))[0] as NamedProfile)
      .profile;
    expect(sized.kind).toBe('allocations');
    expect(sized.sampleTypes).toEqual([{ type: 'space', unit: 'bytes' }]);
    expect(foldedTotals(sized)).toEqual({ 'main;work;leaf': 64, 'main;work': 128 });
  });

  it('per-thread stringArray with funcTable.fileName (before versions 56 and 58)', () => {
    const old = thread(
      { length: 1, stack: [1], time: [5] },
      {
        stringArray: ['main', 'work', 'old.js', 'leaf'],
        funcTable: {
          length: 3,
          name: [0, 1, 3],
          isJS: [false, true, true],
          resource: [-1, -1, -1],
          fileName: [null, 2, null],
          lineNumber: [null, 7, null],
        },
      },
    );
    const profile = (
      run({ meta: { interval: 1, startTime: 0, preprocessedProfileVersion: 40 }, threads: [old] })[0] as NamedProfile
    ).profile;
    expect(foldedStack(profile, 0)).toBe('main;work');
    expect(frameOf(profile, 'work')).toMatchObject({ file: 'old.js', startLine: 7 });
  });

  it('skips threads without samples; names repeats apart', () => {
    const sampled = thread(
      { length: 1, stack: [0], time: [1] },
      { pid: undefined, tid: undefined, processName: undefined },
    );
    const items = run(processed([thread({ length: 0, stack: [], time: [] }), sampled, sampled]));
    expect(items.map((i) => i.name)).toEqual(['GeckoMain (tab process)', 'GeckoMain (tab process) (2)']);
  });

  it('a Gecko child process given as a JSON string, with its own start time', () => {
    const gecko = (startTime: number, processes: unknown[]) => ({
      meta: { version: 20, interval: 1, startTime },
      threads: [
        {
          name: 'GeckoMain',
          processType: startTime === 1000 ? 'default' : 'tab',
          samples: { schema: { stack: 0, time: 1 }, data: [[1, 2]] },
          stackTable: {
            schema: { prefix: 0, frame: 1 },
            data: [
              [null, 0],
              [0, 1],
            ],
          },
          frameTable: { schema: { location: 0, line: 1 }, data: [[0], [1, 3]] },
          stringTable: ['(root)', 'run (file:///x.js:2:5)'],
        },
      ],
      processes,
    });
    const items = run(gecko(1000, [JSON.stringify(gecko(1500, []))]));
    expect(items.map((i) => [i.name, i.profile.startTimeMs, Array.from(i.profile.samples.timeNs ?? [])])).toEqual([
      ['GeckoMain (default process)', 1000, [2e6]],
      ['GeckoMain (tab process)', 1500, [2e6]],
    ]);
    expect(frameOf((items[0] as NamedProfile).profile, 'run')).toMatchObject({
      file: 'file:///x.js',
      startLine: 2,
      line: 3,
      column: 5,
    });
  });
});

describe('what is refused', () => {
  const samples = { length: 1, stack: [2], time: [1] };

  it.each<[string, unknown, string]>([
    ['no threads', { meta: {} }, 'Firefox profile has no "threads" array'],
    [
      'no sampled thread',
      processed([thread({ length: 0, stack: [], time: [] }), {}]),
      'Firefox profile has no thread with samples (2 threads)',
    ],
    [
      'a prefix cycle',
      processed([thread(samples, { stackTable: { length: 3, prefix: [2, 0, 1], frame: [0, 1, 2] } })]),
      'threads[0].stackTable has a prefix cycle through 2',
    ],
    [
      'a sample on a missing stack',
      processed([thread({ ...samples, stack: [9] })]),
      'a sample refers to stack 9, but threads[0].stackTable has 3 rows',
    ],
    [
      'a stack without a frame',
      processed([thread(samples, { stackTable: { length: 3, prefix: [null, 0, 1], frame: [0, 1] } })]),
      'threads[0].stackTable row 2 has no frame',
    ],
    [
      'a stack on a missing frame',
      processed([thread(samples, { stackTable: { length: 3, prefix: [null, 0, 1], frame: [0, 1, 5] } })]),
      'stack 2 refers to frame 5, which threads[0].frameTable does not have (it has 3 rows)',
    ],
    [
      'an unknown weight type',
      processed([thread({ ...samples, weightType: 'frames' })]),
      'threads[0].samples.weightType "frames" is not samples, tracing-ms or bytes',
    ],
    [
      'samples without times',
      processed([thread({ length: 1, stack: [2] })]),
      'threads[0].samples has neither a "time" nor a "timeDeltas" column',
    ],
    [
      'a frame of a missing function',
      processed([thread(samples, { frameTable: { length: 3, func: [0, 7, 2] } })]),
      'threads[0].frameTable row 1 refers to function 7, which does not exist',
    ],
    [
      'a name outside the string table',
      { meta: { interval: 1 }, threads: [thread(samples, { stringArray: ['main'] })] },
      'threads[0].funcTable name 1 refers to string 1, but the string table has 1',
    ],
    [
      'a thread string that is not JSON',
      { meta: {}, threads: ['{not json'] },
      'threads[0] is a string that is not JSON',
    ],
  ])('refuses %s', (_, json, reason) => {
    expect(refusal(json)).toBe(reason);
  });

  it('checks stack depth and sample count against the limits', () => {
    expect(refusal(processed([thread(samples)]), { ...LIMITS, maxStackDepth: 2 })).toBe(
      'stack depth 3 exceeds the limit maxStackDepth=2',
    );
    expect(
      refusal(processed([thread({ length: 3, stack: [2, 2, 2], time: [1, 2, 3] })]), { ...LIMITS, maxSamples: 2 }),
    ).toBe('sample count 3 exceeds the limit maxSamples=2');
  });

  it('refuses a profile of more threads than maxItems as it reaches them', () => {
    const threads = [thread(samples), thread(samples), thread(samples)];
    expect(run(processed(threads), { ...LIMITS, maxItems: 3 })).toHaveLength(3);
    expect(refusal(processed(threads), { ...LIMITS, maxItems: 2 })).toBe(
      'holds more than 2 profiles (one per thread, process or profile), over the limit maxItems=2',
    );
  });
});
