import { describe, expect, it } from 'vitest';
import { emptyProfile } from '../profile/model';
import { uniqueNames } from './named-profile';

describe('uniqueNames', () => {
  it('numbers repeats, leaves null names alone, and never collides with an existing name', () => {
    const profile = emptyProfile('speedscope', 'cpu', []);
    const items = ['a', 'a', null, 'a (2)', 'b', 'a'].map((name) => ({ name, profile }));
    expect(uniqueNames(items).map((i) => i.name)).toEqual(['a', 'a (2)', null, 'a (2) (2)', 'b', 'a (3)']);
  });
});
