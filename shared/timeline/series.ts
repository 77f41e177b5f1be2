/**
 * The series over the timeline's lanes, from numbers the store keeps per capture (each item's total per sample
 * type, its period and duration) and per GC event: no stacks are read, so 10,000 captures cost 10,000 small rows.
 *
 * - Cores: CPU time ÷ wall duration. CPU time is the total of a `cpu` sample type in a time unit (Go's cpu/nanoseconds),
 *   else samples × period when the period is CPU time (a profile of sample counts only).
 * - Heap in use: the total of `inuse_space` (Go heap profiles; `space` in legacy converted heap profiles), in bytes.
 * - Goroutines: the total of the `goroutine` count.
 * - GC: each event at its log's start + its time (ARCHITECTURE.md: every time inside an item is relative to its
 *   captured_at_ms), with its pause and the heap after it.
 */
import {
  NO_SERVICE,
  type CaptureMeasure,
  type CaptureSeries,
  type CaptureSeriesPoint,
  type Columns,
  type GcSeries,
  type GcSeriesPoint,
} from '../ipc/contract';

const NS_PER_TIME_UNIT: Record<string, number> = {
  nanoseconds: 1,
  nanosecond: 1,
  ns: 1,
  microseconds: 1e3,
  microsecond: 1e3,
  us: 1e3,
  milliseconds: 1e6,
  millisecond: 1e6,
  ms: 1e6,
  seconds: 1e9,
  second: 1e9,
  s: 1e9,
};

/** A capture's stored totals, as main/store/series-queries.ts reads them. */
export interface CaptureTotals {
  itemId: number;
  service: string | null;
  kind: CaptureSeries['kind'];
  startMs: number;
  durationNs: number | null;
  /** The sampling period, its type and unit (profile.proto period / period_type); null when unstated. */
  period: number | null;
  periodType: string | null;
  periodUnit: string | null;
  types: { type: string; unit: string; total: number }[];
}

/** A GC event as series-queries.ts reads it: its log's start and the event's own time. */
export interface GcEventRow {
  itemId: number;
  service: string | null;
  startMs: number;
  timeMs: number;
  pauseNs: number;
  heapAfterBytes: number | null;
}

export const MEASURE_OF_KIND: Record<CaptureSeries['kind'], CaptureMeasure> = {
  cpu: 'cores',
  heap: 'heap-inuse',
  goroutines: 'goroutines',
};

const nsPer = (unit: string | null): number | undefined =>
  unit === null ? undefined : NS_PER_TIME_UNIT[unit.toLowerCase()];

/** CPU time in ns: a cpu-time sample type's total, else samples × a CPU-time period; null when neither is stated. */
export function cpuTimeNs(capture: CaptureTotals): number | null {
  for (const t of capture.types) {
    const factor = nsPer(t.unit);
    if (t.type.toLowerCase() === 'cpu' && factor !== undefined) return t.total * factor;
  }
  const periodFactor = nsPer(capture.periodUnit);
  if (capture.period === null || capture.period <= 0 || periodFactor === undefined) return null;
  if (capture.periodType !== null && capture.periodType.toLowerCase() !== 'cpu') return null;
  const samples = capture.types.find((t) => /^samples?$/i.test(t.type) && t.unit.toLowerCase() === 'count');
  return samples ? samples.total * capture.period * periodFactor : null;
}

/** CPU seconds per wall second over the capture; null without a CPU time or a positive duration. */
export function coresOf(capture: CaptureTotals): number | null {
  if (capture.durationNs === null || !(capture.durationNs > 0)) return null;
  const cpu = cpuTimeNs(capture);
  return cpu === null ? null : cpu / capture.durationNs;
}

const totalOf = (capture: CaptureTotals, types: RegExp, unit: string): number | null =>
  capture.types.find((t) => types.test(t.type) && t.unit.toLowerCase() === unit)?.total ?? null;

