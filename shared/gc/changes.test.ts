import { describe, expect, it } from 'vitest';
import { prng } from '../../test/fixtures/prng';
import {
  allocationChange,
  averageRanks,
  frequencyChange,
  llrThreshold,
  normalQuantile,
  pauseChange,
  type AllocationInterval,
} from './changes';

/** A Poisson process's event times (ms) on [fromMs, toMs) at `perSecond`, by exponential gaps. */
function poisson(random: () => number, perSecond: number, fromMs: number, toMs: number): number[] {
  const out: number[] = [];
  for (let t = fromMs - (Math.log(1 - random()) / perSecond) * 1000; t < toMs;) {
    out.push(t);
    t -= (Math.log(1 - random()) / perSecond) * 1000;
  }
  return out;
}

/** A log-normal value around `median` (σ of the log = 0.5): pauses and rates are skewed like this. */
function logNormal(random: () => number, median: number): number {
  const u = Math.max(random(), 1e-12);
  const v = random();
  return median * Math.exp(0.5 * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
}

describe('normalQuantile and the threshold', () => {
  it('matches tabulated quantiles', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.9995)).toBeCloseTo(3.290527, 5);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(1e-6)).toBeCloseTo(-4.753424, 4);
  });

  it('is half the χ²(1) quantile at 10⁻³ for one split, and grows with the splits (Bonferroni)', () => {
    // χ²₁ upper 10⁻³ point: 10.828.
    expect(2 * llrThreshold(1)).toBeCloseTo(10.828, 2);
    // 10⁻³ / 1000 = 10⁻⁶: χ²₁ upper point 23.928.
    expect(2 * llrThreshold(1000)).toBeCloseTo(23.928, 2);
  });
});

describe('frequencyChange', () => {
  it('finds a switch from 0.5/s to 10/s at t = 20 s within ±1 s, with both rates', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const random = prng(seed);
      const times = [...poisson(random, 0.5, 0, 20_000), ...poisson(random, 10, 20_000, 40_000)];
      const change = frequencyChange(times, 0, 40_000);
      expect(change, `seed ${seed}`).not.toBeNull();
      expect(Math.abs(change!.atMs - 20_000), `seed ${seed}`).toBeLessThanOrEqual(1000);
      expect(change!.before).toBeGreaterThan(0.1);
      expect(change!.before).toBeLessThan(1.5);
      expect(change!.after).toBeGreaterThan(7);
      expect(change!.after).toBeLessThan(13);
      expect(change!.strength).toBeGreaterThan(change!.threshold!);
    }
  });

  it('reports no change in a constant-rate stream for all but a bounded share of 300 seeds', () => {
    let flagged = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const random = prng(1000 + seed);
      const rate = [0.5, 3, 20][seed % 3] as number;
      if (frequencyChange(poisson(random, rate, 0, 60_000), 0, 60_000) !== null) flagged++;
    }
    // The level is 10⁻³ per stream; 300 streams expect 0.3. Three or more would mean the level is not held.
    expect(flagged).toBeLessThanOrEqual(2);
  });

  it('counts the quiet stretch before the first event as evidence', () => {
    // No event in the first 30 s, then 2/s: the rate rose where the events began.
    const random = prng(7);
    const change = frequencyChange(poisson(random, 2, 30_000, 60_000), 0, 60_000);
    expect(change?.atMs).toBeGreaterThanOrEqual(30_000);
    expect(change?.atMs).toBeLessThan(31_000);
    expect(change?.before).toBe(0);
  });

  it('needs two events', () => {
    expect(frequencyChange([5_000], 0, 10_000)).toBeNull();
  });
});

describe('allocationChange and pauseChange (rank shift)', () => {
  const intervals = (random: () => number, rates: readonly [number, number], n: number): AllocationInterval[] => {
    const out: AllocationInterval[] = [];
    let t = 0;
    for (let i = 0; i < n; i++) {
      const rate = logNormal(random, i < n / 2 ? rates[0] : rates[1]);
      const dt = 100 + random() * 900;
      out.push({ fromMs: t, toMs: t + dt, bytes: (rate * dt) / 1000 });
      t += dt;
    }
    return out;
  };

  it('finds a tenfold allocation-rate rise at the middle interval, levels as Σbytes ÷ Σtime', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const series = intervals(prng(seed), [10e6, 100e6], 60);
      const change = allocationChange(series);
      expect(change, `seed ${seed}`).not.toBeNull();
      expect(change!.atMs).toBe(series[30]!.fromMs);
      const level = (part: AllocationInterval[]) =>
        (part.reduce((s, i) => s + i.bytes, 0) / part.reduce((s, i) => s + i.toMs - i.fromMs, 0)) * 1000;
      expect(change!.before).toBeCloseTo(level(series.slice(0, 30)), 6);
      expect(change!.after).toBeCloseTo(level(series.slice(30)), 6);
      expect(change!.after / change!.before).toBeGreaterThan(5);
    }
  });

  it('flags no allocation or pause change in steady streams for all but a bounded share of 300 seeds', () => {
    let flagged = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const random = prng(5000 + seed);
      if (allocationChange(intervals(random, [50e6, 50e6], 80)) !== null) flagged++;
      const pauses = Array.from({ length: 80 }, (_, i) => ({ atMs: i * 500, pauseMs: logNormal(random, 3) }));
      if (pauseChange(pauses) !== null) flagged++;
    }
    // 600 tests at 10⁻³ expect 0.6.
    expect(flagged).toBeLessThanOrEqual(3);
  });

  it('is not moved by one huge pause (ranks), but finds a pause level shift with nearest-rank medians', () => {
    const random = prng(11);
    const steady = Array.from({ length: 60 }, (_, i) => ({ atMs: i * 100, pauseMs: logNormal(random, 2) }));
    steady[58] = { atMs: 5800, pauseMs: 900 };
    expect(pauseChange(steady)).toBeNull();
    const shifted = [
      ...Array.from({ length: 30 }, (_, i) => ({ atMs: i * 100, pauseMs: 1 + (i % 5) * 0.1 })),
      ...Array.from({ length: 30 }, (_, i) => ({ atMs: 3000 + i * 100, pauseMs: 8 + (i % 5) })),
    ];
    const change = pauseChange(shifted);
    expect(change).toMatchObject({ measure: 'pause', atMs: 3000 });
    // Before: 1.0, 1.1, 1.2, 1.3, 1.4 six times each: 30 values, nearest-rank p50 is the 15th = 1.2.
    expect(change!.before).toBeCloseTo(1.2, 9);
    // After: 8..12 six times each: the 15th is 10.
    expect(change!.after).toBe(10);
  });

  it('ranks ties by their average rank', () => {
    expect(averageRanks([5, 1, 5, 3])).toEqual([3.5, 1, 3.5, 2]);
  });
});
