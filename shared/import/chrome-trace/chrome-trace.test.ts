import { describe, expect, it } from 'vitest';
import {
  fixtureJson,
  fixtureText,
  foldedTotals,
  LIMITS,
  total,
  violations,
} from '../../../test/fixtures/json-profiles';
import { allFunctionNames, foldedStack, stackNames } from '../../../test/fixtures/profile-helpers';
import type { Profile } from '../../profile/model';
import { importChromeTrace } from './chrome-trace';
import { parseUnterminatedTraceArray } from './partial';
import { ImportFailure, LimitExceeded } from '../errors';
import type { NamedProfile } from '../named-profile';

function load(file: string): NamedProfile[] {
  const items = importChromeTrace(fixtureJson(`chrome-trace/${file}`), LIMITS);
  for (const item of items) expect(violations(item.profile), item.name ?? '').toEqual([]);
  return items;
}

function only(items: NamedProfile[]): Profile {
  expect(items).toHaveLength(1);
  return (items[0] as NamedProfile).profile;
}

function importEvents(events: unknown[], limits = LIMITS): NamedProfile[] {
  const items = importChromeTrace(events, limits);
  for (const item of items) expect(violations(item.profile)).toEqual([]);
  return items;
}

/** Folded self time in microseconds (the profiles hold nanoseconds). */
function foldedUs(profile: Profile): Record<string, number> {
  return Object.fromEntries(Object.entries(foldedTotals(profile)).map(([k, v]) => [k, v / 1000]));
}

