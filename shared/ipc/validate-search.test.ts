import { describe, expect, it } from 'vitest';
import { HTTP_METHODS, KILN_METHODS } from './contract';
import { CONTRACT_LIMITS, ContractError, validateArgs } from './validate';

describe('searchFunctions arguments', () => {
  it('is a contract method offered over every transport, HTTP included', () => {
    expect(KILN_METHODS).toContain('searchFunctions');
    expect(HTTP_METHODS).toContain('searchFunctions');
  });

  it('passes a query through untouched, FTS5 syntax and all: the store quotes it', () => {
    for (const query of ['malloc', 'runtime.malloc', '"NEAR(a b)" -x*', ' 日本語 ', 'x'.repeat(256)]) {
      expect(validateArgs('searchFunctions', { query, limit: 50 })).toEqual({ query, limit: 50 });
    }
    expect(validateArgs('searchFunctions', { query: 'a', limit: CONTRACT_LIMITS.maxSearchLimit }).limit).toBe(1000);
  });

  it.each([
    [{ limit: 5 }, 'searchFunctions: query must be a non-empty string of at most 256 characters'],
    [{ query: '', limit: 5 }, 'query must be a non-empty string'],
    [{ query: 'x'.repeat(257), limit: 5 }, 'at most 256 characters'],
    [{ query: 'a\0b', limit: 5 }, 'query must be a non-empty string'],
    [{ query: 7, limit: 5 }, 'query must be a non-empty string'],
    [{ query: ['a'], limit: 5 }, 'query must be a non-empty string'],
    [{ query: 'a' }, 'limit must be a non-negative integer'],
    [{ query: 'a', limit: 0 }, 'limit must be between 1 and 1000'],
    [{ query: 'a', limit: 1001 }, 'limit must be between 1 and 1000'],
    [{ query: 'a', limit: 2.5 }, 'limit must be a non-negative integer'],
    [{ query: 'a', limit: '5' }, 'limit must be a non-negative integer'],
    [{ query: 'a', limit: 5, itemId: 1 }, 'unexpected argument "itemId"'],
  ])('refuses %j', (raw, message) => {
    expect(() => validateArgs('searchFunctions', raw)).toThrow(ContractError);
    expect(() => validateArgs('searchFunctions', raw)).toThrow(message);
  });
});
