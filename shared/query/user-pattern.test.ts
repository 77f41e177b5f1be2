import { describe, expect, it } from 'vitest';
import { userPatternMatcher } from './user-pattern';

/** How long `f` takes, in milliseconds, and what it returned. */
function timed<T>(f: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = f();
  return { value, ms: performance.now() - start };
}

describe('userPatternMatcher', () => {
  // RegExp backtracks through every way to split the a's between the two `+`s: 2^33 for 33 of them.
  it('matches a catastrophic pattern in linear time: (a+)+$ against a run of a then "!"', () => {
    const matches = userPatternMatcher('(a+)+$');
    expect(matches).not.toBeNull();
    for (const length of [33, 100_000]) {
      const { value, ms } = timed(() => matches!('a'.repeat(length) + '!'));
      expect(value, `${length} a's`).toBe(false);
      expect(ms, `${length} a's`).toBeLessThan(1000);
    }
    expect(matches!('a'.repeat(33))).toBe(true);
  });

  it('is case-insensitive and unanchored', () => {
    const matches = userPatternMatcher('^net/HTTP\\.\\(\\*conn\\)');
    expect(matches!('net/http.(*Conn).serve')).toBe(true);
    expect(matches!('x net/http.(*conn).serve')).toBe(false);
    expect(userPatternMatcher('MALLOC')!('runtime.mallocgc')).toBe(true);
    expect(userPatternMatcher('é')!('CAFÉ')).toBe(true);
  });

  it('gives null for what RE2 cannot compile, so the caller matches the text itself', () => {
    expect(userPatternMatcher('foo(')).toBeNull(); // unbalanced
    expect(userPatternMatcher('(*conn)')).toBeNull(); // nothing to repeat
    expect(userPatternMatcher('(a)\\1')).toBeNull(); // a backreference: not linear
    expect(userPatternMatcher('a(?=b)')).toBeNull(); // lookahead: not linear
  });
});
