/**
 * Memory series over captures: the leak-or-cache ranking (getLeaks) and the allocation timeline (getAllocationTimeline)
 * of a selection's heap captures, read-only. The arithmetic is shared/memory/ (heap-series.ts, leak-view.ts,
 * growth.ts); here the captures are chosen and read:
 * - heap profiles (Go's inuse_space, V8 .heapprofile's space; or the sample type asked for): each item's stacks, one
 *   capture each, by allocation site;
 * - heap snapshots, when the selection has no heap profiles: per class, the shallow size (what its instances
 *   themselves hold; exact, no sampling), or the retained size when `retained` is asked for. Shallow by default:
 *   a class's retained size counts what it keeps alive, so `global` and every module on the path to a leak grow
 *   with it, and shallow sizes add up to the heap (retained sizes overlap).
 * Captures without a wall-clock start are left out (they cannot be placed); the result's `captures` are those used,
 * in wall-clock order. A selection with neither but with a recording whose allocation samples carry times (JFR) gets
 * an allocation timeline of that recording cut into windows (recordingAllocation); it has no leak ranking, since
 * allocation says what is allocated, not what stays.
 */
import type { ItemSummary, KilnServices } from '../../shared/ipc/contract';
import type { AllocationTimeline, SeriesCapture } from '../../shared/ipc/memory-contract';
import {
  captureSites,
  jfrClassLeaf,
  seriesOfSites,
  siteKey,
  type HeapSeries,
  type SiteValue,
} from '../../shared/memory/heap-series';
import { allocationBands, cumulativeRate, leakRanking, type SeriesContext } from '../../shared/memory/leak-view';
import type { Selection } from '../../shared/capture/selection';
import { namedItems, SelectionError, type StackSource } from '../../shared/query/views';
import type { ProfileStore } from '../store/profile-store';
import { itemPeriods } from '../store/item-periods';
import { NotFoundError } from './not-found';
import { storeStackSource } from './store-stack-source';

/**
 * The sampling interval when a profile states none: Go's default MemProfileRate and Node's --heap-prof-interval
 * default are both 512 KiB. (Chrome DevTools samples every 32 KiB; assuming the wider interval widens the band.)
 */
export const DEFAULT_SAMPLING_BYTES = 512 * 1024;
/** Heap-in-use sample types, by preference: Go's (pprof) and V8's sampling heap profile's. */
const IN_USE_TYPES = ['inuse_space', 'space'];
/** Every class of a snapshot (heap_classes rows per item are one per class name). */
const ALL_CLASSES = 1_000_000;

interface HeapRead {
  series: HeapSeries;
  context: SeriesContext;
  items: ItemSummary[];
}

export function leakServices(store: ProfileStore): Pick<KilnServices, 'getLeaks' | 'getAllocationTimeline'> {
  const source = storeStackSource(store);
  // The Memory tab asks for the ranking and the timeline of one selection together: the second reuses the first's
  // read. Only plain item lists are kept (as kiln-services.ts keeps stacks): a window's captures move with
  // setCaptureStart, an item's stacks never change.
  let cached: { key: string; read: HeapRead } | null = null;
  const readOf = (selection: Selection, sampleType: string | undefined): HeapRead => {
    const stable = 'items' in selection && selection.window === undefined;
    const key = stable ? JSON.stringify({ items: selection.items, sampleType }) : null;
    if (key !== null && cached?.key === key) return cached.read;
    const read = readHeapSeries(store, source, selection, sampleType);
    if (key !== null) cached = { key, read };
    return read;
  };
  return {
    getLeaks: async ({ selection, sampleType, limit }) => {
      const read = readOf(selection, sampleType);
      return leakRanking(read.series, read.context, limit);
    },
    getAllocationTimeline: async ({ selection, sampleType, top }) => {
      const recorded = sampleType === undefined ? recordingAllocation(source, selection, top) : null;
      if (recorded !== null) return recorded;
      const read = readOf(selection, sampleType);
      return allocationBands(read.series, read.context, top, allocationRate(read.items, read.context.captures));
    },
  };
}

/** Windows a recording's allocation samples are cut into when the selection has no heap captures. */
export const RECORDING_WINDOWS = 20;

