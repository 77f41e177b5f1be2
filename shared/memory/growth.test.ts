/**
 * The growth classifier on synthetic series with seeded sampling noise: each value is the true level plus Gaussian
 * noise of the size a sampled heap profile has (standard deviation sqrt(value·R), R = 512 KiB, Go's default
 * MemProfileRate), or exact values for snapshots (R = 0).
 */
import { describe, expect, it } from 'vitest';
import { prng } from '../../test/fixtures/prng';
import { classifyGrowth, leastSquares, median, noiseBand, hingeKnee } from './growth';

const R = 512 * 1024;
const MB = 1024 * 1024;

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Captures every 2 s; the true level at each time plus sampling noise sqrt(level·R). */
function sampled(levels: (t: number) => number, captures: number, seed: number, r = R) {
  const random = prng(seed);
  const timesMs = Array.from({ length: captures }, (_, i) => 1_700_000_000_000 + i * 2000);
  const values = timesMs.map((_, i) => {
    const level = levels(i * 2);
    return Math.max(0, Math.round(level + gaussian(random) * Math.sqrt(Math.max(level, 0) * r)));
  });
  return { values, timesMs, samplingBytes: r, unit: 'bytes' };
}

const linear = (t: number): number => 2 * MB + 6 * MB * t; // 6 MB/s
/** An LRU that fills linearly for 8 s, then holds 40 MB. */
const saturating = (t: number): number => 40 * MB * Math.min(t / 8, 1);
const logistic = (t: number): number => (60 * MB) / (1 + Math.exp(-(t - 6) / 1.2));

