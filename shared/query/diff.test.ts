/**
 * The comparison's arithmetic on hand-made stacks (`caller;callee value`, root first): rows per function in every
 * mode, the noise test, and the suspect named through its total when its own time is flat.
 */
import { describe, expect, it } from 'vitest';
import type { DiffRow } from '../ipc/contract';
import { compareSides } from './diff';
import type { DiffSide } from './diff-side';
import { buildCallTree } from './call-tree';
import { findSuspects } from './suspect';
import { stacksFromText } from './stacks-text';

const CPU = { type: 'cpu', unit: 'count' };

/** A side whose every value is one sample (so counts equal values), scaled by `valueScale`. */
function side(lines: string[], valueScale = 1): DiffSide {
  const stacks = stacksFromText(lines);
  const total = stacks.rootValue + stacks.value.reduce((a, b) => a + b, 0);
  return { stacks, total, samples: total, valueScale };
}

/** Both sides' call trees, as diff.ts builds them for the suspect walk. */
const trees = (base: DiffSide, target: DiffSide) => ({
  base: buildCallTree(base.stacks, CPU),
  target: buildCallTree(target.stacks, CPU),
});

const row = (rows: DiffRow[], name: string): DiffRow => {
  const found = rows.find((r) => r.function === name);
  if (!found) throw new Error(`no row ${name}`);
  return found;
};

// A Go service: the handler's own time is flat; in the target it also hashes (standard library), and a control
// function moves by noise only.
const BASE = [
  'runtime.goexit;net/http.(*conn).serve;main.handleCheckout 400',
  'runtime.goexit;net/http.(*conn).serve;main.handleCheckout;main.priceCart 1000',
  'runtime.goexit;net/http.(*conn).serve;main.control 2000',
  'runtime.goexit;runtime.gcBgMarkWorker 300',
];
const TARGET = [
  'runtime.goexit;net/http.(*conn).serve;main.handleCheckout 410',
  'runtime.goexit;net/http.(*conn).serve;main.handleCheckout;main.priceCart 990',
  'runtime.goexit;net/http.(*conn).serve;main.handleCheckout;crypto/sha256.Sum256;crypto/sha256.block 2500',
  'runtime.goexit;net/http.(*conn).serve;main.control 2040',
  'runtime.goexit;runtime.gcBgMarkWorker 310',
];

describe('compareSides', () => {
  const rows = compareSides(side(BASE), side(TARGET));

  it('gives A, B and the change for self and total per function, sorted by the change in total, then in self', () => {
    expect(rows.slice(0, 5).map((r) => r.function)).toEqual([
      'runtime.goexit',
      'net/http.(*conn).serve',
      // 2,500 more in total each: the one whose self changed more first.
      'crypto/sha256.block',
      'main.handleCheckout',
      'crypto/sha256.Sum256',
    ]);
    expect(row(rows, 'main.handleCheckout')).toMatchObject({
      base: { self: 400, total: 1400 },
      target: { self: 410, total: 3900 },
      delta: { self: 10, total: 2500 },
    });
    expect(row(rows, 'main.handleCheckout').deltaPercent.total).toBeCloseTo((2500 / 1400) * 100, 10);
    expect(row(rows, 'crypto/sha256.block')).toMatchObject({
      base: { self: 0, total: 0 },
      target: { self: 2500, total: 2500 },
      deltaPercent: { self: null, total: null },
    });
  });

  it('calls the hashing significant and the control function noise', () => {
    expect(row(rows, 'crypto/sha256.block').significant).toBe(true);
    expect(row(rows, 'main.handleCheckout').significant).toBe(true);
    // 2,000 → 2,040 samples: 1.4 standard deviations of the pair's split.
    expect(row(rows, 'main.control').significant).toBe(false);
    expect(row(rows, 'main.control').pValue).toBeGreaterThan(0.1);
    expect(row(rows, 'main.priceCart').significant).toBe(false);
    expect(row(rows, 'main.control').samples).toEqual({ base: 2000, target: 2040 });
  });

  it('keeps functions only the base has, with B at 0', () => {
    const gone = compareSides(side(['main.a;main.old 50', 'main.a 10']), side(['main.a 10']));
    expect(row(gone, 'main.old')).toMatchObject({ base: { self: 50, total: 50 }, target: { self: 0, total: 0 } });
    expect(row(gone, 'main.old').deltaPercent.total).toBe(-100);
  });

  it('compares shares in normalized mode: a function that kept its share did not change', () => {
    // The target ran twice as long: every function doubled, shares equal.
    const base = side(['main.a 300', 'main.b 700']);
    const target = side(['main.a 600', 'main.b 1400']);
    const normalized = compareSides({ ...base, valueScale: 1 / 1000 }, { ...target, valueScale: 1 / 2000 });
    expect(row(normalized, 'main.a')).toMatchObject({ base: { total: 0.3 }, target: { total: 0.3 } });
    expect(row(normalized, 'main.a').delta.total).toBeCloseTo(0, 12);
    expect(row(normalized, 'main.a').significant).toBe(false);
    // Absolute, the same sides differ everywhere, and significantly.
    expect(row(compareSides(base, target), 'main.a')).toMatchObject({ delta: { total: 300 }, significant: true });
  });

  it('compares rates per second: twice the time at the same rate is no change', () => {
    const base = side(['main.a 300', 'main.b 700'], 1e9 / 10e9);
    const target = side(['main.a 600', 'main.b 1400'], 1e9 / 20e9);
    const perSecond = compareSides(base, target);
    expect(row(perSecond, 'main.a')).toMatchObject({ base: { total: 30 }, target: { total: 30 }, significant: false });
  });

  it('tests nothing when the sample counts are unknown', () => {
    const unknown = compareSides({ ...side(BASE), samples: null }, { ...side(TARGET), samples: null });
    expect(unknown.every((r) => r.significant === null && r.pValue === null && r.samples === null)).toBe(true);
  });
});

