/**
 * Is a function's change between two sides more than sampling noise? Profiles are samples: a function hit by c
 * samples of a side would be hit about c ± √c times by another capture of the same work (Poisson). For two sides with
 * counts a (base) and b (target), conditional on n = a + b the target's count is binomial, b ~ Bin(n, p), where p is
 * the target's expected part under "nothing changed" (the comparison test of two Poisson rates, Przyborowski and
 * Wilenski 1940). p comes from what the comparison holds equal: the same value (absolute, ½ for equal scales), the same
 * share of each side's total, or the same rate per profiled second (diff.ts). The p-value is two-sided: the
 * probability, under p, of a count at least as unlikely as b (exact up to EXACT_MAX_N samples or while the
 * variance is small, else the normal approximation with continuity correction). Many functions are tested at once, so the ones called significant are chosen by the
 * Benjamini–Hochberg procedure at a false discovery rate of FALSE_DISCOVERY_RATE.
 *
 * What this cannot see: variation between runs beyond sampling (a noisy neighbour, a different request mix) looks
 * like a real change; and samples of one function's callers and callees are not independent tests.
 */

/** Of the changes called significant, at most this share are expected to be noise. */
export const FALSE_DISCOVERY_RATE = 0.01;

/**
 * The binomial tail is summed exactly up to this many samples in both sides together, and beyond it while the
 * variance n·p·(1 − p) is under NORMAL_MIN_VARIANCE (where the normal curve is not yet close enough).
 */
const EXACT_MAX_N = 1_000;
const NORMAL_MIN_VARIANCE = 25;

/** Two-sided p-value of `x` successes in `n` trials with success probability `p`. */
export function binomialTwoSidedP(x: number, n: number, p: number): number {
  if (n <= 0 || p <= 0 || p >= 1) return 1;
  if (n <= EXACT_MAX_N || n * p * (1 - p) < NORMAL_MIN_VARIANCE) return exactTwoSided(x, n, p);
  const mean = n * p;
  const sd = Math.sqrt(n * p * (1 - p));
  const z = Math.max(0, Math.abs(x - mean) - 0.5) / sd;
  return Math.min(1, 2 * normalUpperTail(z));
}

/** Σ P(k) over every k with P(k) ≤ P(x): the "minimum likelihood" two-sided test (R's binom.test). */
function exactTwoSided(x: number, n: number, p: number): number {
  const logP = Math.log(p);
  const logQ = Math.log(1 - p);
  const observed = logChoose(n, x) + x * logP + (n - x) * logQ;
  // A relative tolerance, so outcomes as likely as x up to rounding count on both sides (binom.test uses 1 + 1e-7).
  const bound = observed + Math.log1p(1e-7);
  // ln P(k) by the ratio P(k+1)/P(k) = (n − k)/(k + 1) · p/q: two logarithms a step instead of three ln Γ.
  const logOdds = logP - logQ;
  let lp = n * logQ;
  let sum = 0;
  for (let k = 0; k <= n; k++) {
    if (lp <= bound) sum += Math.exp(lp);
    lp += Math.log((n - k) / (k + 1)) + logOdds;
  }
  return Math.min(1, sum);
}

function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/** ln Γ(x) for x > 0: Lanczos (g = 7, n = 9), accurate to about 15 digits. */
function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let sum = c[0] as number;
  for (let i = 1; i < c.length; i++) sum += (c[i] as number) / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** P(Z > z) for a standard normal Z. */
function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** erfc(x) for x ≥ 0, with relative error below 1.2e-7 (Numerical Recipes' erfcc, Chebyshev fit). */
function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  const poly =
    -x * x -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return t * Math.exp(poly);
}

/**
 * The tests a false discovery rate of `rate` calls significant (Benjamini–Hochberg): the largest k with
 * p₍ₖ₎ ≤ k·rate/m, and every test with a p-value at most p₍ₖ₎. `null` entries are untested (no counts known).
 */
export function benjaminiHochberg(pValues: readonly (number | null)[], rate = FALSE_DISCOVERY_RATE): boolean[] {
  const tested = pValues.flatMap((p, i) => (p === null ? [] : [{ p, i }])).sort((a, b) => a.p - b.p);
  const m = tested.length;
  let cutoff = -1;
  tested.forEach(({ p }, k) => {
    if (p <= ((k + 1) * rate) / m) cutoff = p;
  });
  return pValues.map((p) => p !== null && cutoff >= 0 && p <= cutoff);
}
