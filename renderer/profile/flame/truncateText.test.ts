import { describe, expect, it } from 'vitest';
import { truncateToWidth } from './truncateText';

/** Every character 10 px wide. */
const measure = (s: string): number => s.length * 10;

describe('truncateToWidth', () => {
  it('keeps text that fits', () => {
    expect(truncateToWidth('abcdef', 60, measure)).toBe('abcdef');
  });

  it('cuts to the longest prefix that fits with an ellipsis', () => {
    expect(truncateToWidth('abcdef', 45, measure)).toBe('abc…');
    expect(truncateToWidth('abcdef', 20, measure)).toBe('a…');
  });

  it('gives up when not even one character fits', () => {
    expect(truncateToWidth('abcdef', 15, measure)).toBe('');
  });
});