/**
 * The allocation timeline of recordings whose allocation samples carry times (JFR's "Allocations"), when the
 * selection holds no heap profile or snapshot: their span cut into RECORDING_WINDOWS equal windows, each window a
 * "capture" of the bytes allocated in it per allocating method (the allocated class charged to its caller), and the
 * allocation rate of each window (its bytes ÷ its seconds). Null when the selection has no such recording.
 */
function recordingAllocation(source: StackSource, selection: Selection, top: number): AllocationTimeline | null {
  const named = selectedItems(source, selection);
  if (named.some((item) => item.kind === 'heap' || item.kind === 'heap-snapshot')) return null;
  const recordings = named.filter(
    (item) =>
      item.kind === 'allocations' &&
      item.hasSampleTimes === true &&
      item.capturedAtMs !== null &&
      (item.durationNs ?? 0) > 0 &&
      item.sampleTypes.some((t) => t.unit === 'bytes'),
  );
  const first = recordings[0];
  if (first === undefined) return null;
  const valueType = first.sampleTypes.find((t) => t.unit === 'bytes') as ItemSummary['sampleTypes'][number];
  const spanOf = (item: ItemSummary) => {
    const startMs = item.capturedAtMs as number;
    return { startMs, endMs: startMs + (item.durationNs as number) / 1e6 };
  };
  // A selection's window narrows the span: the part of the recordings inside it.
  const window = 'window' in selection && selection.window !== undefined ? selection.window : null;
  const startMs = Math.max(Math.min(...recordings.map((r) => spanOf(r).startMs)), window?.startMs ?? -Infinity);
  const endMs = Math.min(Math.max(...recordings.map((r) => spanOf(r).endMs)), window?.endMs ?? Infinity);
  if (!(endMs > startMs)) return null;
  const widthMs = (endMs - startMs) / RECORDING_WINDOWS;
  const captures: SeriesCapture[] = [];
  const windows = [];
  const rates: NonNullable<AllocationTimeline['allocationRate']> = [];
  for (let w = 0; w < RECORDING_WINDOWS; w++) {
    const fromMs = startMs + w * widthMs;
    const toMs = w === RECORDING_WINDOWS - 1 ? endMs : fromMs + widthMs;
    const sites = new Map<string, SiteValue>();
    let total = 0;
    for (const recording of recordings) {
      const span = spanOf(recording);
      const fromNs = Math.max(0, (fromMs - span.startMs) * 1e6);
      const toNs = Math.min(recording.durationNs as number, (toMs - span.startMs) * 1e6);
      if (!(toNs > fromNs)) continue;
      const part = captureSites(source.windowStacks(recording.id, valueType, { fromNs, toNs }, {}), jfrClassLeaf);
      total += part.total;
      for (const [key, site] of part.sites) {
        const held = sites.get(key);
        if (held === undefined) sites.set(key, { ...site });
        else held.value += site.value;
      }
    }
    captures.push({ itemId: first.id, atMs: fromMs });
    windows.push({ sites, total });
    rates.push({ fromMs, toMs, bytesPerSecond: total / ((toMs - fromMs) / 1000) });
  }
  return allocationBands(seriesOfSites(windows), { sampleType: valueType, captures }, top, rates);
}

/** The selection's items; a selection naming none is "not found" to every transport. */
function selectedItems(source: StackSource, selection: Selection): ItemSummary[] {
  try {
    return namedItems(source, selection);
  } catch (error) {
    if (error instanceof SelectionError) throw new NotFoundError(error.message);
    throw error;
  }
}

