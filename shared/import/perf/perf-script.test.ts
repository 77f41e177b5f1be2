import { gunzipSync } from 'node:zlib';
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
import { ImportFailure } from '../errors';
import { importPerfScript, looksLikePerfScript } from './perf-script';
import { parsePerfFrame } from './frame';
import { parsePerfHeader } from './header';

const DIR = 'perf-script';

function text(file: string): string {
  const bytes = readFixture(`${DIR}/${file}`);
  return new TextDecoder().decode(file.endsWith('.gz') ? gunzipSync(bytes) : bytes);
}

function load(file: string): Profile {
  const profile = importPerfScript(text(file), limits());
  expectValidProfile(profile);
  expect(profile.format).toBe('perf-script');
  expect(profile.kind).toBe('cpu');
  return profile;
}

function importText(input: string, overrides = {}): Profile {
  const profile = importPerfScript(input, limits(overrides));
  expectValidProfile(profile);
  return profile;
}

/** `perf report --stdio --no-children -F sample,period,sym` rows and its totals. */
function perfReport(file: string): { samples: number; period: number; rows: Map<string, [number, number]> } {
  const report = readFixtureText(`${DIR}/${file}`);
  const rows = new Map<string, [number, number]>();
  for (const m of report.matchAll(/^\s+(\d+)\s+(\d+)\s+\[[.k]\] (.+?)\s*$/gm)) {
    const previous = rows.get(m[3] as string) ?? [0, 0];
    rows.set(m[3] as string, [previous[0] + Number(m[1]), previous[1] + Number(m[2])]);
  }
  return {
    samples: Number(/^# Samples: (\d+)/m.exec(report)?.[1]),
    period: Number(/^# Event count \(approx\.\): (\d+)/m.exec(report)?.[1]),
    rows,
  };
}

describe('fresh perf record runs agree with perf report', () => {
  it.each([
    ['busy-callchain', 'perf record -g; perf script --header'],
    ['busy-flat', 'perf record (no -g); perf script -F comm,pid,tid,time,period,event,ip,sym,symoff,dso'],
    ['node-fib', 'perf record -g node --perf-basic-prof; perf script --max-stack=16'],
  ])('%s (%s): sample count, total period and self per symbol', (name) => {
    const profile = load(`${name}.perf.txt`);
    const report = perfReport(`${name}.report.txt`);
    expect(profile.sampleTypes).toEqual([
      { type: 'samples', unit: 'count' },
      { type: 'cpu-clock', unit: 'nanoseconds' },
    ]);
    expect(profile.defaultSampleType).toBe(1);
    expect(sampleTotals(profile)).toEqual([report.samples, report.period]);
    const samples = selfByFunction(profile, 0);
    const periods = selfByFunction(profile, 1);
    expect(report.rows.size).toBeGreaterThan(0);
    for (const [symbol, [count, period]] of report.rows) {
      // perf report names V8 JIT code by its whole perf-map name; Kiln by the JS function.
      const name = parsePerfFrame(`1 ${symbol} (x)`)?.name ?? symbol;
      expect([symbol, samples.get(name), periods.get(name)]).toEqual([symbol, count, period]);
    }
  });

  it('busy-callchain: the call tree of busy.c, comm/pid/tid labels, times from the first sample', () => {
    const profile = load('busy-callchain.perf.txt');
    const stacks = new Set(
      Array.from(profile.samples.stack).map((_, i) => leafFirstNames(profile, i).slice(0, 3).join(' < ')),
    );
    expect(stacks).toContain('leaf < middle < main');
    expect(stacks).toContain('other < main < __libc_start_call_main');
    // perf script's default fields print the tid alone.
    const labels = sampleLabels(profile, 0);
    expect(Object.keys(labels).sort()).toEqual(['comm', 'tid']);
    expect(labels['comm']).toBe('busy');
    expect(labels['tid']).toBeGreaterThan(0);
    const flat = load('busy-flat.perf.txt');
    expect(sampleLabels(flat, 0)['pid']).toBe(sampleLabels(flat, 0)['tid']);
    const times = Array.from(profile.samples.timeNs ?? []);
    expect(times[0]).toBe(0);
    expect(times.every((t, i) => i === 0 || t >= (times[i - 1] as number))).toBe(true);
    expect(profile.durationNs).toBe(times.at(-1));
    expect(profile.comments.some((c) => c.startsWith('cmdline :'))).toBe(true);
    // The DSO is the function's file.
    const leaf = profile.frames.func[profile.stacks.frame[profile.samples.stack[0] as number] as number] as number;
    expect(profile.strings[profile.functions.file[leaf] as number]).toMatch(/\/busy$|libc|kernel/);
  });

  it('node-fib: V8 JIT frames keep the function name, with file, line and column', () => {
    const profile = load('node-fib.perf.txt');
    const fib = profile.functions.name.findIndex((s) => profile.strings[s] === 'fib');
    expect(fib).toBeGreaterThanOrEqual(0);
    expect(profile.strings[profile.functions.file[fib] as number]).toMatch(/fib\.js$/);
    const frame = profile.frames.func.indexOf(fib);
    expect([profile.frames.line[frame], profile.frames.column[frame]]).toEqual([6, 13]);
  });
});

describe('corpus files', () => {
  it.each([
    // file, samples (MANIFEST.md), first stack leaf first, comm of the first sample
    [
      'speedscope__linux-perf__one-sample.linux-perf.txt',
      1,
      ['_Z4betav', '_Z5deltav', 'main', '__libc_start_main', '[unknown]'],
      'simple-terminat',
    ],
    [
      'speedscope__linux-perf__simple-with-pid.linux-perf.txt',
      137,
      ['_Z4betav', '_Z5deltav', 'main', '__libc_start_main', '[unknown]'],
      'simple-terminat',
    ],
    ['fxprof__test.perf.gz', 73, ['native_irq_return_iret', '_start'], 'firefox'],
    ['fxprof__simple-perf.txt.gz', 163, ['Lock::unlock()', 'should_trace()', 'ScopedTrace::~ScopedTrace()'], 'Gecko'],
  ])('%s: %d samples', (file, count, stack, comm) => {
    const profile = load(file);
    expect(sampleTotals(profile)[0]).toBe(count);
    expect(leafFirstNames(profile, 0).slice(0, stack.length)).toEqual(stack);
    expect(sampleLabels(profile, 0)['comm']).toBe(comm);
  });

  it('one-sample: tid only, period 1001001 ns, time 0', () => {
    const profile = load('speedscope__linux-perf__one-sample.linux-perf.txt');
    expect(sampleLabels(profile, 0)).toEqual({ comm: 'simple-terminat', tid: 10 });
    expect(profile.samples.values.map((c) => Array.from(c))).toEqual([[1], [1001001]]);
    expect(Array.from(profile.samples.timeNs ?? [])).toEqual([0]);
  });

  it('simple-with-pid: pid/tid without a period column', () => {
    const profile = load('speedscope__linux-perf__simple-with-pid.linux-perf.txt');
    expect(profile.sampleTypes).toEqual([{ type: 'samples', unit: 'count' }]);
    expect(sampleLabels(profile, 0)).toEqual({ comm: 'simple-terminat', pid: 9, tid: 9 });
    // "198791.127353" then "198791.128290": 937 microseconds later.
    expect(Array.from(profile.samples.timeNs ?? []).slice(0, 2)).toEqual([0, 937_000]);
  });

  it('fxprof test.perf: cycles with modifiers become the type "cycles"; comms with threads', () => {
    const profile = load('fxprof__test.perf.gz');
    expect(profile.sampleTypes[1]).toEqual({ type: 'cycles', unit: 'count' });
    const comms = new Set(Array.from(profile.samples.stack).map((_, i) => sampleLabels(profile, i)['comm']));
    // A thread named "FS Broker 5906": the comm ends where "pid/tid time:" begins.
    expect(comms).toEqual(new Set(['firefox', 'gdbus', 'FS Broker 5906']));
  });

  it('rust-mangled: symbol offsets are not part of the name', () => {
    const profile = load('speedscope__linux-perf__rust-mangled.linux-perf.txt');
    expect(sampleTotals(profile)[0]).toBe(96);
    const names = profile.functions.name.map((s) => profile.strings[s] as string);
    expect(names).toContain('__libc_start_main');
    expect(names.some((n) => /\+0x[0-9a-f]+$/.test(n))).toBe(false);
  });
});

describe('header and frame lines', () => {
  it.each([
    [
      'busy  9405/9405   4797.403876:    1001001 cpu-clock:pppH: ',
      {
        comm: 'busy',
        pid: 9405,
        tid: 9405,
        seconds: 4797,
        nanoseconds: 403876000,
        period: 1001001,
        event: 'cpu-clock:pppH',
        rest: '',
      },
    ],
    [
      '            busy  8439/8439  [000]  4759.414832:    1001001 cpu-clock:pppH:      7f59 get_x+0x9e (/lib/ld.so)',
      {
        comm: 'busy',
        pid: 8439,
        tid: 8439,
        seconds: 4759,
        nanoseconds: 414832000,
        period: 1001001,
        event: 'cpu-clock:pppH',
        rest: '7f59 get_x+0x9e (/lib/ld.so)',
      },
    ],
    [
      'Web Content  1234 [002] 12.000000001: sched:sched_switch: prev_comm=x',
      {
        comm: 'Web Content',
        pid: null,
        tid: 1234,
        seconds: 12,
        nanoseconds: 1,
        period: null,
        event: 'sched:sched_switch',
        rest: 'prev_comm=x',
      },
    ],
    [
      'kworker/0:1 17 5.5: 3 cycles:',
      {
        comm: 'kworker/0:1',
        pid: null,
        tid: 17,
        seconds: 5,
        nanoseconds: 500000000,
        period: 3,
        event: 'cycles',
        rest: '',
      },
    ],
  ])('%j', (line, want) => {
    expect(parsePerfHeader(line)).toEqual(want);
  });

  it.each([
    [
      '\t    7f31200061e4 JS:*fib /tmp/fib.js:6:13+0x64 (/tmp/perf-9095.map)',
      { name: 'fib', file: '/tmp/fib.js', line: 6, column: 13 },
    ],
    [
      '\t    7f31 JS:~ node:internal/main/run_main_module:1:1 (/tmp/perf-1.map)',
      { name: '(anonymous)', file: 'node:internal/main/run_main_module', line: 1, column: 1 },
    ],
    [
      '\t    7f31 LazyCompile:*get x /app/a.js:12 (/tmp/perf-1.map)',
      { name: 'get x', file: '/app/a.js', line: 12, column: 0 },
    ],
    [
      '\t    7f31 Builtin:ArgumentsAdaptorTrampoline (/tmp/perf-1.map)',
      { name: 'Builtin:ArgumentsAdaptorTrampoline', file: '/tmp/perf-1.map', line: 0, column: 0 },
    ],
    [
      '\t    7f31 [unknown] (/usr/lib/libc.so.6)',
      { name: '[libc.so.6]', file: '/usr/lib/libc.so.6', line: 0, column: 0 },
    ],
    ['\t 6ce258d4c544155 [unknown] ([unknown])', { name: '[unknown]', file: '', line: 0, column: 0 }],
    [
      '  b3d185b1\tfoo(int, bool) const (/system/lib/libc.so)',
      { name: 'foo(int, bool) const', file: '/system/lib/libc.so', line: 0, column: 0 },
    ],
    [
      '\tffffffffa4c7c5c6 native_write_msr+0x6 ([kernel.kallsyms])',
      { name: 'native_write_msr', file: '[kernel.kallsyms]', line: 0, column: 0 },
    ],
  ])('frame %j', (line, want) => {
    expect(parsePerfFrame(line)).toMatchObject(want);
  });

  it('keeps addresses that are exact as numbers, 0 above 2^53', () => {
    expect(parsePerfFrame('\t7f31200061e4 f (d)')?.address).toBe(0x7f31200061e4);
    expect(parsePerfFrame('\tffffffffa4c7c5c6 f (d)')?.address).toBe(0);
  });
});

describe('detection', () => {
  it.each([
    'busy-callchain.perf.txt',
    'busy-flat.perf.txt',
    'node-fib.perf.txt',
    'speedscope__linux-perf__one-sample.linux-perf.txt',
    'speedscope__linux-perf__simple-with-pid.linux-perf.txt',
    'speedscope__linux-perf__rust-mangled.linux-perf.txt',
    'fxprof__test.perf.gz',
    'fxprof__simple-perf.txt.gz',
  ])('accepts %s', (file) => {
    expect(looksLikePerfScript(text(file).slice(0, 4096))).toBe(true);
  });

  it('skips a long perf --header block', () => {
    const header = Array.from({ length: 500 }, (_, i) => `# bpf_prog_info ${i}: bpf_prog_x addr 0x${i} size 54\n`);
    expect(looksLikePerfScript(`# ========\n${header.join('')}# ========\n#\nperf 1 2.5: 1 cycles:\n\t1 f (d)\n`)).toBe(
      true,
    );
  });

  it.each([
    ['folded stacks', 'main;work 12\n'],
    ['a Go goroutine profile', 'goroutine profile: total 1\n1 @ 0x1\n'],
    ['callgrind', '# callgrind format\nevents: Ir\nfl=a.c\nfn=main\n1 2\n'],
    ['a line with a time but no event', 'note 12 3.5: hello\n'],
    ['a header followed by prose', 'busy 1 2.0: 5 cycles:\nthis is not a frame\n'],
  ])('refuses %s', (_, input) => {
    expect(looksLikePerfScript(input)).toBe(false);
  });
});

describe('parsing details and failures', () => {
  const failure = (input: string, overrides = {}): ImportFailure => {
    try {
      importPerfScript(input, limits(overrides));
    } catch (error) {
      expect(error).toBeInstanceOf(ImportFailure);
      return error as ImportFailure;
    }
    throw new Error('expected the import to fail');
  };

  it('a column per event with periods; samples without a stack under "(no stack)"', () => {
    const profile = importText('a 1 1.0: 10 cycles:u:\n\na 1 1.5: 20 instructions:u:\n\na 1 2.0: 30 cycles:u:\n');
    expect(profile.sampleTypes.map((t) => t.type)).toEqual(['samples', 'cycles', 'instructions']);
    expect(profile.samples.values.map((c) => Array.from(c))).toEqual([
      [1, 1, 1],
      [10, 0, 30],
      [0, 20, 0],
    ]);
    expect(leafFirstNames(profile, 0)).toEqual(['(no stack)']);
    expect(Array.from(profile.samples.timeNs ?? [])).toEqual([0, 500_000_000, 1_000_000_000]);
  });

  it('counts lines it cannot read and keeps going', () => {
    const profile = importText('garbage first\na 1 1.0: 10 cycles:\n\t1 f (d)\n\nnot a frame\n');
    expect(sampleTotals(profile)).toEqual([1, 10]);
    expect(profile.comments).toEqual([
      'skipped 2 line(s) that are neither sample headers nor frames: line 1: garbage first | line 5: not a frame',
    ]);
  });

  it('an indented line that is not a frame (perf script -F +srcline) does not end the sample', () => {
    const profile = importText('a 1 1.0: 10 cycles:\n\t1 leaf (/bin/a)\n  a.c:12\n\t2 main (/bin/a)\n  a.c:30\n');
    expect(leafFirstNames(profile, 0)).toEqual(['leaf', 'main']);
    expect(profile.comments[0]).toMatch(/^skipped 2 line\(s\)/);
  });

  it('reads CRLF like LF', () => {
    const lf = text('busy-callchain.perf.txt');
    expect(importText(lf.replace(/\n/g, '\r\n')).samples).toEqual(importText(lf).samples);
  });

  it('fails without samples, and on the limits', () => {
    expect(failure('').reason).toContain('no perf script sample');
    expect(failure('hello\n').reason).toContain('1 lines do not parse; first line 1: hello');
    const input = text('busy-callchain.perf.txt');
    expect(failure(input, { maxSamples: 5 }).reason).toBe('sample count 6 exceeds the limit maxSamples=5');
    expect(failure(input, { maxStackDepth: 2 }).reason).toBe('stack depth 3 exceeds the limit maxStackDepth=2');
    expect(failure(input, { maxStringLength: 5 }).reason).toMatch(
      /^name length \d+ exceeds the limit maxStringLength=5$/,
    );
  });

  it('reads a 20,000-frame stack without recursion', () => {
    const frames = Array.from({ length: 20_000 }, (_, i) => `\t${(0x1000 + i).toString(16)} f${i} (/bin/x)\n`).join('');
    const profile = importText(`deep 7 1.0: 1 cycles:\n${frames}\n`);
    expect(leafFirstNames(profile, 0)).toHaveLength(20_000);
    expect(leafFirstNames(profile, 0)[0]).toBe('f0');
  });
});
