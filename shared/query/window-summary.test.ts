/**
 * getWindowSummary's numbers from catalogue rows: the kind a window reads, its captures (a timed item cut by the
 * window counts once, clipped to it), its span and profiled time, how values combine, and the title line.
 */
import { describe, expect, it } from 'vitest';
import { ALL_TIME } from '../capture/selection';
import type { ItemKind, ItemSummary } from '../ipc/contract';
import { readItems, windowSummary, windowTitle } from './window-summary';

const T0 = Date.UTC(2026, 10, 20, 10, 0, 2, 250);
const CPU = [
  { type: 'samples', unit: 'count' },
  { type: 'cpu', unit: 'nanoseconds' },
];
const HEAP = [
  { type: 'alloc_space', unit: 'bytes' },
  { type: 'inuse_space', unit: 'bytes' },
];

function item(
  id: number,
  kind: ItemKind,
  startMs: number | null,
  durationNs: number | null,
  timed = false,
): ItemSummary {
  const sampleTypes = kind === 'cpu' ? CPU : kind === 'heap' ? HEAP : [];
  return {
    id,
    kind,
    service: 'checkout',
    labels: {},
    capturedAtMs: startMs,
    durationNs,
    hasSampleTimes: timed,
    sampleTypes,
    totals: sampleTypes.map(() => 0),
    defaultSampleType: 1,
  } as unknown as ItemSummary;
}

describe('windowSummary', () => {
  const items = [
    item(1, 'heap', T0, null),
    item(2, 'cpu', T0 + 1000, 10e9),
    item(3, 'gc-log', T0, 60e9),
    item(4, 'cpu', T0 + 60_000, 8e9),
    item(5, 'heap', T0 + 120_000, null),
  ];

  it('reads CPU in a kindless service window and says what else it holds', () => {
    const selection = { service: 'checkout', window: ALL_TIME };
    expect(readItems(items, selection).map((i) => i.id)).toEqual([2, 4]);
    expect(windowSummary(items, selection)).toEqual({
      service: 'checkout',
      kind: 'cpu',
      kinds: [
        { kind: 'cpu', captures: 2 },
        { kind: 'heap', captures: 2 },
        { kind: 'gc-log', captures: 1 },
      ],
      captures: 2,
      startMs: T0 + 1000,
      endMs: T0 + 68_000,
      profiledNs: 18e9,
      aggregation: 'sum',
      title: 'checkout · CPU · 2 captures · 2026-11-20 10:00:03–10:01:11 UTC · 18 s profiled',
    });
  });

  it('a window of one kind counts every kind the service has over its span, and reads and titles only its own', () => {
    const other = { ...item(6, 'cpu', T0, 1e9), service: 'cart' } as ItemSummary;
    const window = { startMs: T0 + 30_000, endMs: T0 + 130_000 };
    const summary = windowSummary([...items, other], { service: 'checkout', window, kind: 'heap' });
    // Items 1 and 2 end before the window; the GC log (60 s from T0) reaches into it; cart is another service.
    expect(summary.kinds).toEqual([
      { kind: 'cpu', captures: 1 },
      { kind: 'heap', captures: 1 },
      { kind: 'gc-log', captures: 1 },
    ]);
    expect(summary).toMatchObject({ service: 'checkout', kind: 'heap', captures: 1, aggregation: 'mean' });
    expect(summary.title).toBe('checkout · Heap in use · 1 capture · 2026-11-20 10:02:02–10:02:03 UTC');
    // Labels narrow the span as they narrow what is read.
    const labelled = [{ ...item(10, 'cpu', T0, 1e9), labels: { build: 'b2' } } as ItemSummary, ...items];
    const byBuild = windowSummary(labelled, {
      service: 'checkout',
      window: ALL_TIME,
      kind: 'cpu',
      labels: [{ key: 'build', value: 'b2' }],
    });
    expect(byBuild).toMatchObject({ kinds: [{ kind: 'cpu', captures: 1 }], captures: 1, profiledNs: 1e9 });
  });

  it('ids count the kinds of the items named', () => {
    const summary = windowSummary([items[2] as ItemSummary, items[0] as ItemSummary], { items: [3, 1] });
    expect(summary.kinds).toEqual([
      { kind: 'heap', captures: 1 },
      { kind: 'gc-log', captures: 1 },
    ]);
    expect(summary).toMatchObject({ kind: 'heap', captures: 1 });
  });

  it('a selection without stacks (heap snapshots, a GC log) is titled by what it holds, not "0 captures"', () => {
    const snapshots = [item(6, 'heap-snapshot', T0, null), item(7, 'heap-snapshot', T0 + 1000, null)];
    expect(windowSummary(snapshots, { items: [6, 7] }).title).toBe('checkout · 2 heap snapshots');
    const withLog = [...snapshots, items[2] as ItemSummary];
    expect(windowSummary(withLog, { items: [6, 7, 3] }).title).toBe('checkout · 1 GC log · 2 heap snapshots');
  });

  it('a heap window is averaged; unknown durations leave the profiled time out of the title', () => {
    const summary = windowSummary(
      items.filter((i) => i.kind === 'heap'),
      {
        service: 'checkout',
        window: ALL_TIME,
        kind: 'heap',
      },
    );
    expect(summary.aggregation).toBe('mean');
    expect(summary.profiledNs).toBeNull();
    expect(summary.title).toBe('checkout · Heap in use · 2 captures · 2026-11-20 10:00:02–10:02:03 UTC');
  });

  it('clips spans to the window; a timed item cut by it counts once, an untouched one not at all', () => {
    const timed = [item(7, 'cpu', T0, 30e9, true), item(8, 'cpu', T0 + 100_000, 5e9, true)];
    const window = { startMs: T0 + 10_000, endMs: T0 + 12_500 };
    const summary = windowSummary(timed, { items: [7, 8], window });
    expect(summary).toMatchObject({ service: 'checkout', kind: 'cpu', captures: 1, profiledNs: 2.5e9 });
    expect([summary.startMs, summary.endMs]).toEqual([window.startMs, window.endMs]);
    expect(summary.title).toBe('checkout · CPU · 1 capture · 2026-11-20 10:00:12–10:00:15 UTC · 2.5 s profiled');
  });

  it('items of several services name none; ids read the first item with stacks', () => {
    const other = { ...item(9, 'cpu', null, null), service: 'cart' } as ItemSummary;
    const summary = windowSummary([items[2] as ItemSummary, items[1] as ItemSummary, other], { items: [3, 2, 9] });
    expect(summary).toMatchObject({ service: null, kind: 'cpu', captures: 2, profiledNs: 10e9 });
    expect(summary.title).toBe('CPU · 2 captures · 2026-11-20 10:00:03–10:00:14 UTC · 10 s profiled');
  });
});

describe('windowTitle', () => {
  it('omits what is unknown and shows the end date only when it differs', () => {
    const base = { service: null, kind: null, kinds: [], captures: 0, aggregation: 'sum' as const };
    expect(windowTitle({ ...base, startMs: null, endMs: null, profiledNs: null })).toBe('0 captures');
    expect(
      windowTitle({
        ...base,
        service: 'api',
        kind: 'goroutines',
        captures: 3,
        startMs: Date.UTC(2026, 10, 20, 23, 59, 0),
        endMs: Date.UTC(2026, 10, 21, 0, 1, 0, 1),
        profiledNs: 1.5e6,
      }),
    ).toBe('api · Goroutines · 3 captures · 2026-11-20 23:59:00–2026-11-21 00:01:01 UTC · 1.5 ms profiled');
  });
});
