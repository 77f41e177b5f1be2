/**
 * Where GC behaviour changed: for each measure, the single split of the selection's span into "before" and "after"
 * that the data support best, reported only when it is significant.
 *
 * - Frequency: the collections' start times as a Poisson process on [S, E]. Two rates (n₁/T₁ before τ, n₂/T₂ after)
 *   against one (n/T): LLR(τ) = n₁ ln(n₁/T₁) + n₂ ln(n₂/T₂) − n ln(n/T) (the −λT terms cancel at the MLEs). For a
 *   fixed n₁ the LLR is largest at an end of the gap between two events, so τ is tried at every event's time, with
 *   that event counted after and before; either side may be empty.
 * - Allocation rate (one value per interval between consecutive collections): a shift in mean of the log rates,
 *   Gaussian with a common variance: LLR = (n/2) ln(SSE₀/SSE₁). Logs, because rates are positive and change by
 *   factors; the values, not ranks, because a phase of a few collections (5 quiet intervals before 130 busy ones)
 *   must be found by how far apart the rates are, which ranks forget.
 * - Pause (one value per pause): the same test on the pauses' ranks (average ranks for ties). Ranks, because pauses
 *   are heavy-tailed (a first collection, a full one) and one long pause must not make a change.
 * - Significance: 2·LLR is χ²(1) at a fixed split; the best of m splits is held to the Bonferroni level
 *   α = 10⁻³ / m, i.e. 2·LLR > χ²₁(1 − 10⁻³/m) — at most a 10⁻³ chance per measure of a change in a steady stream
 *   (asymptotically), with no per-program tuning. For ranks each side keeps at least MIN_SIDE values.
 * - Levels: frequency n/T per side (per second); allocation rate Σbytes ÷ Σtime per side (bytes/s); pause the
 *   nearest-rank median per side (ms).
 */
import type { GcChange } from '../ipc/memory-contract';
import { nearestRank } from './summary';

/** Family-wise false-positive level per measure. */
export const CHANGE_ALPHA = 1e-3;
/** Fewest values (events, intervals, pauses) on either side of a split. */
export const MIN_SIDE = 3;

/** An allocation interval between two consecutive collections of one log. */
export interface AllocationInterval {
  fromMs: number;
  toMs: number;
  bytes: number;
}

/** Φ⁻¹(p) by Acklam's rational approximation (relative error < 1.2·10⁻⁹), refined by one Halley step. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
      (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  return x;
}

/** The LLR (not doubled) the best of `splits` candidate splits must exceed: ½·χ²₁(1 − α/splits). */
export function llrThreshold(splits: number, alpha = CHANGE_ALPHA): number {
  const z = normalQuantile(1 - alpha / Math.max(1, splits) / 2);
  return (z * z) / 2;
}

const xLogX = (n: number, t: number): number => (n === 0 ? 0 : n * Math.log(n / t));

/** The strongest change of a Poisson rate: event times (ms, ascending) observed over [startMs, endMs]. */
export function frequencyChange(timesMs: readonly number[], startMs: number, endMs: number): GcChange | null {
  const n = timesMs.length;
  const total = endMs - startMs;
  if (n < 2 || !(total > 0)) return null;
  const one = xLogX(n, total);
  let best: { llr: number; atMs: number; n1: number } | null = null;
  let splits = 0;
  // n1 events before τ; τ at the time of event n1 (the first after) or just after event n1 − 1. Either side may
  // hold no event: a quiet stretch is evidence of a low rate, and a short side is no false alarm here (the LLR of
  // the first event's gap t₁ is about λt₁, exponential: P(LLR > c) ≈ e^−c, the tail of ½χ²₁).
  for (let n1 = 0; n1 <= n; n1++) {
    for (const atMs of n1 === 0 ? [timesMs[0] as number] : [timesMs[n1 - 1] as number, timesMs[n1] ?? endMs]) {
      const t1 = atMs - startMs;
      const t2 = endMs - atMs;
      if (!(t1 > 0 && t2 > 0)) continue;
      splits++;
      const llr = xLogX(n1, t1) + xLogX(n - n1, t2) - one;
      if (best === null || llr > best.llr) best = { llr, atMs, n1 };
    }
  }
  if (best === null) return null;
  const threshold = llrThreshold(splits);
  if (!(best.llr > threshold)) return null;
  return {
    atMs: best.atMs,
    measure: 'frequency',
    before: (best.n1 / (best.atMs - startMs)) * 1000,
    after: ((n - best.n1) / (endMs - best.atMs)) * 1000,
    strength: best.llr,
    threshold,
  };
}

