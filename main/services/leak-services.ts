/**
 * Memory series over captures: the leak-or-cache ranking (getLeaks) and the allocation timeline (getAllocationTimeline)
 * of a selection's heap captures, read-only. The arithmetic is shared/memory/ (heap-series.ts, leak-view.ts,
 * growth.ts); here the captures are chosen and read:
 * - heap profiles (Go's inuse_space, V8 .heapprofile's space; or the sample type asked for): each item's stacks, one
 *   capture each, by allocation site;
 * - heap snapshots, when the selection has no heap profiles or `retained` is asked for: per class, the retained size
 *   of the leak ranking (exact, no sampling) and the shallow size of the timeline (shallow sizes add up to the heap,
 *   retained sizes overlap).
 * Captures without a wall-clock start are left out (they cannot be placed); the result's `captures` are those used,
 * in wall-clock order.
 */
import type { ItemSummary, KilnServices } from '../../shared/ipc/contract';
import type { SeriesCapture } from '../../shared/ipc/memory-contract';
import { captureSites, seriesOfSites, siteKey, type HeapSeries, type SiteValue } from '../../shared/memory/heap-series';
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
  return {
    getLeaks: async ({ selection, sampleType, limit }) => {
      const read = readHeapSeries(store, source, selection, sampleType, 'retained');
      return leakRanking(read.series, read.context, limit);
    },
    getAllocationTimeline: async ({ selection, sampleType, top }) => {
      const read = readHeapSeries(store, source, selection, sampleType, 'shallow');
      return allocationBands(read.series, read.context, top, allocationRate(read.items, read.context.captures));
    },
  };
}

function readHeapSeries(
  store: ProfileStore,
  source: StackSource,
  selection: Selection,
  sampleType: string | undefined,
  snapshotMeasure: 'retained' | 'shallow',
): HeapRead {
  let named: ItemSummary[];
  try {
    named = namedItems(source, selection);
  } catch (error) {
    if (error instanceof SelectionError) throw new NotFoundError(error.message);
    throw error;
  }
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
  return snapshotSeries(store, snapshots, sampleType === 'shallow' ? 'shallow' : snapshotMeasure);
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