/** The capture's value of its kind's measure, or null when its profile does not hold it. */
export function measureOf(capture: CaptureTotals): number | null {
  switch (capture.kind) {
    case 'cpu':
      return coresOf(capture);
    case 'heap':
      return totalOf(capture, /^inuse_space$/i, 'bytes') ?? totalOf(capture, /^space$/i, 'bytes');
    case 'goroutines':
      return totalOf(capture, /^goroutines?$/i, 'count');
  }
}

const serviceName = (service: string | null): string => service ?? NO_SERVICE;

function compareNames(a: string, b: string): number {
  if (a === b) return 0;
  if (a === NO_SERVICE) return 1;
  if (b === NO_SERVICE) return -1;
  return a < b ? -1 : 1;
}

/** One series per (service, kind), services by name (NO_SERVICE last), points in time order (then item id). */
export function captureSeries(captures: readonly CaptureTotals[]): CaptureSeries[] {
  const byLane = new Map<string, { service: string; kind: CaptureSeries['kind']; points: CaptureSeriesPoint[] }>();
  for (const capture of captures) {
    const value = measureOf(capture);
    if (value === null || !Number.isFinite(value)) continue;
    const service = serviceName(capture.service);
    const key = JSON.stringify([service, capture.kind]);
    let series = byLane.get(key);
    if (!series) {
      series = { service, kind: capture.kind, points: [] };
      byLane.set(key, series);
    }
    const endMs =
      capture.startMs + (capture.durationNs !== null && capture.durationNs > 0 ? capture.durationNs / 1e6 : 0);
    series.points.push({ itemId: capture.itemId, startMs: capture.startMs, endMs, value });
  }
  const order: CaptureSeries['kind'][] = ['cpu', 'heap', 'goroutines'];
  return [...byLane.values()]
    .sort((a, b) => compareNames(a.service, b.service) || order.indexOf(a.kind) - order.indexOf(b.kind))
    .map(({ service, kind, points }) => ({
      service,
      kind,
      measure: MEASURE_OF_KIND[kind],
      points: toColumns(points.sort(byStart), CAPTURE_POINT_KEYS),
      maxValue: points.reduce((max, p) => Math.max(max, p.value), 0),
      maxDurationMs: points.reduce((max, p) => Math.max(max, p.endMs - p.startMs), 0),
    }));
}

const byStart = (a: CaptureSeriesPoint, b: CaptureSeriesPoint): number => a.startMs - b.startMs || a.itemId - b.itemId;

/** The GC events per service on the wall clock, in time order. */
export function gcSeries(events: readonly GcEventRow[]): GcSeries[] {
  const byService = new Map<string, GcSeriesPoint[]>();
  for (const e of events) {
    const service = serviceName(e.service);
    let points = byService.get(service);
    if (!points) byService.set(service, (points = []));
    points.push({ itemId: e.itemId, atMs: e.startMs + e.timeMs, pauseNs: e.pauseNs, liveHeapBytes: e.heapAfterBytes });
  }
  return [...byService.keys()].sort(compareNames).map((service) => {
    const points = (byService.get(service) as GcSeriesPoint[]).sort((a, b) => a.atMs - b.atMs || a.itemId - b.itemId);
    return {
      service,
      points: toColumns(points, GC_POINT_KEYS),
      maxPauseNs: points.reduce((max, p) => Math.max(max, p.pauseNs), 0),
      maxLiveHeapBytes: points.reduce((max, p) => Math.max(max, p.liveHeapBytes ?? 0), 0),
    };
  });
}

/** The fields of a capture point and of a GC point, in the order their columns are sent. */
export const CAPTURE_POINT_KEYS: readonly (keyof CaptureSeriesPoint)[] = ['itemId', 'startMs', 'endMs', 'value'];
export const GC_POINT_KEYS: readonly (keyof GcSeriesPoint)[] = ['itemId', 'atMs', 'pauseNs', 'liveHeapBytes'];

/** Points as columns: an array per key, entry i of each from point i. */
export function toColumns<P>(points: readonly P[], keys: readonly (keyof P)[]): Columns<P> {
  const columns = {} as Columns<P>;
  for (const key of keys) columns[key] = points.map((point) => point[key]);
  return columns;
}
