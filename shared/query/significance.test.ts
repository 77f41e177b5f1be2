import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, binomialTwoSidedP } from './significance';

describe('binomialTwoSidedP', () => {
  it("equals R's binom.test on small counts (exact)", () => {
    // binom.test(7, 10, 0.5)$p.value = 0.34375, binom.test(9, 10, 0.5) = 0.021484375; binom.test(3, 20, 0.4) sums
    // the outcomes no likelier than 3 (k ≤ 3 and k ≥ 13): 0.0224270381420433 (computed apart with exact binomials).
    expect(binomialTwoSidedP(7, 10, 0.5)).toBeCloseTo(0.34375, 10);
    expect(binomialTwoSidedP(9, 10, 0.5)).toBeCloseTo(0.021484375, 10);
    expect(binomialTwoSidedP(5, 10, 0.5)).toBeCloseTo(1, 10);
    expect(binomialTwoSidedP(3, 20, 0.4)).toBeCloseTo(0.0224270381420433, 10);
  });

  it('follows the normal approximation for large counts', () => {
    // 10,000 trials at ½: 5,000 ± 50; 5,100 is two standard deviations out (two-sided ≈ 0.0455, with continuity ≈ 0.0466).
    expect(binomialTwoSidedP(5_100, 10_000, 0.5)).toBeCloseTo(0.0466, 3);
    expect(binomialTwoSidedP(5_000, 10_000, 0.5)).toBe(1);
    expect(binomialTwoSidedP(6_000, 10_000, 0.5)).toBeLessThan(1e-80);
  });

  it('is 1 when nothing can be tested', () => {
    expect(binomialTwoSidedP(0, 0, 0.5)).toBe(1);
    expect(binomialTwoSidedP(3, 5, 0)).toBe(1);
  });
});

describe('benjaminiHochberg', () => {
  it('calls significant the tests below the step-up line, and none that were not tested', () => {
    // m = 5 at rate 0.05: thresholds 0.01, 0.02, 0.03, 0.04, 0.05; sorted p 0.001, 0.015, 0.03, 0.2, 0.5 → the
    // largest k with p(k) ≤ k·0.01 is k = 3 (0.03 ≤ 0.03).
    expect(benjaminiHochberg([0.5, 0.03, 0.001, null, 0.2, 0.015], 0.05)).toEqual([
      false,
      true,
      true,
      false,
      false,
      true,
    ]);
    expect(benjaminiHochberg([0.5, 0.9], 0.05)).toEqual([false, false]);
  });
});
