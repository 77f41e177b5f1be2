/** The kind a kindless window reads, and which sample types are gauges (averaged per capture) or counters (summed). */
import { describe, expect, it } from 'vitest';
import { ITEM_KINDS, type ItemKind } from '../ipc/contract';
import { aggregationOf, ITEM_KIND_PRIORITY, KIND_LABELS, windowKind } from './window-kind';

describe('ITEM_KIND_PRIORITY', () => {
  it('lists every kind with stacks once, CPU first; GC logs and heap snapshots have none', () => {
    expect(ITEM_KIND_PRIORITY).toEqual(['cpu', 'allocations', 'heap', 'goroutines', 'contention', 'trace', 'other']);
    expect(new Set(ITEM_KIND_PRIORITY).size).toBe(ITEM_KIND_PRIORITY.length);
    expect(ITEM_KINDS.filter((k) => !ITEM_KIND_PRIORITY.includes(k))).toEqual(['gc-log', 'heap-snapshot']);
  });

  it('picks the first kind present in that order, whatever the items order', () => {
    expect(windowKind(['heap', 'gc-log', 'cpu', 'heap'])).toBe('cpu');
    expect(windowKind(['goroutines', 'heap'])).toBe('heap');
    expect(windowKind(['contention', 'trace', 'allocations'])).toBe('allocations');
    expect(windowKind(['trace', 'other'])).toBe('trace');
    expect(windowKind(['gc-log', 'heap-snapshot'])).toBeNull();
    expect(windowKind([])).toBeNull();
  });

  it('names every kind for headers', () => {
    for (const kind of ITEM_KINDS) expect(KIND_LABELS[kind as ItemKind]).toMatch(/^[A-Z]/);
    expect(KIND_LABELS.cpu).toBe('CPU');
    expect(KIND_LABELS.heap).toBe('Heap in use');
  });
});

describe('aggregationOf', () => {
  const of = (kind: ItemKind, type: string, unit = 'count') => aggregationOf(kind, { type, unit });

  it('averages levels: Go in-use heap, V8 sampling heap profiles, goroutine counts', () => {
    expect(of('heap', 'inuse_space', 'bytes')).toBe('mean');
    expect(of('heap', 'inuse_objects')).toBe('mean');
    // A Go allocs profile holds the in-use types too; they stay levels.
    expect(of('allocations', 'inuse_space', 'bytes')).toBe('mean');
    expect(of('heap', 'space', 'bytes')).toBe('mean');
    expect(of('heap', 'objects')).toBe('mean');
    expect(of('goroutines', 'goroutine')).toBe('mean');
    expect(of('goroutines', 'goroutines')).toBe('mean');
  });

  it('sums what happens during a capture: CPU, samples, allocations, contention, JFR samples', () => {
    expect(of('cpu', 'cpu', 'nanoseconds')).toBe('sum');
    expect(of('cpu', 'samples')).toBe('sum');
    expect(of('cpu', 'wall', 'nanoseconds')).toBe('sum');
    expect(of('heap', 'alloc_space', 'bytes')).toBe('sum');
    expect(of('allocations', 'alloc_objects')).toBe('sum');
    expect(of('contention', 'contentions')).toBe('sum');
    expect(of('contention', 'delay', 'nanoseconds')).toBe('sum');
    // JFR allocation samples and Firefox/speedscope byte weights: space outside a heap profile is allocated bytes.
    expect(of('allocations', 'space', 'bytes')).toBe('sum');
    expect(of('other', 'space', 'bytes')).toBe('sum');
    expect(of('contention', 'wall', 'nanoseconds')).toBe('sum');
  });
});