describe('findSuspects', () => {
  it('names the handler through its total, though its own time is flat, with the path from the outermost caller', () => {
    const [suspect, ...more] = findSuspects(
      side(BASE),
      side(TARGET),
      trees(side(BASE), side(TARGET)),
      CPU,
      'absolute',
      [],
    );
    expect(more).toEqual([]);
    expect(suspect).toMatchObject({
      function: 'main.handleCheckout',
      path: ['runtime.goexit', 'net/http.(*conn).serve', 'main.handleCheckout'],
      base: { self: 400, total: 1400 },
      target: { self: 410, total: 3900 },
    });
    expect(suspect?.reason).toContain('crypto/sha256.Sum256 → crypto/sha256.block');
    expect(suspect?.reason).toMatch(/^total 1,400 → 3,900 \(\+179%\), self 400 → 410 \(\+2\.5%\)/);
  });

  it('names nothing when the growth is noise', () => {
    const noisy = side(['main.serve;main.a 1000', 'main.serve;main.b 1000']);
    const again = side(['main.serve;main.a 1030', 'main.serve;main.b 990']);
    expect(findSuspects(noisy, again, trees(noisy, again), CPU, 'absolute', [])).toEqual([]);
  });

  it('stops where the growth spreads: two callees each with half of it leave their caller as the suspect', () => {
    const base = side(['main.serve;main.handle;main.a 100', 'main.serve;main.handle;main.b 100']);
    const target = side(['main.serve;main.handle;main.a 1000', 'main.serve;main.handle;main.b 1000']);
    expect(findSuspects(base, target, trees(base, target), CPU, 'absolute', [])[0]?.function).toBe('main.a');
    const even = side(['main.serve;main.handle;main.a 900', 'main.serve;main.handle;main.b 1000']);
    // main.b carries 900 of 1,700: still over half. With a third callee sharing it, no child carries half.
    expect(findSuspects(base, even, trees(base, even), CPU, 'absolute', [])[0]?.function).toBe('main.b');
    const three = side([
      'main.serve;main.handle;main.a 700',
      'main.serve;main.handle;main.b 700',
      'main.serve;main.handle;main.c 600',
    ]);
    expect(findSuspects(base, three, trees(base, three), CPU, 'absolute', [])[0]?.function).toBe('main.handle');
  });

  it('skips packages the user marks as not theirs', () => {
    const base = side(['main.serve;github.com/acme/lib.Encode;encoding/json.Marshal 100']);
    const target = side(['main.serve;github.com/acme/lib.Encode;encoding/json.Marshal 2000']);
    expect(findSuspects(base, target, trees(base, target), CPU, 'absolute', [])[0]?.function).toBe(
      'github.com/acme/lib.Encode',
    );
    expect(findSuspects(base, target, trees(base, target), CPU, 'absolute', ['github.com/acme'])[0]?.function).toBe(
      'main.serve',
    );
  });
});
