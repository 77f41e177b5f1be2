/**
 * The timeline's data: every placed capture of the catalogue as a bar in a lane, one lane per (service, kind), lanes
 * grouped by service. Pure, so it is unit-tested without a DOM; the input is an object so that markers (getTimeline)
 * can join later as one more field without changing the callers.
 */
import { NO_SERVICE, type ItemKind, type ItemSummary, type Timeline } from '../../shared/ipc/contract';

/**
 * What a bar needs of a capture: a catalogue row has it, and so does getTimeline's answer, which is a fifth the size
 * of the catalogue's and arrives first, so the lanes are drawn before the catalogue is in.
 */
export type TimelineEntry = Pick<ItemSummary, 'id' | 'service' | 'kind' | 'capturedAtMs' | 'durationNs'>;

/** What the timeline is built from. */
export interface TimelineInput {
  items: readonly TimelineEntry[];
}

export interface TimelineBar {
  item: TimelineEntry;
  startMs: number;
  /** Equal to startMs for a capture without a duration: drawn as a tick. */
  endMs: number;
}

export interface TimelineLane {
  /** Stable key: service and kind. */
  key: string;
  /** Null when the data names no service. */
  service: string | null;
  kind: ItemKind;
  /** Sorted by start, then id. */
  bars: TimelineBar[];
  /** The longest bar, so a search by start also finds bars that began before a range and reach into it. */
  maxDurationMs: number;
}

export interface TimelineModel {
  lanes: TimelineLane[];
  placedCount: number;
  /** Items with no wall-clock start: not on the axis. */
  unplacedCount: number;
  /** Earliest start and latest end of the placed bars; null when nothing is placed. */
  extent: { fromMs: number; toMs: number } | null;
}

/** Lane order within a service: the order a reader scans for a problem (CPU first, then memory, then the rest). */
export const KIND_ORDER: readonly ItemKind[] = [
  'cpu',
  'heap',
  'allocations',
  'goroutines',
  'contention',
  'gc-log',
  'heap-snapshot',
  'trace',
  'other',
];

function kindRank(kind: ItemKind): number {
  const rank = KIND_ORDER.indexOf(kind);
  return rank < 0 ? KIND_ORDER.length : rank;
}

/**
 * Services by name in code-unit order, as getTimeline lists them (its marker strips line up with these lanes), and
 * with no locale collator to set up before the first draw; captures that name none come last.
 */
function compareServices(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** getTimeline's captures as timeline entries (its NO_SERVICE group is the catalogue's null service). */
export function timelineEntries(timeline: Timeline): TimelineEntry[] {
  return timeline.services.flatMap(({ name, captures }) =>
    captures.map(({ id, kind, capturedAtMs, durationNs }) => ({
      id,
      service: name === NO_SERVICE ? null : name,
      kind,
      capturedAtMs,
      durationNs,
    })),
  );
}

export function buildTimeline({ items }: TimelineInput): TimelineModel {
  const lanes = new Map<string | null, Map<ItemKind, TimelineLane>>();
  let unplacedCount = 0;
  let fromMs = Infinity;
  let toMs = -Infinity;
  for (const item of items) {
    if (item.capturedAtMs === null || !Number.isFinite(item.capturedAtMs)) {
      unplacedCount++;
      continue;
    }
    const durationMs = item.durationNs !== null && item.durationNs > 0 ? item.durationNs / 1e6 : 0;
    const bar: TimelineBar = { item, startMs: item.capturedAtMs, endMs: item.capturedAtMs + durationMs };
    // By service, then kind: a key string per capture was a fifth of building 10,000 captures' lanes.
    let ofService = lanes.get(item.service);
    if (!ofService) lanes.set(item.service, (ofService = new Map()));
    let lane = ofService.get(item.kind);
    if (!lane) {
      // JSON keeps a null service distinct from any name, where a separator-joined string might not.
      lane = {
        key: JSON.stringify([item.service, item.kind]),
        service: item.service,
        kind: item.kind,
        bars: [],
        maxDurationMs: 0,
      };
      ofService.set(item.kind, lane);
    }
    lane.bars.push(bar);
    lane.maxDurationMs = Math.max(lane.maxDurationMs, durationMs);
    fromMs = Math.min(fromMs, bar.startMs);
    toMs = Math.max(toMs, bar.endMs);
  }
  const sorted = [...lanes.values()]
    .flatMap((ofService) => [...ofService.values()])
    .sort((a, b) => compareServices(a.service, b.service) || kindRank(a.kind) - kindRank(b.kind));
  for (const lane of sorted) lane.bars.sort((a, b) => a.startMs - b.startMs || a.item.id - b.item.id);
  const placedCount = items.length - unplacedCount;
  return { lanes: sorted, placedCount, unplacedCount, extent: placedCount > 0 ? { fromMs, toMs } : null };
}

/** The first index whose bar starts at or after `ms` (bars.length when none). */
export function firstStartingAtOrAfter(bars: readonly TimelineBar[], ms: number): number {
  let low = 0;
  let high = bars.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((bars[mid] as TimelineBar).startMs < ms) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The bars of a lane that may show in [fromMs, toMs]: the index range [start, end) of those starting from
 * `fromMs − maxDurationMs` (a long bar begun earlier still reaches in) to `toMs`. Two binary searches, so drawing
 * costs the visible bars, not the lane.
 */
export function visibleBars(lane: TimelineLane, fromMs: number, toMs: number): { start: number; end: number } {
  const start = firstStartingAtOrAfter(lane.bars, fromMs - lane.maxDurationMs);
  let end = firstStartingAtOrAfter(lane.bars, toMs);
  // Bars starting exactly at toMs are visible too (a tick on the right edge).
  while (end < lane.bars.length && (lane.bars[end] as TimelineBar).startMs === toMs) end++;
  return { start, end };
}

/**
 * The bar under a pointer at `ms` in a lane, allowing `slopMs` either side (a tick is a pixel or two wide): the one
 * whose span is nearest, the latest started on a tie. Null when none is that close.
 */
export function barAt(lane: TimelineLane, ms: number, slopMs: number): TimelineBar | null {
  const { start, end } = visibleBars(lane, ms - slopMs, ms + slopMs);
  let best: TimelineBar | null = null;
  let bestDistance = Infinity;
  for (let i = start; i < end; i++) {
    const bar = lane.bars[i] as TimelineBar;
    const distance = ms < bar.startMs ? bar.startMs - ms : ms > bar.endMs ? ms - bar.endMs : 0;
    if (distance <= slopMs && distance <= bestDistance) {
      best = bar;
      bestDistance = distance;
    }
  }
  return best;
}
