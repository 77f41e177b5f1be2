import { describe, expect, it } from 'vitest';
import { readFixtureText } from '../../../test/fixtures/load-fixture';
import { foldedStack } from '../../../test/fixtures/profile-helpers';
import { expectValidProfile, limits, selfByFunction } from '../../../test/fixtures/text-profile-helpers';
import { sampleTotals, type Profile } from '../../profile/model';
import { importCallgrind, looksLikeCallgrind } from './callgrind';
import { apportion } from './tree';
import { ImportFailure } from '../errors';

const DIR = 'callgrind';

function load(file: string, overrides = {}): Profile {
  const profile = importCallgrind(readFixtureText(`${DIR}/${file}`), limits(overrides));
  expectValidProfile(profile);
  expect(profile.format).toBe('callgrind');
  expect(profile.kind).toBe('cpu');
  return profile;
}

function importText(text: string, overrides = {}): Profile {
  const profile = importCallgrind(text, limits(overrides));
  expectValidProfile(profile);
  return profile;
}

/** Folded stack → value of one sample type. */
function folded(profile: Profile, sampleType = 0): Record<string, number> {
  const result: Record<string, number> = {};
  profile.samples.stack.forEach((_, i) => {
    const key = foldedStack(profile, i);
    result[key] = (result[key] ?? 0) + (profile.samples.values[sampleType]?.[i] as number);
  });
  return result;
}

/** callgrind_annotate's "cost (pct)  file:function [object]" rows, summed per function name, and its total. */
function annotate(file: string): { total: number; byFunction: Map<string, number> } {
  const text = readFixtureText(`${DIR}/${file}`);
  // The function table: after the "Ir  file:function" heading and its rule, up to the first blank line.
  const start = text.indexOf('-\n', text.indexOf('file:function')) + 2;
  const table = text.slice(start, text.indexOf('\n\n', start));
  const byFunction = new Map<string, number>();
  for (const m of table.matchAll(/^\s*([\d,]+) \([^)]*\)\s+(.*?):(.+?)(?: \[[^\]]*\])?\s*$/gm)) {
    const name = m[3] as string;
    byFunction.set(name, (byFunction.get(name) ?? 0) + Number((m[1] as string).replace(/,/g, '')));
  }
  const total = Number(/^([\d,]+) \([^)]*\)\s+PROGRAM TOTALS/m.exec(text)?.[1]?.replace(/,/g, ''));
  return { total, byFunction };
}

/** A function's cost counted once per sample whose stack contains it (what flame graphs and pprof call cum). */
function inclusiveOf(profile: Profile, name: string): number {
  let sum = 0;
  profile.samples.stack.forEach((leaf, i) => {
    for (let s = leaf; s >= 0; s = profile.stacks.parent[s] as number) {
      const func = profile.frames.func[profile.stacks.frame[s] as number] as number;
      if (profile.strings[profile.functions.name[func] as number] === name) {
        sum += profile.samples.values[0]?.[i] as number;
        return;
      }
    }
  });
  return sum;
}

describe('valgrind --tool=callgrind runs agree with callgrind_annotate', () => {
  it.each([
    ['shapes.callgrind', 'shapes.annotate.txt', 'positions: line'],
    ['shapes-instr-jumps.callgrind', 'shapes-instr-jumps.annotate.txt', 'positions: instr line, jumps'],
  ])('%s (%s): total and self cost per function', (file, report) => {
    const profile = load(file);
    const want = annotate(report);
    expect(profile.sampleTypes).toEqual([{ type: 'Ir', unit: 'count' }]);
    expect(profile.defaultSampleType).toBe(0);
    // The file's own summary: and totals: lines, and callgrind_annotate's PROGRAM TOTALS.
    const text = readFixtureText(`${DIR}/${file}`);
    expect(Number(/^summary: (\d+)$/m.exec(text)?.[1])).toBe(want.total);
    expect(Number(/^totals: (\d+)$/m.exec(text)?.[1])).toBe(want.total);
    expect(sampleTotals(profile)).toEqual([want.total]);
    expect(profile.comments.filter((c) => c.includes('states totals'))).toEqual([]);
    const mine = selfByFunction(profile, 0);
    for (const [name, cost] of want.byFunction) expect([name, mine.get(name) ?? 0]).toEqual([name, cost]);
    for (const [name, cost] of mine) expect([name, cost]).toEqual([name, want.byFunction.get(name)]);
  });

  it('shapes: inclusive cost of functions outside recursion equals callgrind_annotate --inclusive=yes', () => {
    const profile = load('shapes.callgrind');
    const inclusive = annotate('shapes.inclusive.txt').byFunction;
    for (const name of ['main', 'alpha', 'beta', 'work', 'leaf']) {
      // annotate lists a function once per file its code came from; main's rows repeat its total.
      expect([name, inclusiveOf(profile, name)]).toEqual([
        name,
        name === 'main' ? inclusive.get(name)! / 2 : inclusive.get(name),
      ]);
    }
  });

  it('shapes: work() is shared by alpha and beta in proportion to the call edges', () => {
    const profile = load('shapes.callgrind');
    const stacks = folded(profile);
    const at = (suffix: string): number =>
      Object.entries(stacks).reduce((sum, [stack, v]) => (stack.endsWith(suffix) ? sum + v : sum), 0);
    // The edges main→alpha→work and main→beta→work carry all of work's cost: 3000 vs 2 × 1000 iterations.
    expect(at('main;alpha;work') + at('main;beta;work')).toBe(selfByFunction(profile, 0).get('work'));
    expect(at('main;alpha;work')).toBeGreaterThan(at('main;beta;work'));
    // Recursion is folded: callgrind's own level names ("fact'2") stay, repeated levels do not.
    expect(Object.keys(stacks).some((s) => s.endsWith("main;fact;fact'2"))).toBe(true);
    expect(Object.keys(stacks).some((s) => s.endsWith("main;even;odd;even'2;odd'2"))).toBe(true);
    expect(Object.keys(stacks).some((s) => s.includes("fact'2;fact'2") || s.includes("odd'2;even'2;odd'2"))).toBe(
      false,
    );
    expect(profile.comments.filter((c) => /^(cmd: \S+\/shapes|creator: callgrind-3\.\d+\.\d+)$/.test(c))).toHaveLength(
      2,
    );
  });
});