function readHeapSeries(
  store: ProfileStore,
  source: StackSource,
  selection: Selection,
  sampleType: string | undefined,
): HeapRead {
  const named = selectedItems(source, selection);
  const placed = named
    .filter((item) => item.capturedAtMs !== null)
    .sort((a, b) => (a.capturedAtMs as number) - (b.capturedAtMs as number) || a.id - b.id);
  const typeName = sampleType ?? defaultType(placed);
  if (typeName !== null && typeName !== 'retained' && typeName !== 'shallow') {
    const items = placed.filter((item) => item.sampleTypes.some((t) => t.type === typeName));
    if (items.length > 0) return profileSeries(store, source, items, typeName);
    if (sampleType !== undefined)
      throw new NotFoundError(`no placed capture of the selection has sample type ${typeName}`);
  }
  const snapshots = placed.filter((item) => item.kind === 'heap-snapshot');
  if (snapshots.length === 0) {
    throw new NotFoundError('the selection has no heap profiles or heap snapshots with a wall-clock start');
  }
  return snapshotSeries(store, snapshots, sampleType === 'retained' ? 'retained' : 'shallow');
}

/** The first in-use type of the placed heap profiles (inuse_space before space), or null when there are none. */
function defaultType(items: readonly ItemSummary[]): string | null {
  for (const name of IN_USE_TYPES) {
    if (items.some((item) => item.kind === 'heap' && item.sampleTypes.some((t) => t.type === name))) return name;
  }
  return null;
}

function profileSeries(store: ProfileStore, source: StackSource, items: ItemSummary[], typeName: string): HeapRead {
  const first = items[0] as ItemSummary;
  const valueType = first.sampleTypes.find((t) => t.type === typeName) as ItemSummary['sampleTypes'][number];
  const kept = items.filter((item) => item.sampleTypes.some((t) => t.type === typeName && t.unit === valueType.unit));
  const series = seriesOfSites(kept.map((item) => captureSites(source.itemStacks([item.id], valueType, {}))));
  // The widest interval any capture states (bytes per sample), or the default for those that state none.
  const periods = itemPeriods(
    store.db,
    kept.map((item) => item.id),
  );
  let samplingBytes = 0;
  for (const item of kept) {
    const p = periods.get(item.id);
    const stated = p && p.period !== null && p.period > 0 && p.unit === 'bytes' ? p.period : DEFAULT_SAMPLING_BYTES;
    samplingBytes = Math.max(samplingBytes, stated);
  }
  return {
    series,
    items: kept,
    context: { sampleType: valueType, captures: capturesOf(kept), samplingBytes, limitBytes: null },
  };
}

function snapshotSeries(store: ProfileStore, items: ItemSummary[], measure: 'retained' | 'shallow'): HeapRead {
  const captures = items.map((item) => {
    const sites = new Map<string, SiteValue>();
    let shallowTotal = 0;
    for (const row of store.heapClasses(item.id, ALL_CLASSES)) {
      const value = measure === 'retained' ? row.retainedSize : row.shallowSize;
      sites.set(siteKey(row.className, ''), { function: row.className, file: '', value });
      shallowTotal += row.shallowSize;
    }
    // Shallow sizes add up to the heap; the 1% threshold of the ranking is a share of it either way.
    return { sites, total: shallowTotal };
  });
  return {
    series: seriesOfSites(captures),
    items,
    // Snapshots are exact: no sampling interval.
    context: {
      sampleType: { type: measure, unit: 'bytes' },
      captures: capturesOf(items),
      samplingBytes: 0,
      limitBytes: null,
    },
  };
}

function capturesOf(items: readonly ItemSummary[]): SeriesCapture[] {
  return items.map((item) => ({ itemId: item.id, atMs: item.capturedAtMs as number }));
}

/**
 * alloc_space per second between consecutive Go heap profiles of one process: alloc_space counts every byte allocated
 * since the process started, so its growth between two captures is what was allocated between them. One process: same
 * format (pprof), service and build id; a fall of the counter means a restart, and that step is left out.
 */
function allocationRate(items: readonly ItemSummary[], captures: readonly SeriesCapture[]) {
  const cumulative = items.map((item) => {
    const at = item.sampleTypes.findIndex((t) => t.type === 'alloc_space' && t.unit === 'bytes');
    return item.format === 'pprof' && at >= 0 ? (item.totals[at] ?? null) : null;
  });
  const samePair = (i: number): boolean => {
    const a = items[i] as ItemSummary;
    const b = items[i + 1] as ItemSummary;
    return a.service === b.service && a.labels['build_id'] === b.labels['build_id'];
  };
  return cumulativeRate(captures, cumulative, samePair);
}