/** Average ranks (1-based) of the values, ties sharing the mean of their ranks. */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((x, y) => x[0] - y[0]);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]![1]] = rank;
    i = j + 1;
  }
  return ranks;
}

/**
 * The strongest shift in mean of a series in time order, Gaussian with a common variance: the split k (values
 * [0, k) before) with the largest (n/2) ln(SSE₀/SSE₁), its LLR and threshold; null when none passes.
 */
export function meanShift(values: readonly number[]): { k: number; llr: number; threshold: number } | null {
  const n = values.length;
  if (n < 2 * MIN_SIDE) return null;
  const total = values.reduce((s, v) => s + v, 0);
  const mean = total / n;
  let sse0 = 0;
  for (const v of values) sse0 += (v - mean) ** 2;
  if (!(sse0 > 0)) return null;
  let prefix = 0;
  for (let i = 0; i < MIN_SIDE - 1; i++) prefix += values[i] as number;
  let best: { k: number; llr: number } | null = null;
  for (let k = MIN_SIDE; k <= n - MIN_SIDE; k++) {
    prefix += values[k - 1] as number;
    // SSE₁ = SSE₀ − between-group sum of squares: k(m₁ − m)² + (n − k)(m₂ − m)².
    const m1 = prefix / k;
    const m2 = (total - prefix) / (n - k);
    const between = k * (m1 - mean) ** 2 + (n - k) * (m2 - mean) ** 2;
    const sse1 = Math.max(sse0 - between, sse0 * 1e-12);
    const llr = (n / 2) * Math.log(sse0 / sse1);
    if (best === null || llr > best.llr) best = { k, llr };
  }
  if (best === null) return null;
  const threshold = llrThreshold(n - 2 * MIN_SIDE + 1);
  return best.llr > threshold ? { ...best, threshold } : null;
}

/** meanShift of the values' average ranks: one outlier moves a rank by at most n, never a mean by its size. */
export function rankShift(values: readonly number[]): { k: number; llr: number; threshold: number } | null {
  return meanShift(averageRanks(values));
}

/** The strongest change of the allocation rate over intervals in time order. */
export function allocationChange(intervals: readonly AllocationInterval[]): GcChange | null {
  const shift = meanShift(intervals.map((i) => Math.log(i.bytes / (i.toMs - i.fromMs))));
  if (shift === null) return null;
  const level = (part: readonly AllocationInterval[]): number =>
    (part.reduce((s, i) => s + i.bytes, 0) / part.reduce((s, i) => s + (i.toMs - i.fromMs), 0)) * 1000;
  return {
    atMs: (intervals[shift.k] as AllocationInterval).fromMs,
    measure: 'allocation-rate',
    before: level(intervals.slice(0, shift.k)),
    after: level(intervals.slice(shift.k)),
    strength: shift.llr,
    threshold: shift.threshold,
  };
}

/** The strongest change of the pauses (ms, in time order at `atMs`). */
export function pauseChange(pauses: readonly { atMs: number; pauseMs: number }[]): GcChange | null {
  const shift = rankShift(pauses.map((p) => p.pauseMs));
  if (shift === null) return null;
  const median = (part: readonly { pauseMs: number }[]): number =>
    nearestRank(
      part.map((p) => p.pauseMs).sort((a, b) => a - b),
      50,
    );
  return {
    atMs: (pauses[shift.k] as { atMs: number }).atMs,
    measure: 'pause',
    before: median(pauses.slice(0, shift.k)),
    after: median(pauses.slice(shift.k)),
    strength: shift.llr,
    threshold: shift.threshold,
  };
}