describe('speedscope trace-event sample files: B/E/X events as self time per thread', () => {
  it.each<[string, Record<string, number>, string[]]>([
    [
      'simple.json',
      { alpha: 2, 'alpha;beta': 7, 'alpha;beta;gamma': 5 },
      ['trace: 1 X events without a duration were ignored'],
    ],
    ['simple-object.json', { alpha: 2, 'alpha;beta': 12 }, ['trace: 1 X events without a duration were ignored']],
    ['out-of-order.json', { A: 2, 'A;B': 2, 'A;B;C': 6 }, []],
    ['must-retain-original-order.json', { A: 2, 'A;B': 2, 'A;B;C': 2, X: 3 }, []],
    [
      'bex-interaction.json',
      { 'A;B': 2, 'C;D': 2, F: 1, 'F;E': 1, G: 1, 'G;H': 1, J: 1, 'J;I': 1, K: 1, 'K;L': 1 },
      [],
    ],
    ['event-reordering-name-match.json', { alpha: 9, 'alpha;beta;gamma': 1 }, []],
    [
      'simultaneous-anonymous-calls.json',
      { anonymous: 1, 'anonymous;anonymous;function1;anonymous': 2, 'anonymous;anonymous;anonymous': 2 },
      [],
    ],
    ['zero-duration-events.json', { A: 10 }, []],
    ['matching-x.json', { alpha: 8, 'alpha;beta;gamma': 1, 'alpha;gamma;beta': 1 }, []],
    [
      'x-events-matching-end.json',
      { alpha: 12, 'alpha;beta': 2, 'alpha;beta;gamma': 2, 'alpha;gamma': 2, 'alpha;gamma;beta': 2 },
      [],
    ],
    [
      'x-events-matching-start.json',
      { alpha: 12, 'alpha;beta': 2, 'alpha;beta;gamma': 2, 'alpha;gamma': 2, 'alpha;gamma;beta': 2 },
      [],
    ],
    ['mismatched-args.json', { A: 10 }, []],
    ['unbalanced-args.json', { A: 2, 'A;A': 8 }, []],
    // Malformed on purpose: imported the way speedscope does, each repair counted in a comment.
    [
      'too-many-end-events.json',
      { alpha: 2, 'alpha;beta': 12 },
      ['trace: 2 E events named differently from the innermost open B event were ignored'],
    ],
    [
      'unbalanced-name.json',
      { alpha: 1, 'alpha;beta': 9 },
      [
        'trace: 1 E events named differently from the innermost open B event were ignored',
        "trace: 1 B events still open at the end were closed at the thread's last timestamp",
      ],
    ],
    [
      'out-of-order-unbalanced-name.json',
      { alpha: 1, 'alpha;beta': 9 },
      [
        'trace: 1 E events named differently from the innermost open B event were ignored',
        "trace: 1 B events still open at the end were closed at the thread's last timestamp",
      ],
    ],
    [
      'mismatched-name.json',
      { alpha: 10 },
      [
        'trace: 1 E events named differently from the innermost open B event were ignored',
        "trace: 1 B events still open at the end were closed at the thread's last timestamp",
      ],
    ],
    ['end-event-with-empty-stack.json', { alpha: 1 }, ['trace: 1 E events with no open B event were ignored']],
    [
      'end-non-top-of-stack.json',
      { A: 1, 'A;B': 9, 'A;B;Z': 1 },
      [
        'trace: 1 E events named differently from the innermost open B event were ignored',
        "trace: 2 B events still open at the end were closed at the thread's last timestamp",
      ],
    ],
    [
      'not-enough-end-events.json',
      { A: 1, 'A;A': 9, 'A;A;A': 1 },
      ["trace: 2 B events still open at the end were closed at the thread's last timestamp"],
    ],
    [
      'only-begin-events.json',
      { A: 1, 'A;B': 1 },
      ["trace: 3 B events still open at the end were closed at the thread's last timestamp"],
    ],
    [
      'invalid-x-nesting.json',
      { alpha: 5, 'alpha;beta': 5 },
      ['trace: 1 events that ended after their enclosing event were cut at its end'],
    ],
  ])('%s', (file, expected, comments) => {
    const profile = only(load(`speedscope__trace-event__${file}`));
    expect(profile.format).toBe('chrome-trace');
    expect(profile.kind).toBe('trace');
    expect(profile.sampleTypes).toEqual([{ type: 'wall', unit: 'nanoseconds' }]);
    expect(foldedUs(profile)).toEqual(expected);
    expect(profile.comments).toEqual(comments);
    expect(profile.startTimeMs).toBeNull();
  });

  it('simple.json: one sample per stretch of self time, at the time it starts', () => {
    const profile = only(load('speedscope__trace-event__simple.json'));
    const stacks = Array.from(profile.samples.stack).map((_, i) => foldedStack(profile, i));
    expect(stacks).toEqual(['alpha', 'alpha;beta', 'alpha;beta;gamma', 'alpha;beta', 'alpha']);
    expect(Array.from(profile.samples.timeNs ?? [])).toEqual([0, 1000, 2000, 7000, 13000]);
    expect(Array.from(profile.samples.values[0] ?? [])).toEqual([1000, 1000, 5000, 6000, 1000]);
    expect(profile.durationNs).toBe(14_000);
  });

  it('zero-duration-events.json: zero-length events get functions but no time', () => {
    const profile = only(load('speedscope__trace-event__zero-duration-events.json'));
    expect(allFunctionNames(profile).sort()).toEqual(['A', 'B', 'C', 'D']);
    expect(Array.from(profile.samples.values[0] ?? [])).toEqual([1000, 1000, 1000, 7000]);
  });

  it('multiprocess.json: a profile per thread, named from process_name and thread_name', () => {
    const items = load('speedscope__trace-event__multiprocess.json');
    expect(items.map((i) => i.name)).toEqual([
      'p0t0 (p0, pid 0, tid 0): trace events',
      'p0t1 (p0, pid 0, tid 1): trace events',
      'p1t0 (p1, pid 1, tid 0): trace events',
      'p1t1 (p1, pid 1, tid 1): trace events',
      'p2t0 (pid 2, tid 0): trace events',
      'p2t1 (pid 2, tid 1): trace events',
      'thread (p3, pid 3, tid 0): trace events',
      'thread (p3, pid 3, tid 1): trace events',
    ]);
    expect(items.map((i) => foldedUs(i.profile))).toEqual(
      ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'phi', 'zeta', 'eta'].map((name) => ({ [name]: 1 })),
    );
  });

  it('Hermes B/E events: args url, line and column locate the frame', () => {
    const profile = only(load('speedscope__trace-event__simple-hermes.json'));
    expect(foldedUs(profile)).toEqual({ '[root]': 2, '[root];beta': 12 });
    const beta = profile.functions.name.findIndex((s) => profile.strings[s] === 'beta');
    expect(profile.strings[profile.functions.file[beta] as number]).toBe(
      '/Users/example/test_project/node_modules/metro-runtime/src/polyfills/require.js',
    );
    const frame = profile.frames.func.indexOf(beta);
    expect([profile.frames.line[frame], profile.frames.column[frame]]).toEqual([54, 12]);
  });
});

