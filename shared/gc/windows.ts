/**
 * GC statistics of a selection's GC logs, whole and in N equal windows of its span, on the wall clock, and where
 * they changed (changes.ts). docs/MEMORY.md "GC per window and its changes" states the definitions:
 *
 * - Placement: an event sits at its log's startTimeMs + timeMs (shared/timeline/series.ts does the same); a log
 *   without a wall-clock start is placed from 0. With a selection window only events starting inside it count.
 * - Span: from the earliest log start (the process's or recording's start: a quiet stretch before the first
 *   collection is part of the evidence on frequency) to the end of the last event (its start plus its pause or
 *   concurrent duration), clipped to the selection's window.
 * - Windows: the span cut into N equal windows [start, end); an event belongs to the window its start is in (the
 *   last window also takes an event starting at the span's end).
 * - Pauses: only stop-the-world time (GcEvent.pauseNs > 0); concurrent phases (pauseNs 0) are not paused time.
 *   Percentiles are nearest-rank over the window's pauses (summary.ts `nearestRank`: p50 of [1, 2, 3, 4] is 2).
 * - % paused: the pauses' intervals [start, start + pause) clipped to the window, over the window's length.
 * - Frequency: collections per second (isCollection).
 * - Allocation rate: per log, consecutive events with heap numbers i−1, i give heapBefore(i) − heapAfter(i−1) bytes
 *   allocated between their starts; the positive ones are spread evenly over their interval, and a window's rate is
 *   the bytes that fall in it over the time those intervals cover in it. For Go gctrace before is A and after is C
 *   of `A->B->C MB` (import/gc/go.ts): C is what the cycle left live, A the heap when the next one began, so A − C
 *   counts what was allocated in between, during the mark included. Null when no log states heap numbers or no
 *   interval covers the window.
 * - Live heap: heap after GC at the window's first and last event that states one.
 */
import type { TimeWindow } from '../capture/selection';
import { isAllTime } from '../capture/selection';
import type { GcChange, GcWindowStats, GcWindows } from '../ipc/memory-contract';
import { allocationChange, frequencyChange, pauseChange, type AllocationInterval } from './changes';
import type { GcEvent, GcLog } from './model';
import { nearestRank } from './summary';

export const DEFAULT_GC_WINDOWS = 10;

export interface GcLogInput {
  itemId: number;
  log: GcLog;
  /**
   * The process the log records (its pid and host labels), or null when unknown. Logs of one process (same pid, and
   * same host when both name one) whose spans overlap count once: the one with most events.
   */
  process: { pid: string; host: string | null } | null;
}

interface PlacedEvent {
  atMs: number;
  pauseMs: number;
  event: GcEvent;
  collection: boolean;
}

/**
 * One collection per event, except a JVM concurrent phase (no pause, a duration: part of a collection whose pauses
 * are counted). A Go gctrace line is a whole cycle even when its STW phases print as 0 ms.
 */
export function isCollection(event: GcEvent, format: GcLog['format']): boolean {
  return format === 'go-gctrace' || event.pauseNs > 0 || event.durationNs === null;
}

const endOf = (e: PlacedEvent): number => e.atMs + Math.max(e.event.pauseNs, e.event.durationNs ?? 0) / 1e6;

/** Two logs' events are the same collections when this share of the smaller one's lie this close to the other's. */
const SAME_EVENTS_SHARE = 0.9;
const SAME_EVENTS_MS = 5;

const wallTimes = (log: GcLog): number[] =>
  log.events.map((e) => (log.startTimeMs ?? 0) + e.timeMs).sort((a, b) => a - b);

/** Whether (nearly) every event of `few` has an event of `many` within SAME_EVENTS_MS: one process's collections. */
function sameEvents(few: readonly number[], many: readonly number[]): boolean {
  if (few.length < 3 || many.length === 0) return false;
  let matched = 0;
  let j = 0;
  for (const t of few) {
    while (j + 1 < many.length && (many[j + 1] as number) <= t) j++;
    const near = Math.min(Math.abs((many[j] as number) - t), Math.abs((many[j + 1] ?? Infinity) - t));
    if (near <= SAME_EVENTS_MS) matched++;
  }
  return matched >= SAME_EVENTS_SHARE * few.length;
}

/**
 * The logs that count, and for each the one it duplicates: a log of the same process as one with more events. Same
 * process: both name a pid, the same (and the same host when both name one), and their spans overlap; or, when
 * either names none, SAME_EVENTS_SHARE of the smaller log's events lie within SAME_EVENTS_MS of the other's (a JVM's
 * -Xlog:gc file without a pid decoration and its JFR recording: the same pauses at the same instants; two processes'
 * collections do not coincide like that).
 */
