import { describe, expect, it } from 'vitest';
import { buildCallTree } from './call-tree';
import { exactFunctionShares, matchedTotal } from './exact-shares';
import { applyFilters } from './filters';
import { buildMatcher, type NameMatcher } from './search-matcher';
import { stacksFromText } from './stacks-text';
import { totalValue } from './weighted-stacks';

const CPU = { type: 'cpu', unit: 'nanoseconds' };
// root 10: a 6 (self 1) ─ b 3, c 2 ─ a 2 (recursion); d 4.
const RECURSIVE = stacksFromText(['a 1', 'a;b 3', 'a;c;a 2', 'd 4']);

function byName(stacks: typeof RECURSIVE, values: number[]): Record<string, number> {
  return Object.fromEntries(stacks.functionNames.map((name, f) => [name, values[f] as number]));
}

describe('matchedTotal', () => {
  const matched = (query: string): number => matchedTotal(RECURSIVE, buildMatcher(query) as NameMatcher);

  it('counts a sample under two matching frames once', () => {
    expect(matched('^a$')).toBe(6);
    expect(matched('^[ac]$')).toBe(6);
  });

  it('adds up matches on separate branches', () => {
    expect(matched('^[bd]$')).toBe(7);
  });

  it('is what a focus filter on the same pattern keeps', () => {
    const focused = applyFilters(RECURSIVE, [{ kind: 'focus', pattern: '^[bd]$' }]);
    expect(matched('^[bd]$')).toBe(totalValue(focused));
  });
});

describe('exactFunctionShares', () => {
  it('gives pprof flat and cum, recursion counted once', () => {
    const { functionSelf, functionTotal } = exactFunctionShares(RECURSIVE, false);
    expect(byName(RECURSIVE, functionSelf)).toEqual({ a: 3, b: 3, c: 0, d: 4 });
    expect(byName(RECURSIVE, functionTotal)).toEqual({ a: 6, b: 3, c: 2, d: 4 });
  });

  it('keeps self on the frame the sample was taken in when the stacks are inverted', () => {
    const inverted = applyFilters(RECURSIVE, [{ kind: 'invert' }]);
    const { functionSelf } = exactFunctionShares(inverted, true);
    expect(byName(inverted, functionSelf)).toEqual(
      byName(RECURSIVE, exactFunctionShares(RECURSIVE, false).functionSelf),
    );
  });

  it('keeps the self that a folded tree hides in its "(smaller frames)" slivers', () => {
    // 1,000 stacks of one sample each under `deep`, each below the fold threshold, and one big `main` leaf.
    const lines = Array.from({ length: 1000 }, (_, i) => `deep;leaf${i} 1`);
    const stacks = stacksFromText([...lines, 'main 1000']);
    const drawn = buildCallTree(stacks, CPU, { minFraction: 0.01 });
    const drawnLeafSelf = drawn.func.reduce(
      (sum, f, node) => sum + (drawn.functionNames[f]?.startsWith('leaf') ? (drawn.self[node] as number) : 0),
      0,
    );
    const exactLeafSelf = exactFunctionShares(stacks, false).functionSelf.reduce(
      (sum, v, f) => sum + (stacks.functionNames[f]?.startsWith('leaf') ? v : 0),
      0,
    );
    expect(drawnLeafSelf).toBe(0);
    expect(exactLeafSelf).toBe(1000);
  });
});
