import { describe, expect, it } from 'vitest';
import { formatTime, rangeResolution } from './timeFormat';

describe('stack chart times', () => {
  it('prints a time to the resolution asked, in the largest unit that needs at most three decimals', () => {
    expect(formatTime(6_021_372_000, 1e6)).toBe('6.021 s');
    expect(formatTime(6_022_000_000, 1e6)).toBe('6.022 s');
    expect(formatTime(1_500_000_000, 5e8)).toBe('1.5 s');
    expect(formatTime(2e9, 1e9)).toBe('2 s');
    expect(formatTime(6_021_372_512, 1e3)).toBe('6,021.373 ms');
    expect(formatTime(6_021_372_512, 2e4)).toBe('6,021.37 ms');
    expect(formatTime(1234, 1)).toBe('1.234 µs');
    expect(formatTime(7, 0.5)).toBe('0.007 µs');
    expect(formatTime(0, 1e7)).toBe('0.00 s');
  });

  it('picks a range resolution of about a thousandth of the span', () => {
    expect(rangeResolution(10e9)).toBe(1e7);
    expect(rangeResolution(7.5e6)).toBe(1e4);
    expect(rangeResolution(0)).toBe(1);
  });
});
