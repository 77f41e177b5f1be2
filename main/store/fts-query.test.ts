import { describe, expect, it } from 'vitest';
import { ftsPrefixQuery } from './fts-query';

describe('ftsPrefixQuery', () => {
  it('quotes each term as a prefix phrase, ANDed', () => {
    expect(ftsPrefixQuery('runtime.malloc')).toBe('"runtime.malloc"*');
    expect(ftsPrefixQuery('  sha256   Write ')).toBe('"sha256"* "Write"*');
  });

  it('keeps FTS5 operators and syntax inside strings', () => {
    expect(ftsPrefixQuery('a OR b')).toBe('"a"* "OR"* "b"*');
    expect(ftsPrefixQuery('NEAR(a b, 2)')).toBe('"NEAR(a"* "b,"* "2)"*');
    expect(ftsPrefixQuery('-runtime ^main name:x')).toBe('"-runtime"* "^main"* "name:x"*');
    expect(ftsPrefixQuery('say "hi"')).toBe('"say"* """hi"""*');
  });

  it('drops terms without a letter or digit, and gives null when none is left', () => {
    expect(ftsPrefixQuery('* - "" ( ..')).toBeNull();
    expect(ftsPrefixQuery('   ')).toBeNull();
    expect(ftsPrefixQuery('* malloc')).toBe('"malloc"*');
    expect(ftsPrefixQuery('日本 ü 🔥')).toBe('"日本"* "ü"*');
  });
});
