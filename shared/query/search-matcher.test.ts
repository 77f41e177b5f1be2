import { describe, expect, it } from 'vitest';
import { buildMatcher, type NameMatcher } from './search-matcher';

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
