/**
 * The growth classifier: a memory series (one function's heap in use, one class's retained size, per capture) →
 * growing, plateau, stable or shrinking, with the evidence (docs/MEMORY.md, "Leak or cache: the growth rule").
 *
 * Noise band δ. A sampled heap profile estimates a function's bytes from about bytes/R sampled allocations (Go samples
 * one allocation per R bytes on average and scales each up, runtime/mprof.go; V8's sampling heap profiler likewise
 * with its interval), a Poisson count, so the estimate's standard deviation is about sqrt(bytes·R). The band is three
 * of those at the series' peak, and never below 5% of the peak:
 *   δ = max(3·sqrt(peak·R), 0.05·peak)        (sampled, R = sampling interval in bytes)
 *   δ = max(0.05·peak, EXACT_FLOOR)           (exact counts, R = 0: heap snapshots)
 * Nothing depends on the program: the band comes from the profile's stated sampling interval and the series' peak.
 *
 * Verdicts (n captures in wall-clock order; the thirds are ⌈n/3⌉ captures, at least 3 for the last):
 * - fewer than 3 captures: stable, saying there are too few;
 * - stable: max − min ≤ δ;
 * - plateau: from some capture p on, every value is within δ of the level L (the median of the last third), the
 *   least-squares line through those captures rises by no more than δ across them and its slope is at most a third
 *   of the slope through captures 0..p (a slower stretch of a climb is not a level), they are at least the last
 *   third, and the series rose by more than δ before: L − min(values before p) > δ.
 *   levelledAt: the knee of the best hinge fit (a line that levels off: y = a + b·min(t, t_k)), or p when later;
 * - growing: not a plateau, L − (median of the first third) > δ, least-squares slope > 0, and the last third still
 *   rises: its least-squares slope is positive and over a third of the slope through the captures before it, or L
 *   exceeds the middle third's median by more than δ;
 * - shrinking: L below the first third's median by more than δ;
 * - otherwise stable: it moved beyond the band, but neither held a new level nor kept a direction.
 */
import type { GrowthEvidence } from '../ipc/memory-contract';
import { formatValue } from '../format/units';

/** Noise band floor for exact counts (heap snapshots), in the series' unit: 1 KiB of bytes. */
export const EXACT_FLOOR = 1024;
/** The band never falls below this share of the series' peak. */
export const RELATIVE_BAND = 0.05;
/** Standard deviations of the sampling estimate the band spans. */
export const BAND_SIGMAS = 3;
export const MIN_CAPTURES = 3;

export interface GrowthSeries {
  values: readonly number[];
  /** Wall-clock time of each capture, ms, ascending. */
  timesMs: readonly number[];
  /** The sampling interval in bytes (Go's MemProfileRate, V8's sampling interval); 0 for exact counts. */
  samplingBytes: number;
  /** The values' unit (bytes, count), for the sentences. */
  unit: string;
  /** A known limit (heap limit), for the projection. */
  limit?: number | null;
}

export function noiseBand(peak: number, samplingBytes: number): number {
  const relative = RELATIVE_BAND * Math.max(peak, 0);
  if (samplingBytes > 0) return Math.max(BAND_SIGMAS * Math.sqrt(Math.max(peak, 0) * samplingBytes), relative);
  return Math.max(relative, EXACT_FLOOR);
}