describe('partial traces (JSON Array Format without the closing "]")', () => {
  it.each(['simple-partial.json', 'simple-partial-trailing-comma.json', 'simple-partial-whitespace.json'])(
    '%s: refused by JSON.parse, read as the complete simple.json',
    (file) => {
      const text = fixtureText(`chrome-trace/speedscope__trace-event__${file}`);
      expect(() => JSON.parse(text)).toThrow();
      const events = parseUnterminatedTraceArray(text);
      expect(events).toHaveLength(6);
      const profile = only(importEvents(events as unknown[]));
      expect(foldedUs(profile)).toEqual({ alpha: 2, 'alpha;beta': 7, 'alpha;beta;gamma': 5 });
    },
  );
});

describe('samples and stackFrames (object form, as Hermes writes them)', () => {
  it('simple-with-samples.json: one sampled profile, wall time until the next sample', () => {
    const items = load('speedscope__trace-event__simple-with-samples.json');
    expect(items.map((i) => i.name)).toEqual(['mqt_js (hermes, pid 7512, tid 7695): samples']);
    const profile = only(items);
    expect(profile.kind).toBe('cpu');
    expect(profile.sampleTypes).toEqual([
      { type: 'samples', unit: 'count' },
      { type: 'wall', unit: 'nanoseconds' },
    ]);
    // Sample times (µs): 11552125241, …129681, …146011, …159337, …169942, …179951, …189951; the last
    // sample lasts the mean interval, (189951 - 125241) / 6 rounded = 10785 µs.
    expect(foldedUs(profile)).toEqual({
      '[root]': 4440 + 16330 + 10009,
      '[root];function1': 13326,
      '[root];function2;function3': 10605,
      '[root];[GC Young Gen]': 10000 + 10785,
    });
    expect(foldedTotals(profile, 0)).toEqual({
      '[root]': 3,
      '[root];function1': 1,
      '[root];function2;function3': 1,
      '[root];[GC Young Gen]': 2,
    });
    expect(profile.samples.timeNs?.[0]).toBe(0);
    expect(profile.samples.timeNs?.[6]).toBe(64_710_000);
    const function2 = profile.functions.name.findIndex((s) => profile.strings[s] === 'function2');
    expect(profile.strings[profile.functions.file[function2] as number]).toMatch(
      /^http:\/\/localhost:8081\/index\.bundle\?/,
    );
  });

  it('multi-thread-with-samples.json: a sampled profile per thread; zero-length X events yield nothing', () => {
    const items = load('speedscope__trace-event__multi-thread-with-samples.json');
    expect(items.map((i) => i.name)).toEqual([
      'mqt_js (hermes, pid 7512, tid 1): samples',
      'thread (hermes, pid 7512, tid 2): samples',
    ]);
    expect(items.map((i) => i.profile.samples.stack.length)).toEqual([3, 5]);
  });
});

