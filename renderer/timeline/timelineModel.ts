/**
 * The timeline's data: every placed capture of getTimeline's answer as a bar in a lane, one lane per (service,
 * kind), lanes grouped by service. A lane holds its bars as columns (ids, starts, ends), not an object per capture:
 * building 10,000 captures' lanes is then a few arrays of numbers, which the first draw pays for (BENCHMARKS.md, "the
 * timeline of 10,000 captures"). Pure, so it is unit-tested without a DOM.
 */
import { NO_SERVICE, type ItemKind, type Timeline, type TimelineCaptureColumns } from '../../shared/ipc/contract';

/** What the lanes are built from: each service's captures as getTimeline sends them (null: no service named). */
export interface TimelineInput {
  services: readonly {
    name: string | null;
    captures: Pick<TimelineCaptureColumns, 'id' | 'kind' | 'capturedAtMs' | 'durationNs'>;
  }[];
}

export interface TimelineLane {
  /** Stable key: service and kind. */
  key: string;
  /** Null when the data names no service. */
  service: string | null;
  kind: ItemKind;
  /** The bars as columns, sorted by start, then id: bar i is capture ids[i] over [startMs[i], endMs[i]]. */
  ids: number[];
  startMs: number[];
  /** Equal to startMs for a capture without a duration: drawn as a tick. */
  endMs: number[];
  /** The longest bar, so a search by start also finds bars that began before a range and reach into it. */
  maxDurationMs: number;
}

/** One bar of a lane, by index: what a hover or a click holds. */
export interface TimelineBarRef {
  laneIndex: number;
  index: number;
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

/** getTimeline's answer as the lanes' input: its NO_SERVICE group is the null service. */
export function timelineInput(timeline: Timeline): TimelineInput {
  return {
    services: timeline.services.map(({ name, captures }) => ({ name: name === NO_SERVICE ? null : name, captures })),
  };
}

export function buildTimeline({ services }: TimelineInput): TimelineModel {
  const lanes: TimelineLane[] = [];
  let placedCount = 0;
  let unplacedCount = 0;
  let fromMs = Infinity;
  let toMs = -Infinity;
  for (const { name, captures } of services) {
    const ofKind = new Map<ItemKind, TimelineLane>();
    const { id, kind, capturedAtMs, durationNs } = captures;
    for (let i = 0; i < id.length; i++) {
      const startMs = capturedAtMs[i];
      if (startMs === null || startMs === undefined || !Number.isFinite(startMs)) {
        unplacedCount++;
        continue;
      }
      const ns = durationNs[i];
      const durationMs = ns !== null && ns !== undefined && ns > 0 ? ns / 1e6 : 0;
      const laneKind = kind[i] as ItemKind;
      let lane = ofKind.get(laneKind);
      if (!lane) {
        // JSON keeps a null service distinct from any name, where a separator-joined string might not.
        lane = {
          key: JSON.stringify([name, laneKind]),
          service: name,
          kind: laneKind,
          ids: [],
          startMs: [],
          endMs: [],
          maxDurationMs: 0,
        };
        ofKind.set(laneKind, lane);
        lanes.push(lane);
      }
      lane.ids.push(id[i] as number);
      lane.startMs.push(startMs);
      lane.endMs.push(startMs + durationMs);
      if (durationMs > lane.maxDurationMs) lane.maxDurationMs = durationMs;
      if (startMs < fromMs) fromMs = startMs;
      if (startMs + durationMs > toMs) toMs = startMs + durationMs;
      placedCount++;
    }
  }
  lanes.sort((a, b) => compareServices(a.service, b.service) || kindRank(a.kind) - kindRank(b.kind));
  // getTimeline sends each service's captures by start, then id: a lane is then in order already, and checking
  // that costs a pass where sorting would cost a comparison function run 130,000 times on the first draw.
  for (const lane of lanes) if (!inBarOrder(lane)) sortBars(lane);
  return { lanes, placedCount, unplacedCount, extent: placedCount > 0 ? { fromMs, toMs } : null };
}

function inBarOrder({ ids, startMs }: TimelineLane): boolean {
  for (let i = 1; i < ids.length; i++) {
    const before = startMs[i - 1] as number;
    const at = startMs[i] as number;
    if (before > at || (before === at && (ids[i - 1] as number) > (ids[i] as number))) return false;
  }
  return true;
}

function sortBars(lane: TimelineLane): void {
  const { ids, startMs, endMs } = lane;
  const order = ids.map((_, i) => i);
  order.sort((a, b) => (startMs[a] as number) - (startMs[b] as number) || (ids[a] as number) - (ids[b] as number));
  lane.ids = order.map((i) => ids[i] as number);
  lane.startMs = order.map((i) => startMs[i] as number);
  lane.endMs = order.map((i) => endMs[i] as number);
}

/** The first index whose bar starts at or after `ms` (the lane's length when none). */
export function firstStartingAtOrAfter(startMs: readonly number[], ms: number): number {
  let low = 0;
  let high = startMs.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((startMs[mid] as number) < ms) low = mid + 1;
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
  const start = firstStartingAtOrAfter(lane.startMs, fromMs - lane.maxDurationMs);
  let end = firstStartingAtOrAfter(lane.startMs, toMs);
  // Bars starting exactly at toMs are visible too (a tick on the right edge).
  while (end < lane.startMs.length && lane.startMs[end] === toMs) end++;
  return { start, end };
}

/**
 * The index of the bar under a pointer at `ms` in a lane, allowing `slopMs` either side (a tick is a pixel or two
 * wide): the one whose span is nearest, the latest started on a tie. -1 when none is that close.
 */
export function barAt(lane: TimelineLane, ms: number, slopMs: number): number {
  const { start, end } = visibleBars(lane, ms - slopMs, ms + slopMs);
  let best = -1;
  let bestDistance = Infinity;
  for (let i = start; i < end; i++) {
    const barStart = lane.startMs[i] as number;
    const barEnd = lane.endMs[i] as number;
    const distance = ms < barStart ? barStart - ms : ms > barEnd ? ms - barEnd : 0;
    if (distance <= slopMs && distance <= bestDistance) {
      best = i;
      bestDistance = distance;
    }
  }
  return best;
}
