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
    expect(() => parseFilters('invert:x')).toThrow(/no argument/);
  });
});

describe('label and lines filters in the text form', () => {
  it('writes label:<key>=<value> and lines, and reads them back', () => {
    const filters: StackFilter[] = [
      { kind: 'label', key: 'endpoint', value: '/api/users' },
      { kind: 'lines' },
      { kind: 'label', key: 'bytes', value: '16' },
      { kind: 'focus', pattern: 'main' },
    ];
    const text = formatFilters(filters);
    expect(text).toBe('label:endpoint=/api/users;lines;label:bytes=16;focus:main');
    expect(parseFilters(text)).toEqual(filters);
  });

  it('reads escaped keys and values, as a URL may carry them', () => {
    expect(parseFilters('label:endpoint=%2Fapi')).toEqual([{ kind: 'label', key: 'endpoint', value: '/api' }]);
    expect(parseFilters('label:span%5Fid=a%3Db')).toEqual([{ kind: 'label', key: 'span_id', value: 'a=b' }]);
    // Only the first raw "=" separates: a hand-written value may hold more.
    expect(parseFilters('label:q=a=b')).toEqual([{ kind: 'label', key: 'q', value: 'a=b' }]);
  });

  it('escapes ; : = % and other URL-unsafe characters in keys and values, and round-trips them', () => {
    const texts = ['a;b', 'k=v', 'ns::x', '100%', '%3D', 'x&y#z+1 2', '/api/v1?q,@$', 'Ünïcödé 函数 😀', ';=:%'];
    for (const key of texts) {
      for (const value of texts) {
        const filters: StackFilter[] = [{ kind: 'label', key, value }, { kind: 'lines' }];
        const text = formatFilters(filters);
        expect(text).toMatch(/^[A-Za-z0-9\-_.!~*'()%$/?,@;:=]*$/);
        expect(text.split(';')).toHaveLength(2);
        expect(text.split('=')).toHaveLength(2); // the separator is the only raw "="
        expect(parseFilters(text)).toEqual(filters);
        expect(formatFilters(parseFilters(text))).toBe(text);
      }
    }
    expect(formatFilters([{ kind: 'label', key: 'a=b', value: 'c;d' }])).toBe('label:a%3Db=c%3Bd');
  });

  it('rejects a label filter without key or value and lines with an argument', () => {
    for (const text of ['label', 'label:', 'label:endpoint', 'label:=x', 'label:endpoint='])
      expect(() => parseFilters(text), text).toThrow(/label:<key>=<value>/);
    expect(() => parseFilters('lines:x')).toThrow(/"lines" takes no argument/);
  });
});
