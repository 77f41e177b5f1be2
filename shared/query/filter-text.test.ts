import { describe, expect, it } from 'vitest';
import { formatFilters, parseFilters, type StackFilter } from './filters';

describe('formatFilters / parseFilters', () => {
  it('writes a compact form and reads it back', () => {
    const filters: StackFilter[] = [
      { kind: 'focus', pattern: 'main.handle' },
      { kind: 'hide', pattern: 'runtime' },
      { kind: 'drop', pattern: 'gc' },
      { kind: 'collapseRecursion' },
      { kind: 'collapseRecursion', pattern: 'fib' },
      { kind: 'invert' },
    ];
    const text = formatFilters(filters);
    expect(text).toBe('focus:main.handle;hide:runtime;drop:gc;collapseRecursion;collapseRecursion:fib;invert');
    expect(parseFilters(text)).toEqual(filters);
    expect(formatFilters([])).toBe('');
    expect(parseFilters('')).toEqual([]);
  });

  it('escapes ; : % and other URL-unsafe characters in patterns, and round-trips them', () => {
    const patterns = [
      'a;b',
      'ns::Class::method',
      '100%',
      '%25 literally',
      'main\\.handle$',
      '^runtime\\..*',
      'x&y=z#frag+1 2',
      '(a|b)[0-9]{2}?/,@',
      'Ünïcödé 函数 😀',
      '',
      ';:%;:%',
    ];
    for (const pattern of patterns) {
      const filters: StackFilter[] = [
        { kind: 'focus', pattern },
        { kind: 'hide', pattern },
        { kind: 'collapseRecursion', pattern },
      ];
      const text = formatFilters(filters);
      expect(text).toMatch(/^[A-Za-z0-9\-_.!~*'()%$/?,@;:]*$/); // RFC 3986 query/fragment characters only
      expect(text.split(';')).toHaveLength(3);
      expect(parseFilters(text)).toEqual(filters);
      expect(formatFilters(parseFilters(text))).toBe(text);
    }
    expect(formatFilters([{ kind: 'focus', pattern: 'a;b:c%d\\.' }])).toBe('focus:a%3Bb%3Ac%25d%5C.');
    expect(formatFilters([{ kind: 'focus', pattern: '$/?,@' }])).toBe('focus:$/?,@');
  });

  it('reads hand-written text leniently where it is unambiguous', () => {
    expect(parseFilters('focus:a:b;;hide:100%;drop:%zz%E2')).toEqual([
      { kind: 'focus', pattern: 'a:b' }, // only the first ":" separates
      { kind: 'hide', pattern: '100%' }, // a "%" that is no escape stays
      { kind: 'drop', pattern: '%zz%E2' }, // an incomplete UTF-8 escape stays
    ]);
    expect(parseFilters('focus:main\\.handle;hide:runtime\\..*')).toEqual([
      { kind: 'focus', pattern: 'main\\.handle' },
      { kind: 'hide', pattern: 'runtime\\..*' },
    ]);
  });

  it('rejects unknown kinds and missing or extra patterns', () => {
    expect(() => parseFilters('zoom:a')).toThrow(SyntaxError);
    expect(() => parseFilters('focus')).toThrow(/needs a pattern/);
    expect(() => parseFilters('invert:x')).toThrow(/no pattern/);
  });
});
