import { describe, expect, it } from 'vitest';
import { computeFlameLayout } from './layout';
import { buildMatcher, searchFlameTree, type NameMatcher } from './search';
import { recursiveTree } from './testTrees';

function search(query: string) {
  const matcher = buildMatcher(query) as NameMatcher;
  const result = searchFlameTree(computeFlameLayout(recursiveTree()), matcher);
  return { count: result.matchCount, total: result.matchedTotal, matches: Array.from(result.matches) };
}

describe('buildMatcher', () => {
  it('returns null for an empty query', () => {
    expect(buildMatcher('')).toBeNull();
    expect(buildMatcher('   ')).toBeNull();
  });

  it('matches regular expressions case-insensitively', () => {
    const matcher = buildMatcher('^net/HTTP\\.') as NameMatcher;
    expect(matcher('net/http.Serve')).toBe(true);
    expect(matcher('xnet/http.Serve')).toBe(false);
  });

  it('reads a query whose only special character is a dot as plain text', () => {
    const matcher = buildMatcher('runtime.') as NameMatcher;
    expect(matcher('runtime.mallocgc')).toBe(true);
    expect(matcher('internal/runtime/atomic.Load')).toBe(false); // a regex would match 'runtime/'
    expect((buildMatcher('a.b') as NameMatcher)('axb')).toBe(false);
  });

  it('uses regex syntax when the query has it', () => {
    expect((buildMatcher('a.*b') as NameMatcher)('axxb')).toBe(true);
    expect((buildMatcher('main\\.(render|serve)') as NameMatcher)('main.serve')).toBe(true);
  });

  it('falls back to a substring for an invalid regular expression', () => {
    const matcher = buildMatcher('foo(') as NameMatcher;
    expect(matcher('call FOO(x)')).toBe(true);
    expect(matcher('foo')).toBe(false);
    expect((buildMatcher('net/http.(*conn).serve') as NameMatcher)('net/http.(*conn).serve')).toBe(true);
  });
});

describe('searchFlameTree', () => {
  it('counts a sample under two matching frames once', () => {
    // a (6) contains the recursive a (2): 2 matching nodes, share 6, not 8.
    expect(search('^a$')).toEqual({ count: 2, total: 6, matches: [0, 1, 0, 0, 1, 0] });
  });

  it('adds up matches on separate branches', () => {
    expect(search('^[bd]$')).toEqual({ count: 2, total: 7, matches: [0, 0, 1, 0, 0, 1] });
  });

  it('is case-insensitive', () => {
    expect(search('C')).toMatchObject({ count: 1, total: 2 });
  });

  it('never matches the synthetic root', () => {
    expect(search('root')).toMatchObject({ count: 0, total: 0 });
  });

  it('finds nothing for an invalid regex that is not a substring either', () => {
    expect(search('(')).toMatchObject({ count: 0, total: 0 });
  });
});
