/**
 * What a window of several captures means: which kind of item its stacks views read when the selection names no
 * kind, and how the captures' values combine for a sample type (summed, or averaged per capture).
 */
import type { ItemKind } from '../ipc/contract';
import type { ValueType } from '../profile/model';

/**
 * The kinds with call stacks, in the order a service window without a kind picks one: CPU is what a profiling
 * session is usually about, then what allocates, what stays in memory, what waits. GC logs and heap snapshots have no
 * stacks, so the stacks views never read them.
 */
export const ITEM_KIND_PRIORITY: readonly ItemKind[] = [
  'cpu',
  'allocations',
  'heap',
  'goroutines',
  'contention',
  'trace',
  'other',
];

/** The kind a window reads among `kinds`: the first of ITEM_KIND_PRIORITY present; null when none has stacks. */
export function windowKind(kinds: Iterable<ItemKind>): ItemKind | null {
  const present = new Set(kinds);
  return ITEM_KIND_PRIORITY.find((kind) => present.has(kind)) ?? null;
}

/** How a kind is named in headers (the catalogue's words). */
export const KIND_LABELS: Record<ItemKind, string> = {
  cpu: 'CPU',
  allocations: 'Allocations',
  heap: 'Heap in use',
  goroutines: 'Goroutines',
  contention: 'Contention',
  trace: 'Trace',
  other: 'Other',
  'gc-log': 'GC log',
  'heap-snapshot': 'Heap snapshot',
};

/** 'sum': a counter, what happened during each capture adds up. 'mean': a gauge, a level each capture observed. */
export type Aggregation = 'sum' | 'mean';

/**
 * Whether a sample type of an item of `kind` is a counter or a gauge.
 *
 * Gauges are levels at the moment of capture, so two captures of the same heap are not twice the heap:
 * - Go heap profiles' inuse_space / inuse_objects: memory live at the last GC (runtime/pprof, "heap": "a sampling of
 *   memory allocations of live objects"); the legacy heap text format's space/objects in a heap profile are the same.
 * - V8's sampling heap profile (.heapprofile, kind 'heap'): space/objects of the sampled allocations still live when
 *   it was written (shared/import/v8/heapprofile.ts).
 * - Go goroutine profiles (goroutine/count): the goroutines existing at the moment.
 * Everything else counts events during the capture's span and is summed: cpu and samples, wall time, alloc_space /
 * alloc_objects (allocated since the program started, or during the capture), contentions and delay, and JFR's
 * allocation and contention samples (their types are samples/space/wall, with kind allocations or contention). A
 * space/objects type outside a heap item (Firefox's and speedscope's byte weights, kind allocations or other) counts
 * allocations, so it is a counter.
 */
export function aggregationOf(kind: ItemKind, sampleType: ValueType): Aggregation {
  const type = sampleType.type.toLowerCase();
  if (type === 'inuse_space' || type === 'inuse_objects') return 'mean';
  if (type === 'goroutine' || type === 'goroutines') return 'mean';
  if (kind === 'heap' && (type === 'space' || type === 'objects')) return 'mean';
  return 'sum';
}
