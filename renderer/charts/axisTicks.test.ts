import { describe, expect, it } from 'vitest';
import {
  byteTicks,
  decimalsFor,
  formatByteTick,
  formatPauseTick,
  formatTimeTick,
  niceStep,
  timeStep,
  timeTicks,
  zeroBasedTicks,
} from './axisTicks';

describe('niceStep', () => {
  it('rounds up to 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(1)).toBe(1);
    expect(niceStep(1.2)).toBe(2);
    expect(niceStep(3)).toBe(5);
    expect(niceStep(7)).toBe(10);
    expect(niceStep(0.03)).toBe(0.05);
    expect(niceStep(420)).toBe(500);
  });
});

describe('decimalsFor', () => {
  it('counts the places a step needs', () => {
    expect(decimalsFor(5)).toBe(0);
    expect(decimalsFor(100)).toBe(0);
    expect(decimalsFor(0.5)).toBe(1);
    expect(decimalsFor(0.05)).toBe(2);
    expect(decimalsFor(0.001)).toBe(3);
  });
});

describe('zeroBasedTicks', () => {
  it('covers the maximum with round steps from zero', () => {
    // 23 / 4 = 5.75 → step 10; ceil(23 / 10) = 3 intervals.
    expect(zeroBasedTicks(23, 4)).toEqual({ max: 30, step: 10, values: [0, 10, 20, 30] });
    // 4 / 4 = 1 → step 1, and 4 is itself a tick.
    expect(zeroBasedTicks(4, 4)).toEqual({ max: 4, step: 1, values: [0, 1, 2, 3, 4] });
  });

  it('prints decimal steps without binary noise', () => {
    // 0.3 / 3 = 0.1 → step 0.1; 3 × 0.1 would be 0.30000000000000004.
    expect(zeroBasedTicks(0.3, 3).values).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('gives an empty or all-zero series the axis 0 to 1', () => {
    expect(zeroBasedTicks(0, 4)).toEqual({ max: 1, step: 0.5, values: [0, 0.5, 1] });
  });
});

describe('byteTicks', () => {
  it('steps in round numbers of the largest unit reached', () => {
    const mib = 1024 ** 2;
    // 300 MiB / 3 = 100 → step 100 MiB.
    const ticks = byteTicks(300 * mib, 3);
    expect(ticks.values).toEqual([0, 100 * mib, 200 * mib, 300 * mib]);
    expect(ticks.values.map(formatByteTick)).toEqual(['0 B', '100 MiB', '200 MiB', '300 MiB']);
  });

  it('counts small heaps in bytes', () => {
    expect(byteTicks(700, 3).values).toEqual([0, 500, 1000]);
  });
});

describe('timeStep', () => {
  it('uses 1-2-5 below a second and clock divisions above', () => {
    expect(timeStep(30)).toBe(50);
    expect(timeStep(1_200)).toBe(2_000);
    expect(timeStep(12_000)).toBe(15_000);
    expect(timeStep(100_000)).toBe(120_000);
    expect(timeStep(2 * 3_600_000)).toBe(2 * 3_600_000);
  });
});

describe('timeTicks', () => {
  it('puts ticks on multiples of the step inside the range', () => {
    // 10 s over 4 → 2.5 s raw → 5 s steps; 2 s to 12 s holds 5 s and 10 s.
    expect(timeTicks(2_000, 12_000, 4)).toEqual({ step: 5_000, values: [5_000, 10_000] });
    // 1 ms over 4 → 0.25 → 0.5 ms steps.
    expect(timeTicks(10, 11, 4)).toEqual({ step: 0.5, values: [10, 10.5, 11] });
  });
});

describe('tick labels', () => {
  it('labels time in the unit of the step', () => {
    expect(formatTimeTick(500, 500)).toBe('500 ms');
    expect(formatTimeTick(10.5, 0.5)).toBe('10.5 ms');
    expect(formatTimeTick(45_000, 15_000)).toBe('45 s');
    expect(formatTimeTick(240_000, 120_000)).toBe('4 min');
    expect(formatTimeTick(7_200_000, 3_600_000)).toBe('2 h');
  });

  it('labels pauses in milliseconds with the decimals of the step', () => {
    expect(formatPauseTick(0.15, 0.05)).toBe('0.15 ms');
    expect(formatPauseTick(20, 10)).toBe('20 ms');
  });
});