export function classifyGrowth(series: GrowthSeries): GrowthEvidence {
  const { values, timesMs, unit } = series;
  const n = values.length;
  const first = values[0] ?? 0;
  const last = values[n - 1] ?? 0;
  const peak = n === 0 ? 0 : Math.max(...values);
  const band = noiseBand(peak, series.samplingBytes);
  const fit = leastSquares(timesMs, values);
  const risingShare = n < 2 ? 0 : countRises(values) / (n - 1);
  const show = (v: number): string => formatValue(v, unit);
  const base = {
    slope: fit.slope * 1000,
    r2: fit.r2,
    first,
    last,
    peak,
    risingShare,
    noiseBand: band,
    levelledAt: null,
    secondsToLimit: null,
  };
  if (n < MIN_CAPTURES) {
    return {
      ...base,
      verdict: 'stable',
      wrongIf: `${n} ${n === 1 ? 'capture is' : 'captures are'} too few to tell (at least ${MIN_CAPTURES} needed): capture more`,
    };
  }
  const third = Math.ceil(n / 3);
  const lastThird = Math.max(third, MIN_CAPTURES);
  const level = median(values.slice(n - lastThird));
  const firstLevel = median(values.slice(0, third));
  const middleLevel = median(values.slice(third, Math.max(n - lastThird, third + 1)));
  const min = Math.min(...values);
  const noise = `the noise band (±${show(band)})`;

  if (peak - min <= band) {
    return {
      ...base,
      verdict: 'stable',
      wrongIf: `wrong if later captures move beyond ${noise} around ${show(level)}`,
    };
  }
  const held = heldFrom(values, timesMs, level, band, lastThird);
  if (held !== null) {
    const knee = hingeKnee(timesMs, values);
    return {
      ...base,
      verdict: 'plateau',
      levelledAt: Math.max(held, knee),
      wrongIf: `wrong if it starts rising again beyond ${noise} around its level ${show(level)}`,
    };
  }
  // Still rising: the last third's slope is over a third of the slope of the captures before it (the mirror of the
  // plateau's test), or the last third sits above the middle third by more than δ.
  const tail = leastSquares(timesMs.slice(n - lastThird), values.slice(n - lastThird));
  const before = leastSquares(timesMs.slice(0, n - lastThird + 1), values.slice(0, n - lastThird + 1));
  const stillRising = (tail.slope > 0 && tail.slope > before.slope / 3) || level - middleLevel > band;
  if (level - firstLevel > band && fit.slope > 0 && stillRising) {
    const limit = series.limit ?? null;
    const secondsToLimit = limit === null ? null : Math.max(0, (limit - last) / (fit.slope * 1000));
    return {
      ...base,
      verdict: 'growing',
      secondsToLimit,
      wrongIf: `wrong if it levels off within ${noise} in later captures — capture longer`,
    };
  }
  if (firstLevel - level > band) {
    return {
      ...base,
      verdict: 'shrinking',
      wrongIf: `wrong if it climbs back within ${noise} of ${show(firstLevel)}`,
    };
  }
  return {
    ...base,
    verdict: 'stable',
    wrongIf: `it moved beyond ${noise} but neither held a new level nor kept a direction; wrong if later captures show a trend`,
  };
}

/**
 * The first capture p from which the series holds a level: values[p..] all within `band` of `level`, at least
 * `minimum` captures, their fitted line rising by no more than `band`, and a rise of more than `band` before p.
 */
function heldFrom(
  values: readonly number[],
  timesMs: readonly number[],
  level: number,
  band: number,
  minimum: number,
): number | null {
  const n = values.length;
  let p = n;
  while (p > 0 && Math.abs((values[p - 1] as number) - level) <= band) p--;
  if (p === 0 || n - p < minimum) return null;
  const fit = leastSquares(timesMs.slice(p), values.slice(p));
  const span = (timesMs[n - 1] as number) - (timesMs[p] as number);
  if (fit.slope * span > band) return null;
  // A level, not a slower stretch of the same climb: the held captures' slope is under a third of the rise's (the
  // line through the captures up to p). A leak seen through a wide band holds "within δ" for a few captures but
  // keeps its slope there.
  const rise = leastSquares(timesMs.slice(0, p + 1), values.slice(0, p + 1));
  if (fit.slope > rise.slope / 3) return null;
  return level - Math.min(...values.slice(0, p)) > band ? p : null;
}

/**
 * The knee of the best hinge fit: y = a + b·min(t, t_k), a line that levels off at capture k and stays there, fitted
 * by least squares for each k (1 ≤ k < n); the k with the smallest squared error. Every capture informs both pieces,
 * so it places the level's start where the band's first entry comes early (a wide band) or late (one noisy capture).
 */
export function hingeKnee(timesMs: readonly number[], values: readonly number[]): number {
  const n = values.length;
  let best = n - 1;
  let bestError = Infinity;
  for (let k = 1; k < n; k++) {
    const knee = timesMs[k] as number;
    const error = leastSquares(
      timesMs.map((t) => Math.min(t, knee)),
      values,
    ).sse;
    if (error < bestError) {
      bestError = error;
      best = k;
    }
  }
  return best;
}

/** Ordinary least squares of y on x: slope (per x unit), R² (0 when y is flat) and the residual sum of squares. */
export function leastSquares(x: readonly number[], y: readonly number[]): { slope: number; r2: number; sse: number } {
  const n = Math.min(x.length, y.length);
  if (n < 2) return { slope: 0, r2: 0, sse: 0 };
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] as number;
    my += y[i] as number;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0) return { slope: 0, r2: 0, sse: syy };
  const slope = sxy / sxx;
  const sse = Math.max(0, syy - slope * sxy);
  return { slope, r2: syy === 0 ? 0 : 1 - sse / syy, sse };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Steps that rose at all: near 1 for a leak, about half for noise around a level, 0 for a persistent sample set. */
function countRises(values: readonly number[]): number {
  let rises = 0;
  for (let i = 1; i < values.length; i++) if ((values[i] as number) > (values[i - 1] as number)) rises++;
  return rises;
}