describe('speedscope sample files', () => {
  const EXAMPLE = { main: 20, 'main;func1': 100, 'main;func1;func2': 300, 'main;func2': 400 };

  it.each(['speedscope__callgrind__callgrind.example.log', 'speedscope__callgrind__callgrind.name-compression.log'])(
    '%s: the call tree of the specification example',
    (file) => {
      const profile = load(file);
      expect(profile.sampleTypes).toEqual([{ type: 'Instructions', unit: 'count' }]);
      expect(folded(profile)).toEqual(EXAMPLE);
      const func2 = profile.functions.name.findIndex((s) => profile.strings[s] === 'func2');
      expect(profile.strings[profile.functions.file[func2] as number]).toBe('file2.c');
    },
  );

  it('multiple-event-types: one sample type per event, each split on its own costs, in its unit', () => {
    const profile = load('speedscope__callgrind__callgrind.multiple-event-types.log');
    // xdebug's "events: Time_(10ns) Memory_(bytes)": costs of 10 ns each, and bytes.
    expect(profile.sampleTypes).toEqual([
      { type: 'Time', unit: 'nanoseconds' },
      { type: 'Memory', unit: 'bytes' },
    ]);
    expect(folded(profile, 0)).toEqual(Object.fromEntries(Object.entries(EXAMPLE).map(([s, v]) => [s, v * 10])));
    expect(folded(profile, 1)).toEqual({
      main: 15000,
      'main;func1': 15000,
      'main;func1;func2': 5000,
      'main;func2': 3000,
    });
    expect(sampleTotals(profile)).toEqual([8200, 38000]);
    expect(profile.comments).toEqual(['creator: xdebug 3.0.2 (PHP 7.4.14)', 'cmd: /var/www/html/index.php']);
  });

  it("cfn-reset: a callee's file is forgotten after each call; inconsistent edges are scaled down", () => {
    const profile = load('speedscope__callgrind__callgrind.cfn-reset.log');
    const files = Object.fromEntries(
      profile.functions.name.map((s, f) => [profile.strings[s], profile.strings[profile.functions.file[f] as number]]),
    );
    expect(files).toEqual({ alpha: 'alpha.c', beta: 'beta.c', gamma: 'alpha.c', delta: 'alpha.c' });
    // gamma's edges claim 20 but it has 10: each call passes half, so totals stay the file's self costs.
    expect(folded(profile)).toEqual({
      alpha: 10,
      'alpha;beta': 10,
      'alpha;gamma': 5,
      'alpha;delta': 10,
      'alpha;delta;gamma': 5,
    });
    expect(sampleTotals(profile)).toEqual([40]);
  });

  it('subposition-compression: refused, its costs use relative notation the format allows only for positions', () => {
    expect(() => load('speedscope__callgrind__callgrind.subposition-compression.log')).toThrow(
      'line 13: cost "*" is not a number',
    );
  });
});

