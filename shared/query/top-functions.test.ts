import type { Profile } from '../profile/model';
import { describe, expect, it } from 'vitest';
import { ProfileBuilder } from '../profile/builder';
import { topFunctions as topOfStacks } from './function-totals';
import { weightedStacksFromProfile } from './weighted-stacks';

const topFunctions = (profile: Profile, sampleType: number, limit: number) =>
  topOfStacks(weightedStacksFromProfile(profile, sampleType), limit);

/** A profile from folded stacks: "a;b;c" -> value. */
function folded(stacks: Record<string, number>) {
  const b = new ProfileBuilder('collapsed', 'cpu', [{ type: 'samples', unit: 'count' }]);
  for (const [stack, value] of Object.entries(stacks)) {
    let s = -1;
    for (const name of stack.split(';'))
      s = b.internStack(s, b.internFrame({ func: b.internFunction({ name, file: `${name}.go` }) }));
    b.addSample(s, [value]);
  }
  return b.build();
}

describe('topFunctions', () => {
  it('computes self and total, counting recursion once per sample', () => {
    const p = folded({ 'main;a;b;a;b': 3, 'main;a': 2, 'main;c': 1 });
    expect(topFunctions(p, 0, 10)).toEqual([
      { function: 'b', file: 'b.go', self: 3, total: 3 },
      { function: 'a', file: 'a.go', self: 2, total: 5 },
      { function: 'c', file: 'c.go', self: 1, total: 1 },
      { function: 'main', file: 'main.go', self: 0, total: 6 },
    ]);
  });

  it('breaks ties by name, as go tool pprof -top does, and honours the limit', () => {
    const p = folded({ 'root;zeta': 4, 'root;alpha': 4, 'root;mid': 4, 'root;last': 1 });
    expect(topFunctions(p, 0, 3).map((r) => r.function)).toEqual(['alpha', 'mid', 'zeta']);
    expect(topFunctions(p, 0, 0)).toEqual([]);
  });

  it('works on a 20,000-frame recursive stack without recursion', () => {
    const p = folded({ [Array.from({ length: 20_000 }, (_, i) => (i % 2 === 0 ? 'even' : 'odd')).join(';')]: 5 });
    expect(topFunctions(p, 0, 2)).toEqual([
      { function: 'odd', file: 'odd.go', self: 5, total: 5 },
      { function: 'even', file: 'even.go', self: 0, total: 5 },
    ]);
  });
});
