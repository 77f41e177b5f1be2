import { describe, expect, it } from 'vitest';
import { splitCallSite } from './source-location';

describe('splitCallSite', () => {
  it.each<[string, ' (' | '(', ReturnType<typeof splitCallSite>]>([
    [
      'alpha (http://localhost:8000/simple.js:1:14)',
      ' (',
      { name: 'alpha', file: 'http://localhost:8000/simple.js', line: 1, column: 14 },
    ],
    ['frobnicate (chrome://blargh:34)', ' (', { name: 'frobnicate', file: 'chrome://blargh', line: 34, column: 0 }],
    [
      'exports.makeInfallible/< (resource://a.js -> resource://b.js:107:17)',
      ' (',
      { name: 'exports.makeInfallible/<', file: 'resource://a.js -> resource://b.js', line: 107, column: 17 },
    ],
    [
      'function3(http://localhost:8081/index.bundle?a=b&c=d:17:3)',
      '(',
      { name: 'function3', file: 'http://localhost:8081/index.bundle?a=b&c=d', line: 17, column: 3 },
    ],
    ['(root)', ' (', null],
    ['[root]', '(', null],
    ['Startup::XRE_Main', ' (', null],
    ['js::RunScript (no position)', ' (', null],
    ['f (file.js:)', ' (', null],
    ['f (:12)', ' (', null],
    ['0x100000f84', ' (', null],
  ])('%s', (label, open, expected) => {
    expect(splitCallSite(label, open)).toEqual(expected);
  });

  it('takes linear time on a hostile megabyte label', () => {
    const label = `${'a ('.repeat(300_000)}x:1:2:3:4)`;
    const started = Date.now();
    expect(splitCallSite(label, ' (')).toEqual({
      name: 'a ('.repeat(299_999) + 'a',
      file: 'x:1:2',
      line: 3,
      column: 4,
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