describe('format details', () => {
  const header = '# callgrind format\nevents: Ir Dr\n';

  it('reads relative and hex subpositions, and fewer costs than events as zeros', () => {
    const profile = importText(`positions: instr line\n${header}fn=f\n0x10 3 5 1\n+2 * 4\n-1 +7 6 2\n* * 1\n`);
    expect(sampleTotals(profile)).toEqual([16, 3]);
  });

  it('compressed names: files, functions and objects have their own id tables', () => {
    const text = `${header}ob=(1) /bin/a\nfl=(1) a.c\nfn=(1) main\n1 5\ncfl=(2) b.c\ncfn=(2) g\ncalls=1 1\n1 7\nfl=(2)\nfn=(2)\n1 7\n`;
    const profile = importText(text);
    expect(folded(profile)).toEqual({ main: 5, 'main;g': 7 });
  });

  it('folds recursion: a function already on the path is not entered again', () => {
    // f calls itself: 3 levels of 100 self each; callgrind's edge f→f holds the two inner levels (200 + 100).
    const text = `${header}fn=main\n1 0\ncfn=f\ncalls=1 1\n1 300\nfn=f\n1 300\ncfn=f\ncalls=2 1\n1 300\n`;
    const profile = importText(text);
    expect(folded(profile)).toEqual({ 'main;f': 300 });
    expect(profile.comments).toEqual([]);
  });

  it('stops at maxStackDepth; self costs are then settled onto root samples', () => {
    const chain =
      'fn=main\n1 1\ncfn=a\ncalls=1 1\n1 3\nfn=a\n1 1\ncfn=b\ncalls=1 1\n1 2\nfn=b\n1 1\ncfn=c\ncalls=1 1\n1 1\nfn=c\n1 1\n';
    const profile = importText(`events: Ir\n${chain}`, { maxStackDepth: 2 });
    expect(folded(profile)).toEqual({ main: 1, 'main;a': 1, b: 1, c: 1 });
    expect(profile.comments).toEqual([
      'call tree cut short at 1 node(s) holding 50% of Ir (stack depth, node budget or below 1/100,000 of the total); self costs per function stay exact',
    ]);
  });

  it('notes a summary that differs from the cost lines', () => {
    const profile = importText('events: Ir\nsummary: 99\nfn=f\n1 5\n');
    expect(profile.comments).toEqual(['the file states totals 99; its cost lines add up to 5']);
  });

  it('a function without callers or calls of its own is a root; a 20,000-deep chain imports without recursion', () => {
    const chain = Array.from(
      { length: 20_000 },
      (_, i) => `fn=f${i}\n1 1\ncfn=f${i + 1}\ncalls=1 1\n1 ${20_000 - i}\n`,
    ).join('');
    const profile = importText(`events: Ir\n${chain}fn=f20000\n1 1\n`);
    expect(sampleTotals(profile)).toEqual([20_001]);
    expect(
      Math.max(...Array.from(profile.samples.stack).map((_, i) => foldedStack(profile, i).split(';').length)),
    ).toBe(20_001);
  });

  const failure = (text: string, overrides = {}): string => {
    try {
      importCallgrind(text, limits(overrides));
    } catch (error) {
      expect(error).toBeInstanceOf(ImportFailure);
      return (error as ImportFailure).reason;
    }
    throw new Error('expected the import to fail');
  };

  it.each([
    ['', 'no "events:" line'],
    ['fn=f\n1 2\n', 'line 2: cost line before the "events:" line'],
    ['events: Ir\nfn=(3)\n', 'line 2: compressed function name (3) is used before it is defined'],
    ['events: Ir\nfn=f\ncalls=1 2\n', 'line 3: calls= without a cfn= naming the called function'],
    ['events: Ir\nfn=f\ncfn=g\ncalls=1 2\n', 'the file ends after calls= without the line giving its cost'],
    ['events: Ir\nfn=f\n1 2 3\n', 'line 3: 2 costs but "events:" lists 1'],
    ['events: Ir\nfn=f\nx1 2\n', 'line 3: not a callgrind line: "x1 2"'],
    ['positions: instr line\nevents: Ir\nfn=f\n0x1\n', 'line 4: expected 2 position(s) at the start of "0x1"'],
    ['events: Ir\nfn=f\n1 2\nevents: Dr\n', 'line 4: a part with other events (Dr) than the first (Ir)'],
  ])('%j fails: %s', (text, reason) => {
    expect(failure(text)).toContain(reason);
  });

  it('checks the name-length limit', () => {
    expect(failure('events: Ir\nfn=abcdefghijk\n1 1\n', { maxStringLength: 5 })).toBe(
      'name length 11 exceeds the limit maxStringLength=5',
    );
  });
});