describe('CPU profiles in traces', () => {
  interface TraceEvent {
    name: string;
    ph: string;
    ts: number;
    dur?: number;
    pid: number;
    tid: number;
    args: { name?: string; data?: { cpuProfile?: { samples?: number[] }; timeDeltas?: number[]; startTime?: number } };
  }

  it('a real Chromium trace: Profile/ProfileChunk samples of the renderer main thread', () => {
    const events = (fixtureJson('chrome-trace/chromium-fib.json.gz') as { traceEvents: TraceEvent[] }).traceEvents;
    const items = load('chromium-fib.json.gz');
    const cpu = items.filter((i) => i.profile.kind === 'cpu');
    expect(cpu.map((i) => i.name)).toEqual([
      expect.stringMatching(/^CrRendererMain \(Renderer, pid \d+, tid \d+\): CPU profile$/),
    ]);
    const profile = (cpu[0] as NamedProfile).profile;
    expect(profile.format).toBe('chrome-trace');

    // Independently: every sample of every chunk, and their time span.
    const chunks = events.filter((e) => e.name === 'ProfileChunk');
    const samples = chunks.flatMap((e) => e.args.data?.cpuProfile?.samples ?? []);
    const deltas = chunks.flatMap((e) => e.args.data?.timeDeltas ?? []);
    expect(samples.length).toBeGreaterThan(100);
    expect(profile.samples.stack.length).toBe(samples.length);
    expect(total(profile, 0)).toBe(samples.length);
    const spanUs = deltas.slice(1).reduce((a, b) => a + b, 0);
    expect(total(profile, 1)).toBe((spanUs + Math.round(spanUs / (samples.length - 1))) * 1000);

    // The page spends its time in work → fib → fib …
    const deepFib = `;work;${'fib;'.repeat(9)}fib`;
    expect(profile.samples.stack.some((_, i) => foldedStack(profile, i).includes(deepFib))).toBe(true);
    const inWork = profile.samples.stack.filter((s) => stackNames(profile, s).includes('work'));
    expect(inWork.length / samples.length).toBeGreaterThan(0.5);

    // Times are monotonic, in ns since the file's earliest timestamp, on the trace events' clock: the
    // samples in work() fall inside the renderer task that ran page.evaluate (its longest RunTask).
    const times = profile.samples.timeNs ?? [];
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1] as number);
    const profileEvent = events.find((e) => e.name === 'Profile') as TraceEvent;
    const startTime = profileEvent.args.data?.startTime as number;
    const spans = events.filter((e) => e.ph === 'B' || e.ph === 'E' || e.ph === 'X');
    const baseUs = Math.min(startTime, ...spans.map((e) => e.ts));
    const task = events
      .filter((e) => e.ph === 'X' && e.tid === profileEvent.tid && e.pid === profileEvent.pid)
      .reduce((a, b) => ((b.dur ?? 0) > (a.dur ?? 0) ? b : a));
    const workTimes = times.filter((_, i) => stackNames(profile, profile.samples.stack[i] as number).includes('work'));
    expect(Math.min(...workTimes)).toBeGreaterThanOrEqual((task.ts - baseUs) * 1000);
    expect(Math.max(...workTimes)).toBeLessThanOrEqual((task.ts + (task.dur as number) - baseUs) * 1000);
  });

  it('a real Chromium trace: task slices per thread, open B events closed at the end', () => {
    const items = load('chromium-fib.json.gz');
    const trace = items.filter((i) => i.profile.kind === 'trace');
    expect(trace.length).toBeGreaterThan(5);
    const main = trace.find((i) => /^CrRendererMain \(Renderer, pid \d+, tid \d+\): trace events$/.test(i.name ?? ''));
    const folded = foldedTotals((main as NamedProfile).profile);
    expect(Object.keys(folded)).toContain('ThreadControllerImpl::RunTask;Receive mojo message');
    // Tracing starts inside tasks on the PerfettoTrace threads: their B events never see an E.
    const perfetto = trace.filter((i) => i.name?.startsWith('PerfettoTrace'));
    expect(perfetto.length).toBeGreaterThan(0);
    for (const p of perfetto) {
      expect(p.profile.comments.some((c) => /B events still open at the end were closed/.test(c))).toBe(true);
    }
  });

  it('a real Node trace: B/E pairs of synchronous fs calls, X events of the event loop', () => {
    const items = load('node-fs-sync.json');
    expect(items.map((i) => i.name)).toEqual([
      expect.stringMatching(/^JavaScriptMainThread \(node, pid \d+, tid \d+\): trace events$/),
    ]);
    const folded = foldedTotals(only(items));
    for (const call of ['fs.sync.open', 'fs.sync.write', 'fs.sync.read', 'fs.sync.close', 'RunTimers;fs.sync.unlink']) {
      expect(folded[call], call).toBeGreaterThan(0);
    }
    expect(folded['V8.DeserializeIsolate']).toBeGreaterThan(0);
    expect(only(items).comments).toEqual([]);
  });

  it('old Chrome CpuProfile event with children that the trace lost', () => {
    const items = load('fxprof__test.chrome-unchunked.json');
    const cpu = items.find((i) => i.profile.kind === 'cpu') as NamedProfile;
    expect(cpu.name).toBe('CrRendererMain (Renderer, pid 19485, tid 19517): CPU profile');
    expect(cpu.profile.samples.stack.length).toBe(20);
    expect(cpu.profile.comments).toEqual([
      'trace: CPU profile nodes missing from the trace: 0 nodes lost their parent and 0 samples their node ' +
        '(both put under "(missing nodes)"), 6 references to absent children dropped',
    ]);
  });

  it('Chrome 141 chunks with lost data: orphaned nodes and samples go under "(missing nodes)"', () => {
    const items = load('speedscope__Chrome__141__no-arg-data.json');
    expect(items.map((i) => i.name)).toEqual(['CrRendererMain (Renderer, pid 7787, tid 6209019): CPU profile']);
    const profile = only(items);
    expect(profile.samples.stack.length).toBe(421);
    const missing = profile.samples.stack.filter((s) => stackNames(profile, s).includes('(missing nodes)')).length;
    expect(missing).toBeGreaterThanOrEqual(5);
    expect(profile.comments).toEqual([
      'trace: CPU profile nodes missing from the trace: 2 nodes lost their parent and 5 samples their node ' +
        '(both put under "(missing nodes)"), 0 references to absent children dropped',
    ]);
  });

  it('a Profile event whose chunks name the profiler thread: samples belong to the Profile thread', () => {
    const node = (id: number, name: string, parent?: number) => ({
      id,
      callFrame: { functionName: name, scriptId: 0, url: 'file:///a.js', lineNumber: id, columnNumber: 0 },
      ...(parent === undefined ? {} : { parent }),
    });
    const items = importEvents([
      { ph: 'M', name: 'thread_name', pid: 1, tid: 10, args: { name: 'CrRendererMain' } },
      { ph: 'M', name: 'thread_name', pid: 1, tid: 99, args: { name: 'v8:ProfEvntProc' } },
      { ph: 'P', name: 'Profile', id: '0x1', pid: 1, tid: 10, ts: 1000, args: { data: { startTime: 1000 } } },
      {
        ph: 'P',
        name: 'ProfileChunk',
        id: '0x1',
        pid: 1,
        tid: 99,
        ts: 1100,
        args: {
          data: {
            cpuProfile: { nodes: [node(1, '(root)'), node(2, 'main', 1)], samples: [2, 2] },
            timeDeltas: [10, 20],
          },
        },
      },
      {
        ph: 'P',
        name: 'ProfileChunk',
        id: '0x1',
        pid: 1,
        tid: 99,
        ts: 1200,
        args: { data: { cpuProfile: { nodes: [node(3, 'leaf', 2)], samples: [3] }, timeDeltas: [30] } },
      },
      { ph: 'P', name: 'ProfileChunk', id: '0x1', pid: 1, tid: 99, ts: 1300, args: {} },
      { ph: 'X', name: 'Task', pid: 1, tid: 10, ts: 990, dur: 100 },
    ]);
    expect(items.map((i) => i.name)).toEqual([
      'CrRendererMain (pid 1, tid 10): CPU profile',
      'CrRendererMain (pid 1, tid 10): trace events',
    ]);
    const cpu = (items[0] as NamedProfile).profile;
    expect(Array.from(cpu.samples.stack).map((_, i) => foldedStack(cpu, i))).toEqual(['main', 'main', 'main;leaf']);
    // Samples at 1010, 1030, 1060 µs; the file's earliest timestamp is the X event at 990 µs.
    expect(Array.from(cpu.samples.timeNs ?? [])).toEqual([20_000, 40_000, 70_000]);
    expect(Array.from(cpu.samples.values[1] ?? [])).toEqual([20_000, 30_000, 25_000]);
  });
});

