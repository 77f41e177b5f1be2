import { describe, expect, it } from 'vitest';
import { durationText, exactValue, r2Text, rateText, shareOf, slopePerMinute, wrongIfText } from './memoryText';
import { bandColor, OTHER_COLOR } from './bandColors';

describe('memory text', () => {
  it('gives bytes their exact count beside the rounded value', () => {
    expect(exactValue(12_901_234, 'bytes')).toBe('12.3 MiB (12,901,234 B)');
    expect(exactValue(512, 'bytes')).toBe('512 B');
    expect(exactValue(19_701_300.41, 'bytes')).toBe('18.8 MiB (19,701,300 B)');
    expect(exactValue(1234, 'count')).toBe('1,234');
  });

  it('writes a per-second slope as a signed rate per minute', () => {
    expect(slopePerMinute((2.1 * 1024 * 1024) / 60, 'bytes')).toBe('+2.1 MiB/min');
    expect(slopePerMinute(-1024 / 60, 'bytes')).toBe('−1 KiB/min');
    expect(slopePerMinute(0, 'bytes')).toBe('0 B/min');
    expect(slopePerMinute(0.5, 'count')).toBe('+30/min');
  });

  it('writes a rate per second with its exact whole bytes', () => {
    expect(rateText(44_218_432.44, 'bytes')).toBe('42.2 MiB/s (44,218,432 B/s)');
    expect(rateText(12.5, 'count')).toBe('12.5/s');
  });

  it('drops the sentence\'s own "wrong if" after the label', () => {
    expect(wrongIfText('wrong if it levels off in later captures')).toBe('it levels off in later captures');
    expect(wrongIfText('Wrong if  the heap was warming up')).toBe('the heap was warming up');
    expect(wrongIfText('later captures fall')).toBe('later captures fall');
  });

  it('writes shares of a total, and none of an empty total', () => {
    expect(shareOf(1, 4)).toBe('25%');
    expect(shareOf(1, 3)).toBe('33.3%');
    expect(shareOf(5, 0)).toBe('—');
  });

  it('writes R² to two decimals and projections in the largest unit reached', () => {
    expect(r2Text(0.98765)).toBe('0.99');
    expect(durationText(40)).toBe('40 s');
    expect(durationText(14 * 60 + 10)).toBe('14 min');
    expect(durationText(4320)).toBe('1.2 h');
  });

  it('colours the last band, other, grey and the top functions with distinct hues', () => {
    expect(bandColor(8, 9)).toBe(OTHER_COLOR);
    const hues = new Set(Array.from({ length: 8 }, (_, i) => bandColor(i, 9)));
    expect(hues.size).toBe(8);
    expect(hues.has(OTHER_COLOR)).toBe(false);
  });
});