export function sameProcessLogs(inputs: readonly GcLogInput[]): Map<number, number | null> {
  const times = new Map(inputs.map((i) => [i.itemId, wallTimes(i.log)]));
  const spanOf = (input: GcLogInput): [number, number] => {
    const t = times.get(input.itemId) as number[];
    return [t[0] ?? 0, t[t.length - 1] ?? 0];
  };
  const same = (kept: GcLogInput, input: GcLogInput): boolean => {
    const [from, to] = spanOf(input);
    const [kFrom, kTo] = spanOf(kept);
    if (!(from <= kTo && kFrom <= to)) return false;
    const a = kept.process;
    const b = input.process;
    if (a !== null && b !== null) return a.pid === b.pid && (a.host === null || b.host === null || a.host === b.host);
    return sameEvents(times.get(input.itemId) as number[], times.get(kept.itemId) as number[]);
  };
  // Most events first; at equal counts a text log before JFR (it covers the JVM from its start), then by id.
  const ranked = [...inputs].sort(
    (a, b) =>
      b.log.events.length - a.log.events.length ||
      Number(a.log.format === 'jfr') - Number(b.log.format === 'jfr') ||
      a.itemId - b.itemId,
  );
  const result = new Map<number, number | null>();
  const kept: GcLogInput[] = [];
  for (const input of ranked) {
    const twin = kept.find((k) => same(k, input));
    result.set(input.itemId, twin?.itemId ?? null);
    if (!twin) kept.push(input);
  }
  return result;
}

/** Allocation intervals of one log's placed events (time order). */
function allocationIntervals(events: readonly PlacedEvent[]): AllocationInterval[] {
  const out: AllocationInterval[] = [];
  let previous: PlacedEvent | null = null;
  for (const e of events) {
    if (e.event.heapBeforeBytes === null || e.event.heapAfterBytes === null) continue;
    if (previous !== null && e.atMs > previous.atMs) {
      const bytes = e.event.heapBeforeBytes - (previous.event.heapAfterBytes as number);
      if (bytes > 0) out.push({ fromMs: previous.atMs, toMs: e.atMs, bytes });
    }
    previous = e;
  }
  return out;
}

const overlap = (from: number, to: number, start: number, end: number): number =>
  Math.max(0, Math.min(to, end) - Math.max(from, start));

function windowStats(
  startMs: number,
  endMs: number,
  events: readonly PlacedEvent[],
  allPauses: readonly PlacedEvent[],
  intervals: readonly AllocationInterval[] | null,
): GcWindowStats {
  const pauses = events
    .filter((e) => e.event.pauseNs > 0)
    .map((e) => e.pauseMs)
    .sort((a, b) => a - b);
  const length = endMs - startMs;
  let pausedMs = 0;
  for (const p of allPauses) pausedMs += overlap(p.atMs, p.atMs + p.pauseMs, startMs, endMs);
  let allocationRate: number | null = null;
  if (intervals !== null) {
    let bytes = 0;
    let coveredMs = 0;
    for (const i of intervals) {
      const part = overlap(i.fromMs, i.toMs, startMs, endMs);
      if (part <= 0) continue;
      coveredMs += part;
      bytes += (i.bytes * part) / (i.toMs - i.fromMs);
    }
    allocationRate = coveredMs > 0 ? (bytes / coveredMs) * 1000 : null;
  }
  const withHeap = events.filter((e) => e.event.heapAfterBytes !== null);
  const kinds = new Map<string, { kind: string; cause: string | null; events: number; pauseMs: number }>();
  for (const e of events) {
    const key = JSON.stringify([e.event.kind, e.event.cause]);
    const k = kinds.get(key) ?? { kind: e.event.kind, cause: e.event.cause, events: 0, pauseMs: 0 };
    k.events++;
    k.pauseMs += e.pauseMs;
    kinds.set(key, k);
  }
  const collections = events.filter((e) => e.collection).length;
  return {
    startMs,
    endMs,
    events: events.length,
    collections,
    pauses:
      pauses.length === 0
        ? null
        : {
            p50: nearestRank(pauses, 50),
            p90: nearestRank(pauses, 90),
            p99: nearestRank(pauses, 99),
            max: pauses[pauses.length - 1] as number,
            total: pauses.reduce((s, p) => s + p, 0),
          },
    pausedPercent: length > 0 ? (100 * pausedMs) / length : 0,
    frequency: length > 0 ? (collections / length) * 1000 : 0,
    allocationRate,
    liveHeap: {
      first: withHeap[0]?.event.heapAfterBytes ?? null,
      last: withHeap[withHeap.length - 1]?.event.heapAfterBytes ?? null,
    },
    byKind: [...kinds.values()].sort((a, b) => b.events - a.events || b.pauseMs - a.pauseMs),
  };
}

