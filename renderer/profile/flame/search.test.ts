import { describe, expect, it } from 'vitest';
import { buildMatcher, type NameMatcher } from '../../../shared/query/search-matcher';
import { computeFlameLayout } from './layout';
import { searchFlameTree } from './search';
import { recursiveTree } from './testTrees';

function search(query: string) {
  const matcher = buildMatcher(query) as NameMatcher;
  const result = searchFlameTree(computeFlameLayout(recursiveTree()), matcher);
  return { count: result.matchCount, matches: Array.from(result.matches) };
}

describe('searchFlameTree', () => {
  it('marks every drawn frame of a matching function, recursion included', () => {
    expect(search('^a$')).toEqual({ count: 2, matches: [0, 1, 0, 0, 1, 0] });
  });

  it('marks matches on separate branches', () => {
    expect(search('^[bd]$')).toEqual({ count: 2, matches: [0, 0, 1, 0, 0, 1] });
  });

  it('is case-insensitive', () => {
    expect(search('C')).toMatchObject({ count: 1 });
  });

  it('never matches the synthetic root', () => {
    expect(search('root')).toMatchObject({ count: 0 });
  });

  it('finds nothing for an invalid regex that is not a substring either', () => {
    expect(search('(')).toMatchObject({ count: 0 });
  });
});