describe('what is ignored and what is refused', () => {
  it('ignores phases other than B, E, X, M and CPU profile events', () => {
    const items = importEvents([
      { ph: 'X', name: 'work', pid: 1, tid: 1, ts: 0, dur: 5 },
      { ph: 'I', name: 'mark', pid: 1, tid: 1, ts: 1, s: 't' },
      { ph: 'b', name: 'async', id: 1, pid: 1, tid: 1, ts: 1 },
      { ph: 'e', name: 'async', id: 1, pid: 1, tid: 1, ts: 3 },
      { ph: 'C', name: 'counter', pid: 1, tid: 1, ts: 2, args: { value: 3 } },
      { ph: 'n', name: 'instant', id: 1, pid: 1, tid: 1, ts: 2 },
      { ph: 'S', name: 'old async', id: 1, pid: 1, tid: 1, ts: 2 },
      { ph: 'R', name: 'navigationStart', pid: 1, tid: 1, ts: 2 },
      { ph: 's', name: 'flow', id: 1, pid: 1, tid: 1, ts: 2 },
      { ph: 'P', name: 'Sample', pid: 1, tid: 1, ts: 2 },
      { ph: 'M', name: 'thread_sort_index', pid: 1, tid: 1, args: { sort_index: 1 } },
      // A slice that happens to be named like a CPU profile event is still a slice.
      { ph: 'X', name: 'Profile', pid: 1, tid: 1, ts: 6, dur: 2 },
      {},
    ]);
    expect(items.map((i) => [i.name, foldedUs(i.profile)])).toEqual([
      ['thread (pid 1, tid 1): trace events', { work: 5, Profile: 2 }],
    ]);
  });

  it('reads quoted numbers (Hermes) and keeps threads with string ids apart', () => {
    const items = importEvents([
      { ph: 'X', name: 'a', pid: '7', tid: '1', ts: '100', dur: '4' },
      { ph: 'X', name: 'b', pid: 7, tid: 2, ts: 101, dur: 2 },
    ]);
    expect(items.map((i) => [i.name, foldedUs(i.profile)])).toEqual([
      ['thread (pid 7, tid 1): trace events', { a: 4 }],
      ['thread (pid 7, tid 2): trace events', { b: 2 }],
    ]);
    expect(items.map((i) => Array.from(i.profile.samples.timeNs ?? []))).toEqual([[0], [1000]]);
  });

  it.each<[string, unknown, string]>([
    ['not a trace', { events: [] }, 'traceEvents is not an array'],
    ['an entry that is not an object', [{ ph: 'X', ts: 0, dur: 1 }, 3], 'traceEvents[1] is not an object'],
    ['a B event without ts', [{ ph: 'B', name: 'a', pid: 1, tid: 1 }], 'traceEvents[0] (ph "B") has no numeric ts'],
    [
      'an X event whose ts is text',
      [{ ph: 'X', name: 'a', ts: 'soon', dur: 1 }],
      'traceEvents[0] (ph "X") has no numeric ts',
    ],
    [
      'nothing that covers time',
      [
        { ph: 'I', name: 'a', ts: 1 },
        { ph: 'X', name: 'b', ts: 1, dur: 0 },
      ],
      'trace has no CPU profile (Profile/ProfileChunk or CpuProfile events), no samples and no duration events (B/E/X) that cover any time, in 2 events',
    ],
    [
      'chunk samples without deltas',
      [
        {
          ph: 'P',
          name: 'ProfileChunk',
          id: 1,
          ts: 1,
          args: { data: { cpuProfile: { samples: [1, 1] }, timeDeltas: [1] } },
        },
      ],
      'traceEvents[0] (ProfileChunk) has 2 samples but 1 timeDeltas',
    ],
    [
      'a sample without a frame',
      { traceEvents: [], samples: [{ ts: 1, tid: 1 }], stackFrames: {} },
      'samples[0] has no stack frame id (sf)',
    ],
    [
      'a sample on an unknown frame',
      { traceEvents: [], samples: [{ ts: 1, tid: 1, sf: 9 }], stackFrames: {} },
      'stack frame 9 does not exist in stackFrames',
    ],
    [
      'a cycle of stack frames',
      {
        traceEvents: [],
        samples: [{ ts: 1, sf: 1 }],
        stackFrames: { 1: { name: 'a', parent: 2 }, 2: { name: 'b', parent: 1 } },
      },
      'stackFrames has a cycle through frame 1',
    ],
  ])('refuses %s', (_, json, reason) => {
    let error: unknown;
    try {
      importChromeTrace(json, LIMITS);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportFailure);
    expect((error as ImportFailure).reason).toBe(reason);
  });

  it('checks nesting depth and sample count against the limits', () => {
    const deep = Array.from({ length: 30 }, (_, i) => ({ ph: 'B', name: `f${i}`, pid: 1, tid: 1, ts: i }));
    expect(() => importChromeTrace(deep, { ...LIMITS, maxStackDepth: 20 })).toThrow(LimitExceeded);
    expect(() => importChromeTrace(deep, { ...LIMITS, maxStackDepth: 20 })).toThrow(
      'stack depth 21 exceeds the limit maxStackDepth=20',
    );
    const many = Array.from({ length: 30 }, (_, i) => ({ ph: 'X', name: 'f', pid: 1, tid: 1, ts: i * 2, dur: 1 }));
    expect(() => importChromeTrace(many, { ...LIMITS, maxSamples: 10 })).toThrow(
      'sample count 11 exceeds the limit maxSamples=10',
    );
  });

  it('refuses a trace of more threads than maxItems as it reads them: 20,000 one-event threads (1.2 MB)', () => {
    const threads = Array.from({ length: 20_000 }, (_, i) => ({ ph: 'X', name: 'f', pid: 1, tid: i, ts: i, dur: 1 }));
    expect(JSON.stringify(threads).length).toBeGreaterThan(1_000_000);
    const refusal = 'holds more than 1000 profiles (one per thread, process or profile), over the limit maxItems=1000';
    expect(() => importChromeTrace(threads, LIMITS)).toThrow(LimitExceeded);
    expect(() => importChromeTrace(threads, LIMITS)).toThrow(refusal);
    // At the limit the file imports, one item per thread.
    expect(importEvents(threads.slice(0, 1000))).toHaveLength(1000);
  });

  it('counts items of every kind together: CPU profiles, sampled threads and span threads', () => {
    const spans = [1, 2].map((tid) => ({ ph: 'X', name: 'f', pid: 1, tid, ts: tid, dur: 1 }));
    const cpu = {
      ph: 'I',
      name: 'CpuProfile',
      pid: 1,
      tid: 3,
      ts: 0,
      args: {
        data: {
          cpuProfile: {
            nodes: [
              {
                id: 1,
                callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 },
              },
            ],
            samples: [1],
            timeDeltas: [10],
            startTime: 0,
            endTime: 10,
          },
        },
      },
    };
    expect(importEvents([...spans, cpu], { ...LIMITS, maxItems: 3 })).toHaveLength(3);
    expect(() => importChromeTrace([...spans, cpu], { ...LIMITS, maxItems: 2 })).toThrow('over the limit maxItems=2');
  });

  it('nests 100,000 B events without recursion', () => {
    const depth = 100_000;
    const events: unknown[] = [];
    for (let i = 0; i < depth; i++) events.push({ ph: 'B', name: `f${i % 7}`, pid: 1, tid: 1, ts: i });
    for (let i = depth - 1; i >= 0; i--) events.push({ ph: 'E', pid: 1, tid: 1, ts: 2 * depth - i });
    const profile = only(importChromeTrace(events, LIMITS));
    expect(total(profile)).toBe(2 * depth * 1000);
    expect(stackNames(profile, profile.samples.stack[depth - 1] as number)).toHaveLength(depth);
  });

  it('stays linear with many E events at one timestamp that close nothing', () => {
    const events: unknown[] = [{ ph: 'B', name: 'open', pid: 1, tid: 1, ts: 0 }];
    for (let i = 0; i < 200_000; i++) events.push({ ph: 'E', name: `stray${i}`, pid: 1, tid: 1, ts: 5 });
    events.push({ ph: 'E', name: 'open', pid: 1, tid: 1, ts: 5 });
    const started = Date.now();
    const profile = only(importChromeTrace(events, LIMITS));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(foldedUs(profile)).toEqual({ open: 5 });
  });
});
