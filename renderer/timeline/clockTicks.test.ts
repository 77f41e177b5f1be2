import { describe, expect, it } from 'vitest';
import { clockTicks } from './clockTicks';

describe('clockTicks', () => {
  // Local times, so the test holds in any time zone.
  const at = (h: number, m: number, s = 0, ms = 0): number => new Date(2026, 10, 20, h, m, s, ms).getTime();

  it('labels round minutes with the date on the first tick only', () => {
    const ticks = clockTicks(at(10, 0), at(10, 15), 3);
    expect(ticks.map((t) => t.label)).toEqual(['2026-11-20 10:00', '10:05', '10:10', '10:15']);
  });

  it('shows seconds for second steps and milliseconds below a second', () => {
    expect(clockTicks(at(10, 0, 0), at(10, 0, 20), 2).map((t) => t.label)).toEqual([
      '2026-11-20 10:00:00',
      '10:00:10',
      '10:00:20',
    ]);
    expect(clockTicks(at(10, 0, 1), at(10, 0, 1, 400), 2).map((t) => t.label)).toEqual([
      '2026-11-20 10:00:01.000',
      '10:00:01.200',
      '10:00:01.400',
    ]);
  });

  it('repeats the date where the day changes', () => {
    const labels = clockTicks(new Date(2026, 10, 20, 23, 0).getTime(), new Date(2026, 10, 21, 1, 0).getTime(), 2).map(
      (t) => t.label,
    );
    expect(labels).toEqual(['2026-11-20 23:00', '2026-11-21 00:00', '01:00']);
  });
});
