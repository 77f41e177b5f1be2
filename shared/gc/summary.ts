/**
 * Pause statistics of one GC log, as the GC view's summary shows them.
 *
 * Only pauses count: an event with pauseNs > 0. Concurrent phases (pauseNs 0,
 * with a durationNs: G1's concurrent cycle, ZGC's and Shenandoah's concurrent
 * work, CMS's concurrent mark) run beside the application and are left out of
 * every pause figure; so are events whose log printed a zero pause (Go's
 * clock at low resolution prints "0+1.9+0 ms clock") and cycle summaries
 * without a pause (ZGC under plain -Xlog:gc). They still count in `gcEvents`.
 *
 * Percentiles are nearest-rank over the pause times (p50 of [1, 2, 3, 4] is
 * 2): a value that actually occurred, as GC tools report them.
 * `pausePercent` is total pause over the wall span the events cover, from the
 * first event's time to the end of the last one (its time plus its pause or
 * concurrent duration); null for fewer than two events or a zero span.
 */
import type { GcEvent, GcLog } from './model';

export interface GcKindSummary {
  kind: string;
  /** Pauses of this kind. */
  count: number;
  totalPauseMs: number;
}

export interface GcSummary {
  /** All events, pauses and concurrent phases (the pauses are byKind's counts). */
  gcEvents: number;
  totalPauseMs: number;
  maxPauseMs: number;
  p50PauseMs: number;
  p90PauseMs: number;
  p99PauseMs: number;
  /** Total pause as a percentage (0–100) of the span the events cover; null when there is no span. */
  pausePercent: number | null;
  /** Pauses per kind, most total pause first (kinds with equal totals by name). */
  byKind: GcKindSummary[];
}

const NS_PER_MS = 1e6;

/** The nearest-rank percentile of ascending values; 0 for none. */
export function nearestRank(sortedAscending: readonly number[], percentile: number): number {
  if (sortedAscending.length === 0) return 0;
  const rank = Math.ceil((percentile / 100) * sortedAscending.length);
  return sortedAscending[Math.min(sortedAscending.length, Math.max(1, rank)) - 1] as number;
}

function endMs(event: GcEvent): number {
  return event.timeMs + Math.max(event.pauseNs, event.durationNs ?? 0) / NS_PER_MS;
}

export function summarizeGc(log: GcLog): GcSummary {
  const pausesNs: number[] = [];
  const kinds = new Map<string, { count: number; totalNs: number }>();
  let totalNs = 0;
  let first = Infinity;
  let last = -Infinity;
  for (const event of log.events) {
    first = Math.min(first, event.timeMs);
    last = Math.max(last, endMs(event));
    if (!(event.pauseNs > 0)) continue;
    pausesNs.push(event.pauseNs);
    totalNs += event.pauseNs;
    const kind = kinds.get(event.kind) ?? { count: 0, totalNs: 0 };
    kind.count++;
    kind.totalNs += event.pauseNs;
    kinds.set(event.kind, kind);
  }
  pausesNs.sort((a, b) => a - b);
  const span = last - first;
  const byKind = [...kinds.entries()]
    .map(([kind, k]) => ({ kind, count: k.count, totalPauseMs: k.totalNs / NS_PER_MS }))
    .sort((a, b) => b.totalPauseMs - a.totalPauseMs || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  return {
    gcEvents: log.events.length,
    totalPauseMs: totalNs / NS_PER_MS,
    maxPauseMs: (pausesNs[pausesNs.length - 1] ?? 0) / NS_PER_MS,
    p50PauseMs: nearestRank(pausesNs, 50) / NS_PER_MS,
    p90PauseMs: nearestRank(pausesNs, 90) / NS_PER_MS,
    p99PauseMs: nearestRank(pausesNs, 99) / NS_PER_MS,
    pausePercent: log.events.length >= 2 && span > 0 ? (100 * totalNs) / NS_PER_MS / span : null,
    byKind,
  };
}
