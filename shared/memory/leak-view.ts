/**
 * The leak ranking and the allocation timeline of a selection's heap series (heap-series.ts), pure: the services
 * read the captures and hand their series here (docs/MEMORY.md).
 */
import type { AllocationTimeline, GrowthVerdict, LeakRow, LeaksResult, SeriesCapture } from '../ipc/memory-contract';
import { isEngineClass } from '../heap/class-names';
import { classifyGrowth } from './growth';
import type { HeapSeries } from './heap-series';

/** Sites whose peak is under this share of the largest capture total are not classified (too small to matter). */
export const MIN_PEAK_SHARE = 0.01;

const VERDICT_ORDER: Record<GrowthVerdict, number> = { growing: 0, plateau: 1, shrinking: 2, stable: 3 };

export interface SeriesContext {
  sampleType: { type: string; unit: string };
  captures: SeriesCapture[];
  /** The sampling interval in bytes (0: exact values, heap snapshots). */
  samplingBytes: number;
  limitBytes: number | null;
}

/**
 * Every site whose peak is at least 1% of the largest capture total, classified; growing first (steepest first), then
 * plateau, shrinking, stable (each largest peak first), the program's before the engine's within each; `limit` rows.
 */
export function leakRanking(series: HeapSeries, context: SeriesContext, limit: number): LeaksResult {
  const largest = Math.max(0, ...series.totals);
  const timesMs = context.captures.map((c) => c.atMs);
  const rows: LeakRow[] = series.sites
    .filter((site) => site.peak > 0 && site.peak >= MIN_PEAK_SHARE * largest)
    .map((site) => ({
      function: site.function,
      file: site.file,
      series: site.values,
      ...classifyGrowth({
        values: site.values,
        timesMs,
        samplingBytes: context.samplingBytes,
        unit: context.sampleType.unit,
        limit: context.limitBytes,
      }),
    }));
  // Within a verdict the program's own before the engine's (V8's strings, closures, contexts, pseudo-frames): they
  // grow along with what holds them.
  const engine = (row: LeakRow): number => (isEngineClass(row.function) ? 1 : 0);
  rows.sort(
    (a, b) =>
      VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] ||
      engine(a) - engine(b) ||
      (a.verdict === 'growing' ? b.slope - a.slope : b.peak - a.peak) ||
      a.function.localeCompare(b.function),
  );
  return {
    sampleType: context.sampleType,
    captures: context.captures,
    rows: rows.slice(0, limit),
    limitBytes: context.limitBytes,
  };
}

/** The top `top` sites by peak as bands, the rest as "other" (total − bands, so bands + other = total exactly). */
export function allocationBands(
  series: HeapSeries,
  context: Pick<SeriesContext, 'sampleType' | 'captures'>,
  top: number,
  allocationRate: AllocationTimeline['allocationRate'],
): AllocationTimeline {
  const ranked = [...series.sites]
    .filter((site) => site.peak > 0)
    .sort((a, b) => b.peak - a.peak || a.function.localeCompare(b.function))
    .slice(0, top);
  const other = series.totals.map((total, i) =>
    ranked.reduce((rest, band) => rest - (band.values[i] as number), total),
  );
  return {
    sampleType: context.sampleType,
    captures: context.captures,
    bands: ranked.map((band) => ({ function: band.function, file: band.file, values: band.values })),
    other,
    total: series.totals,
    allocationRate,
  };
}

/**
 * Bytes allocated per second between consecutive captures from a cumulative counter (Go's alloc_space counts since
 * the process started): (next − this) ÷ seconds between their starts, for pairs `samePair` accepts. A fall means the
 * process restarted: that step is left out. Null when no pair qualifies.
 */
export function cumulativeRate(
  captures: readonly SeriesCapture[],
  cumulative: readonly (number | null)[],
  samePair: (i: number) => boolean,
): AllocationTimeline['allocationRate'] {
  const rates: NonNullable<AllocationTimeline['allocationRate']> = [];
  for (let i = 0; i + 1 < captures.length; i++) {
    const from = captures[i] as SeriesCapture;
    const to = captures[i + 1] as SeriesCapture;
    const a = cumulative[i];
    const b = cumulative[i + 1];
    if (a === null || a === undefined || b === null || b === undefined || b < a || !samePair(i)) continue;
    const seconds = (to.atMs - from.atMs) / 1000;
    if (seconds <= 0) continue;
    rates.push({ fromMs: from.atMs, toMs: to.atMs, bytesPerSecond: (b - a) / seconds });
  }
  return rates.length === 0 ? null : rates;
}