/** The statistics of the logs over their span (clipped to `window`), whole and in `windows` equal windows. */
export function gcWindows(inputs: readonly GcLogInput[], windows: number, window?: TimeWindow): GcWindows {
  const twins = sameProcessLogs(inputs);
  const counted = inputs.filter((i) => twins.get(i.itemId) === null);
  const clip = window !== undefined && !isAllTime(window) ? window : null;
  const inClip = (atMs: number): boolean => clip === null || (atMs >= clip.startMs && atMs < clip.endMs);

  const events: PlacedEvent[] = [];
  const intervals: AllocationInterval[] = [];
  let hasHeap = false;
  let startMs = Infinity;
  let endMs = -Infinity;
  for (const { log } of counted) {
    const origin = log.startTimeMs ?? 0;
    startMs = Math.min(startMs, origin);
    const placed = log.events.map((event) => ({
      atMs: origin + event.timeMs,
      pauseMs: event.pauseNs / 1e6,
      event,
      collection: isCollection(event, log.format),
    }));
    hasHeap ||= log.events.some((e) => e.heapBeforeBytes !== null && e.heapAfterBytes !== null);
    intervals.push(...allocationIntervals(placed));
    events.push(...placed.filter((e) => inClip(e.atMs)));
    // The logs' own span, the window cuts it below.
    endMs = placed.reduce((end, e) => Math.max(end, endOf(e)), endMs);
  }
  events.sort((a, b) => a.atMs - b.atMs);
  if (clip !== null) {
    startMs = Math.max(startMs, clip.startMs);
    endMs = Math.min(endMs, clip.endMs);
  }
  if (!Number.isFinite(startMs)) startMs = clip?.startMs ?? 0;
  if (!Number.isFinite(endMs) || endMs <= startMs) endMs = startMs + 1;
  // Intervals clipped to the span: a window's allocation comes only from inside it.
  const spanIntervals = intervals
    .map((i) => {
      const fromMs = Math.max(i.fromMs, startMs);
      const toMs = Math.min(i.toMs, endMs);
      return { fromMs, toMs, bytes: toMs > fromMs ? (i.bytes * (toMs - fromMs)) / (i.toMs - i.fromMs) : 0 };
    })
    .filter((i) => i.toMs > i.fromMs)
    .sort((a, b) => a.fromMs - b.fromMs);
  const alloc = hasHeap ? spanIntervals : null;
  const pausesOnly = events.filter((e) => e.event.pauseNs > 0);

  const step = (endMs - startMs) / windows;
  const perWindow: GcWindowStats[] = [];
  for (let w = 0; w < windows; w++) {
    const from = startMs + w * step;
    const to = w === windows - 1 ? endMs : startMs + (w + 1) * step;
    const inside = events.filter((e) => e.atMs >= from && (e.atMs < to || (w === windows - 1 && e.atMs <= to)));
    perWindow.push(windowStats(from, to, inside, pausesOnly, alloc));
  }

  const changes: GcChange[] = [];
  const frequency = frequencyChange(
    events.filter((e) => e.collection).map((e) => e.atMs),
    startMs,
    endMs,
  );
  if (frequency) changes.push(frequency);
  // Only whole intervals: one cut by the span's ends measures a rate over part of its time.
  const allocation = allocationChange(
    intervals.filter((i) => i.fromMs >= startMs && i.toMs <= endMs).sort((a, b) => a.fromMs - b.fromMs),
  );
  if (allocation && hasHeap) changes.push(allocation);
  const pause = pauseChange(pausesOnly.map((e) => ({ atMs: e.atMs, pauseMs: e.pauseMs })));
  if (pause) changes.push(pause);
  changes.sort((a, b) => b.strength / (b.threshold ?? 1) - a.strength / (a.threshold ?? 1));

  return {
    logs: inputs.map(({ itemId, log }) => ({
      itemId,
      format: log.format,
      collector: log.collector,
      sameProcessAs: twins.get(itemId) ?? null,
    })),
    total: windowStats(startMs, endMs, events, pausesOnly, alloc),
    windows: perWindow,
    changes,
  };
}