describe('classifyGrowth', () => {
  it('calls linear growth with sampling noise growing, with its slope and a projection to a limit', () => {
    const e = classifyGrowth({ ...sampled(linear, 12, 1), limit: 1024 * MB });
    expect(e.verdict).toBe('growing');
    expect(e.slope / MB).toBeGreaterThan(5);
    expect(e.slope / MB).toBeLessThan(7);
    expect(e.r2).toBeGreaterThan(0.95);
    expect(e.risingShare).toBeGreaterThan(0.8);
    expect(e.secondsToLimit).toBeCloseTo((1024 * MB - e.last) / e.slope, 6);
    expect(e.levelledAt).toBeNull();
    expect(e.wrongIf).toMatch(/levels off within the noise band \(±[\d.]+ MiB\)/);
  });

  it('calls a fill that saturates a plateau, levelled at the capture where the fill ended', () => {
    const e = classifyGrowth(sampled(saturating, 12, 2));
    expect(e.verdict).toBe('plateau');
    // The fill ends at t = 8 s: capture 4.
    expect(Math.abs((e.levelledAt as number) - 4)).toBeLessThanOrEqual(1);
    expect(e.wrongIf).toMatch(/starts rising again beyond/);
  });

  it('calls a logistic fill a plateau, levelled near its knee', () => {
    // 60 MB, midpoint 6 s, width 1.2 s: within 5% of the level from t ≈ 9.5 s (capture 5).
    const e = classifyGrowth(sampled(logistic, 12, 3));
    expect(e.verdict).toBe('plateau');
    expect(e.levelledAt).toBeGreaterThanOrEqual(3);
    expect(e.levelledAt).toBeLessThanOrEqual(6);
  });

  it('calls a constant with sampling noise stable', () => {
    const e = classifyGrowth(sampled(() => 30 * MB, 12, 4));
    expect(e.verdict).toBe('stable');
    expect(e.noiseBand).toBeCloseTo(3 * Math.sqrt(e.peak * R), 6);
  });

  it('calls a falling series shrinking', () => {
    const e = classifyGrowth(sampled((t) => 100 * MB - 4 * MB * t, 12, 5));
    expect(e.verdict).toBe('shrinking');
    expect(e.slope).toBeLessThan(0);
  });

  it('calls a GC-like sawtooth around a constant stable, within the band or beyond it', () => {
    const times = Array.from({ length: 15 }, (_, i) => i * 2000);
    // Exact sizes (R = 0): heap that fills for 4 captures and is collected, ±2% (inside the 5% band) …
    const small = times.map((_, i) => 50 * MB * (0.98 + 0.01 * (i % 5)));
    expect(classifyGrowth({ values: small, timesMs: times, samplingBytes: 0, unit: 'bytes' }).verdict).toBe('stable');
    // … and ±30%, beyond it: no level held, no direction kept.
    const large = times.map((_, i) => 50 * MB * (0.7 + 0.15 * (i % 5)));
    const e = classifyGrowth({ values: large, timesMs: times, samplingBytes: 0, unit: 'bytes' });
    expect(e.verdict).toBe('stable');
    expect(e.wrongIf).toMatch(/neither held a new level nor kept a direction/);
  });

  it('calls slow growth inside the band stable', () => {
    // 20 MB rising by 2 MB in all: 3·sqrt(22 MB·512 KiB) ≈ 10 MB of band.
    const e = classifyGrowth(sampled((t) => 20 * MB + (2 * MB * t) / 22, 12, 6));
    expect(e.verdict).toBe('stable');
    expect(e.slope).toBeGreaterThan(0);
  });

  it('calls two captures stable and says they are too few', () => {
    const e = classifyGrowth({ values: [1 * MB, 50 * MB], timesMs: [0, 2000], samplingBytes: R, unit: 'bytes' });
    expect(e.verdict).toBe('stable');
    expect(e.wrongIf).toMatch(/2 captures are too few/);
  });

  it('keeps the verdicts across 300 seeds at the stated noise (independent noise: the worst case)', () => {
    // Independent Gaussian noise of sqrt(level·R) per capture is harsher than a real heap profile, whose sampled
    // live objects stay sampled from capture to capture. 16 captures (32 s at one every 2 s).
    const seeds = 300;
    const share = (levels: (t: number) => number, verdict: string, offset: number): number => {
      let hits = 0;
      for (let seed = 0; seed < seeds; seed++) {
        if (classifyGrowth(sampled(levels, 16, offset + seed)).verdict === verdict) hits++;
      }
      return hits / seeds;
    };
    expect(share(linear, 'growing', 1000)).toBeGreaterThanOrEqual(0.99);
    expect(share(saturating, 'plateau', 2000)).toBeGreaterThanOrEqual(0.98);
    expect(share(() => 30 * MB, 'stable', 3000)).toBe(1);
    expect(share((t) => 100 * MB - 4 * MB * t, 'shrinking', 4000)).toBe(1);
    // levelledAt within a capture of the end of the fill (capture 4).
    let near = 0;
    for (let seed = 0; seed < seeds; seed++) {
      const e = classifyGrowth(sampled(saturating, 16, 5000 + seed));
      if (e.verdict === 'plateau' && Math.abs((e.levelledAt as number) - 4) <= 1) near++;
    }
    expect(near / seeds).toBeGreaterThanOrEqual(0.97);
  });
});

describe('the arithmetic', () => {
  it('makes the band from the sampling interval, or 5% of the peak for exact counts', () => {
    expect(noiseBand(100 * MB, R)).toBeCloseTo(3 * Math.sqrt(100 * MB * R), 6);
    expect(noiseBand(10_000 * MB, R)).toBeCloseTo(500 * MB, 6);
    expect(noiseBand(100 * MB, 0)).toBe(5 * MB);
    expect(noiseBand(0, 0)).toBe(1024);
  });

  it('fits a line, a median and a knee', () => {
    const fit = leastSquares([0, 1, 2, 3], [1, 3, 5, 7]);
    expect(fit.slope).toBe(2);
    expect(fit.r2).toBe(1);
    expect(leastSquares([0, 1, 2], [4, 4, 4])).toEqual({ slope: 0, r2: 0, sse: 0 });
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(hingeKnee([0, 1, 2, 3, 4, 5, 6], [0, 10, 20, 30, 30, 30, 30])).toBe(3);
  });
});
