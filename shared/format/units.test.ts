import { describe, expect, it } from 'vitest';
import { formatPercent, formatValue } from './units';

describe('formatValue', () => {
  it.each([
    [0, 'nanoseconds', '0 ns'],
    [512, 'nanoseconds', '512 ns'],
    [1500, 'nanoseconds', '1.5 µs'],
    [999_960, 'nanoseconds', '1 ms'],
    [1_360_000_000, 'nanoseconds', '1.36 s'],
    [13_600_000_000, 'nanoseconds', '13.6 s'],
    [59_999_000_000, 'nanoseconds', '1 min'],
    [810_230_000_000, 'nanoseconds', '13.5 min'],
    [-2_500_000, 'nanoseconds', '-2.5 ms'],
    [1900, 'microseconds', '1.9 ms'],
    [250, 'milliseconds', '250 ms'],
    [0.5, 'seconds', '500 ms'],
  ])('%d %s -> %s', (value, unit, text) => {
    expect(formatValue(value, unit)).toBe(text);
  });

  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [1536, '1.5 KiB'],
    [10_241_056, '9.77 MiB'],
    [1_073_865_127, '1 GiB'],
    [5 * 1024 ** 4, '5 TiB'],
  ])('%d bytes -> %s', (value, text) => {
    expect(formatValue(value, 'bytes')).toBe(text);
  });

  it('prints counts exactly with grouped thousands', () => {
    expect(formatValue(0, 'count')).toBe('0');
    expect(formatValue(999, 'count')).toBe('999');
    expect(formatValue(1234, 'count')).toBe('1,234');
    expect(formatValue(13_183_227, 'count')).toBe('13,183,227');
    expect(formatValue(-1_000_000, 'count')).toBe('-1,000,000');
    expect(formatValue(1234.5678, 'count')).toBe('1,234.57');
    expect(formatValue(7, '')).toBe('7');
  });

  it('names units it does not scale', () => {
    expect(formatValue(12_345, 'goroutines')).toBe('12,345 goroutines');
    expect(formatValue(Number.NaN, 'bytes')).toBe('NaN');
  });
});

describe('formatPercent', () => {
  it.each([
    [0, '0%'],
    [1, '100%'],
    [0.25, '25%'],
    [0.3676, '36.8%'],
    [0.0049, '0.5%'],
    [0.0001, '<0.1%'],
    [-0.125, '-12.5%'],
  ])('%d -> %s', (fraction, text) => {
    expect(formatPercent(fraction)).toBe(text);
  });
});
