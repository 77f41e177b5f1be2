import { describe, expect, it } from 'vitest';
import { formatLocalDateTime } from '../app/formatDate';
import { parseLocalTime, presetRange, RANGE_PRESETS, rangeFromTexts } from './timeText';

/** Local 2026-11-24 10:00:02.250, whatever the machine's zone: the picker reads and writes local time. */
const AT = new Date(2026, 10, 24, 10, 0, 2, 250).getTime();

describe('parseLocalTime', () => {
  it('reads what formatLocalDateTime writes, to the millisecond', () => {
    expect(parseLocalTime('2026-11-24 10:00:02.250')).toBe(AT);
    expect(parseLocalTime(formatLocalDateTime(AT, true))).toBe(AT);
    expect(parseLocalTime('2026-11-24 10:00:02')).toBe(AT - 250);
  });

  it('takes a T for the space, no seconds, one or two fraction digits, and surrounding blanks', () => {
    expect(parseLocalTime('2026-11-24T10:00:02.25')).toBe(AT);
    expect(parseLocalTime('2026-11-24 10:00:02.2')).toBe(AT - 50);
    expect(parseLocalTime('  2026-11-24 10:00 ')).toBe(AT - 2250);
  });

  it('refuses other text and days or hours that do not exist', () => {
    for (const bad of [
      '',
      'yesterday',
      '2026-11-24',
      '2026-11-24 10',
      '2026-02-30 10:00:00',
      '2026-11-24 25:00:00',
      '2026-11-24 10:60:00',
      '2026-11-24 10:00:61',
      '2026-13-01 00:00:00',
      '2026-11-24 10:00:02.2500',
      '2026-11-24 10:00:02Z',
    ]) {
      expect(parseLocalTime(bad), bad).toBeNull();
    }
  });
});

describe('range texts and presets', () => {
  it('reads a From/To pair, or says what is wrong', () => {
    expect(rangeFromTexts('2026-11-24 10:00:00', '2026-11-24 10:15:00')).toEqual({
      fromMs: AT - 2250,
      toMs: AT - 2250 + 15 * 60_000,
    });
    expect(rangeFromTexts('soon', '2026-11-24 10:15:00')).toEqual({
      error: '"soon" is not a time like 2026-11-24 10:00:00',
    });
    expect(rangeFromTexts('2026-11-24 10:15:00', '2026-11-24 10:15:00')).toEqual({ error: 'To must be after From' });
  });

  it('ends each preset at the latest capture', () => {
    expect(RANGE_PRESETS.map((p) => [p.key, p.spanMs])).toEqual([
      ['15m', 900_000],
      ['1h', 3_600_000],
      ['6h', 21_600_000],
      ['24h', 86_400_000],
    ]);
    expect(presetRange(RANGE_PRESETS[1]!, AT)).toEqual({ fromMs: AT - 3_600_000, toMs: AT });
  });
});