describe('apportion', () => {
  it('splits an integer exactly, largest remainders first, ties to the earliest share', () => {
    expect(apportion(10, [1, 1, 1], 3)).toEqual([4, 3, 3]);
    expect(apportion(7, [0, 2, 5], 7)).toEqual([0, 2, 5]);
    expect(apportion(1, [1, 1], 2)).toEqual([1, 0]);
    expect(apportion(0, [1, 2], 3)).toEqual([0, 0]);
    expect(apportion(5, [0, 0], 0)).toEqual([5, 0]);
    const big = apportion(2 ** 52 + 3, [1e15, 3e15 + 7, 5], 4e15 + 12);
    expect(big.reduce((a, b) => a + b, 0)).toBe(2 ** 52 + 3);
  });
});

describe('detection', () => {
  it.each([
    'shapes.callgrind',
    'shapes-instr-jumps.callgrind',
    'speedscope__callgrind__callgrind.example.log',
    'speedscope__callgrind__callgrind.multiple-event-types.log',
    'speedscope__callgrind__callgrind.name-compression.log',
    'speedscope__callgrind__callgrind.cfn-reset.log',
    'speedscope__callgrind__callgrind.subposition-compression.log',
  ])('accepts %s', (file) => {
    expect(looksLikeCallgrind(readFixtureText(`${DIR}/${file}`).slice(0, 4096))).toBe(true);
  });

  it.each([
    ['folded stacks', 'main;work 12\n'],
    ['perf script', 'perf 1 1.0: 1 cycles:\n\t1 f (d)\n'],
    ['a legacy heap profile', 'heap profile: 1: 2 [1: 2] @ heap/2\n'],
    ['an events: line without position lines', 'events: Ir\nsomething else\n'],
    ['"events:" not at the start of a line', 'x events: Ir\nfn=f\n'],
  ])('refuses %s', (_, text) => {
    expect(looksLikeCallgrind(text)).toBe(false);
  });
});

describe('a call cycle through many functions', () => {
  /**
   * main → f0 → f1 → … → f(n-1) → f0, as callgrind writes it: each fi costs
   * 10 itself and its call passes on the inclusive cost of the rest of the
   * chain, 10·(n-1-i); the call closing the cycle costs 0.
   */
  function cycle(n: number): string {
    const lines = ['# callgrind format', 'events: Ir', 'fl=(1) a.c', 'fn=(0) main', '0 5'];
    lines.push('cfn=(1) f0', 'calls=1 0', `0 ${10 * n}`);
    for (let i = 0; i < n; i++) {
      const last = i === n - 1;
      lines.push(`fn=(${i + 1})`, '0 10', last ? 'cfn=(1)' : `cfn=(${i + 2}) f${i + 1}`, 'calls=1 0');
      lines.push(`0 ${last ? 0 : 10 * (n - 1 - i)}`);
    }
    return `${lines.join('\n')}\n`;
  }

  function timed(n: number): { profile: Profile; ms: number } {
    const text = cycle(n);
    const start = performance.now();
    const profile = importCallgrind(text, limits());
    return { profile, ms: performance.now() - start };
  }

  it('imports 99,000 functions as one chain, in time linear in the cycle', () => {
    const n = 99_000;
    const small = timed(n / 4);
    const { profile, ms } = timed(n);
    // Checking "is the callee already on the path?" by walking up the path made this quadratic (58 s):
    // 4× the functions took 16× the time. Linear work takes about 4×; 8 leaves room for a busy machine.
    expect(ms / small.ms).toBeLessThan(8);

    expect(sampleTotals(profile)).toEqual([10 * n + 5]);
    const self = selfByFunction(profile, 0);
    expect(self.size).toBe(n + 1);
    expect(self.get('main')).toBe(5);
    for (const i of [0, 1, 50_000, n - 1]) expect(self.get(`f${i}`)).toBe(10);
    // One sample per function, each on the stack of the one before: main;f0;f1;…;f98999, and f0 is not entered again.
    expect(profile.samples.stack.length).toBe(n + 1);
    const nameOf = (stack: number): string =>
      profile.strings[
        profile.functions.name[profile.frames.func[profile.stacks.frame[stack] as number] as number] as number
      ] as string;
    const stackOf = new Map(Array.from(profile.samples.stack).map((stack) => [nameOf(stack), stack]));
    expect(profile.stacks.parent[stackOf.get('main') as number]).toBe(-1);
    expect(profile.stacks.parent[stackOf.get('f0') as number]).toBe(stackOf.get('main'));
    for (const i of [1, 50_000, n - 1]) {
      expect(profile.stacks.parent[stackOf.get(`f${i}`) as number]).toBe(stackOf.get(`f${i - 1}`));
    }
    expect(profile.comments).toEqual([]);
  }, 120_000);
});
