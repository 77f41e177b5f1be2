/**
 * getTimelineSeries's answer arranged by timeline lane (the lane key of timelineModel.ts: service and kind), with
 * each lane's scale and the searches drawing and hovering need. Pure: unit-tested without a DOM.
 *
 * A capture lane (CPU, heap in use, goroutines) has one point per capture over its span; the GC-log lane has one
 * point per GC event (a pause tick, and the live heap after it).
 */
import {
  NO_SERVICE,
  type CaptureMeasure,
  type CaptureSeriesPoint,
  type Columns,
  type GcSeriesPoint,
  type ItemKind,
  type TimelineSeries,
} from '../../shared/ipc/contract';
import { formatValue } from '../../shared/format/units';

export interface CaptureLaneSeries {
  type: 'capture';
  measure: CaptureMeasure;
  /** Sorted by start (getTimelineSeries sends them so). */
  points: Columns<CaptureSeriesPoint>;
  maxValue: number;
  /** The longest capture, so a search by start finds captures begun before a range that reach into it. */
  maxDurationMs: number;
  /** The scale's top, as the lane's top-left shows it: "1.8 cores", "412 MiB", "57 goroutines". */
  maxLabel: string;
}

export interface GcLaneSeries {
  type: 'gc';
  /** Sorted by time (getTimelineSeries sends them so). */
  points: Columns<GcSeriesPoint>;
  maxPauseNs: number;
  /** 0 when no event states its live heap. */
  maxLiveHeapBytes: number;
  maxLabel: string;
}

export type LaneSeries = CaptureLaneSeries | GcLaneSeries;

/** The key timelineModel.ts gives the lane of (service, kind); getTimelineSeries names "no service" NO_SERVICE. */
export const laneKey = (service: string, kind: ItemKind): string =>
  JSON.stringify([service === NO_SERVICE ? null : service, kind]);

/** A measure's value in words, as the scale and the tooltip show it. */
export function measureText(measure: CaptureMeasure, value: number): string {
  switch (measure) {
    case 'cores':
      return `${Number(value.toPrecision(value >= 10 ? 3 : 2))} cores`;
    case 'heap-inuse':
      return formatValue(value, 'bytes');
    case 'goroutines':
      return `${formatValue(value, 'count')} goroutines`;
  }
}

/** What a measure is, for the tooltip. */
export const MEASURE_NAMES: Record<CaptureMeasure, string> = {
  cores: 'CPU used',
  'heap-inuse': 'Heap in use',
  goroutines: 'Goroutines',
};

export function seriesByLane(series: TimelineSeries): Map<string, LaneSeries> {
  const lanes = new Map<string, LaneSeries>();
  for (const { service, kind, measure, points, maxValue, maxDurationMs } of series.captures) {
    if (points.itemId.length === 0) continue;
    lanes.set(laneKey(service, kind), {
      type: 'capture',
      measure,
      points,
      maxValue,
      maxDurationMs,
      maxLabel: measureText(measure, maxValue),
    });
  }
  for (const { service, points, maxPauseNs, maxLiveHeapBytes } of series.gc) {
    if (points.itemId.length === 0) continue;
    const heap = maxLiveHeapBytes > 0 ? ` · ${formatValue(maxLiveHeapBytes, 'bytes')} live` : '';
    lanes.set(laneKey(service, 'gc-log'), {
      type: 'gc',
      points,
      maxPauseNs,
      maxLiveHeapBytes,
      maxLabel: `${formatValue(maxPauseNs, 'nanoseconds')} pause${heap}`,
    });
  }
  return lanes;
}

/** The first index of an ascending column whose value is at or after `ms` (length when none): a binary search. */
export function firstAtOrAfter(times: readonly number[], ms: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((times[mid] as number) < ms) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The index range [start, end) of a lane's points that may show in [fromMs, toMs]. */
export function visiblePoints(lane: LaneSeries, fromMs: number, toMs: number): { start: number; end: number } {
  const times = lane.type === 'capture' ? lane.points.startMs : lane.points.atMs;
  const start = firstAtOrAfter(times, lane.type === 'capture' ? fromMs - lane.maxDurationMs : fromMs);
  let end = firstAtOrAfter(times, toMs);
  while (end < times.length && times[end] === toMs) end++;
  return { start, end };
}

/** The hovered point of a series: its value in words and what it is. */
export interface SeriesHit {
  itemId: number;
  name: string;
  value: string;
  /** Wall-clock ms of a GC event; null for a capture (its span is the bar's). */
  atMs: number | null;
}

/** The capture point of `itemId` in a capture lane (the bar under the pointer), or null. */
export function captureHit(lane: LaneSeries | undefined, itemId: number): SeriesHit | null {
  if (!lane || lane.type !== 'capture') return null;
  const at = lane.points.itemId.indexOf(itemId);
  return at >= 0
    ? {
        itemId,
        name: MEASURE_NAMES[lane.measure],
        value: measureText(lane.measure, lane.points.value[at] as number),
        atMs: null,
      }
    : null;
}

/** The GC event nearest `ms` within `slopMs` in a GC lane, or null. */
export function gcHit(lane: LaneSeries | undefined, ms: number, slopMs: number): SeriesHit | null {
  if (!lane || lane.type !== 'gc') return null;
  const { start, end } = visiblePoints(lane, ms - slopMs, ms + slopMs);
  const { atMs } = lane.points;
  let best = -1;
  for (let i = start; i < end; i++) {
    if (best < 0 || Math.abs((atMs[i] as number) - ms) < Math.abs((atMs[best] as number) - ms)) best = i;
  }
  if (best < 0) return null;
  const liveHeapBytes = lane.points.liveHeapBytes[best] as number | null;
  const heap = liveHeapBytes === null ? '' : `, ${formatValue(liveHeapBytes, 'bytes')} live after`;
  return {
    itemId: lane.points.itemId[best] as number,
    name: 'GC pause',
    value: `${formatValue(lane.points.pauseNs[best] as number, 'nanoseconds')}${heap}`,
    atMs: atMs[best] as number,
  };
}
