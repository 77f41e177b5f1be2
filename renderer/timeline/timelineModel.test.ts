import { describe, expect, it } from 'vitest';
import { NO_SERVICE, type ItemSummary, type Timeline } from '../../shared/ipc/contract';
import { captureColumns } from '../../shared/timeline/capture-columns';
import { itemSummary } from '../../test/fixtures/item-summary';
import { barsOf, timelineOf } from '../../test/fixtures/timeline-canvas';
import { barAt, buildTimeline, timelineInput, visibleBars } from './timelineModel';

const base = itemSummary({ id: 0, timeSource: 'file' });

const item = (id: number, fields: Partial<ItemSummary>): ItemSummary => ({ ...base, id, name: `item${id}`, ...fields });

const T0 = Date.UTC(2026, 10, 20, 10, 0, 0);

describe('buildTimeline', () => {
  // Out of time order within their service, to check the lanes are put in order.
  const items = [
    item(1, { service: 'checkout', kind: 'heap', capturedAtMs: T0 + 60_000 }),
    item(2, { service: 'checkout', kind: 'cpu', capturedAtMs: T0 + 30_000, durationNs: 10e9 }),
    item(3, { service: 'checkout', kind: 'cpu', capturedAtMs: T0, durationNs: 10e9 }),
    item(4, { service: null, kind: 'gc-log', capturedAtMs: T0 + 5_000, durationNs: 120e9 }),
    item(5, { service: 'api', kind: 'trace', capturedAtMs: T0 - 1_000, durationNs: 2e9 }),
    item(6, { service: 'api', kind: 'cpu', capturedAtMs: null }),
    item(7, { service: 'checkout', kind: 'gc-log', capturedAtMs: T0 + 1_000 }),
    item(8, { service: 'api', kind: 'cpu', capturedAtMs: T0 + 2_000, durationNs: 1e9 }),
  ];
  const model = buildTimeline(timelineOf(items));

  it('makes one lane per service and kind: services by name (none last), kinds CPU, heap … GC log … trace', () => {
    expect(model.lanes.map((l) => [l.service, l.kind])).toEqual([
      ['api', 'cpu'],
      ['api', 'trace'],
      ['checkout', 'cpu'],
      ['checkout', 'heap'],
      ['checkout', 'gc-log'],
      [null, 'gc-log'],
    ]);
  });

  it('orders each lane by start and spans each bar over its duration (a tick without one)', () => {
    const cpu = model.lanes[2];
    expect(cpu && barsOf(cpu)).toEqual([
      [3, T0, T0 + 10_000],
      [2, T0 + 30_000, T0 + 40_000],
    ]);
    expect(cpu?.maxDurationMs).toBe(10_000);
    const heap = model.lanes[3];
    expect(heap && barsOf(heap)).toEqual([[1, T0 + 60_000, T0 + 60_000]]);
    expect(heap?.maxDurationMs).toBe(0);
  });

  it('orders bars that start together by capture id', () => {
    const lane = buildTimeline(
      timelineOf([
        item(9, { service: 's', kind: 'cpu', capturedAtMs: T0 }),
        item(4, { service: 's', kind: 'cpu', capturedAtMs: T0 }),
      ]),
    ).lanes[0];
    expect(lane?.ids).toEqual([4, 9]);
  });

  it('leaves out items without a start and counts them; the extent covers every placed bar', () => {
    expect(model.unplacedCount).toBe(1);
    expect(model.placedCount).toBe(7);
    expect(model.lanes.flatMap((l) => l.ids).sort()).toEqual([1, 2, 3, 4, 5, 7, 8]);
    // From the api trace's start to the end of the 120 s GC log.
    expect(model.extent).toEqual({ fromMs: T0 - 1_000, toMs: T0 + 125_000 });
  });

  it('has no extent when nothing is placed', () => {
    const empty = buildTimeline(timelineOf([item(1, { capturedAtMs: null })]));
    expect(empty).toEqual({ lanes: [], placedCount: 0, unplacedCount: 1, extent: null });
  });

  it('keeps a service named "null" apart from captures that name none', () => {
    const lanes = buildTimeline(
      timelineOf([item(1, { service: 'null', capturedAtMs: T0 }), item(2, { service: null, capturedAtMs: T0 })]),
    ).lanes;
    expect(lanes.map((l) => l.service)).toEqual(['null', null]);
  });
});

describe('visibleBars', () => {
  // 10,000 one-second captures a minute apart, and one long one early on.
  const many = Array.from({ length: 10_000 }, (_, i) =>
    item(i + 1, { capturedAtMs: T0 + i * 60_000, durationNs: 1e9 }),
  );
  const lane = buildTimeline(timelineOf(many)).lanes[0]!;

  it('finds exactly the bars that overlap a range by binary search', () => {
    const { start, end } = visibleBars(lane, T0 + 100 * 60_000 + 500, T0 + 110 * 60_000);
    // Bar 100 (0.5 s in) is still running; 110 starts on the right edge.
    expect(lane.ids.slice(start, end).map((id) => id - 1)).toEqual([
      100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110,
    ]);
  });

  it('returns an empty range before the first and after the last bar', () => {
    expect(visibleBars(lane, T0 - 10_000, T0 - 5_000)).toEqual({ start: 0, end: 0 });
    const after = visibleBars(lane, T0 + 10_000 * 60_000, T0 + 20_000 * 60_000);
    expect(after.end - after.start).toBe(0);
  });

  it('includes a long bar that began well before the range', () => {
    const withLong = buildTimeline(
      timelineOf([...many.slice(0, 50), item(99_999, { capturedAtMs: T0 - 3_600_000, durationNs: 7200e9 })]),
    ).lanes[0]!;
    const { start, end } = visibleBars(withLong, T0 + 30 * 60_000 + 2_000, T0 + 30 * 60_000 + 3_000);
    expect(withLong.ids.slice(start, end)).toContain(99_999);
  });
});

describe('barAt', () => {
  const lane = buildTimeline(
    timelineOf([
      item(1, { capturedAtMs: T0, durationNs: 10e9 }),
      item(2, { capturedAtMs: T0 + 20_000 }),
      item(3, { capturedAtMs: T0 + 20_500 }),
    ]),
  ).lanes[0]!;
  const idAt = (ms: number): number | undefined => lane.ids[barAt(lane, ms, 100)];

  it('hits a bar inside its span, a tick within the slop, and nothing in a gap', () => {
    expect(idAt(T0 + 5_000)).toBe(1);
    expect(idAt(T0 + 10_050)).toBe(1);
    expect(idAt(T0 + 20_080)).toBe(2);
    expect(idAt(T0 + 20_420)).toBe(3);
    expect(barAt(lane, T0 + 15_000, 100)).toBe(-1);
  });
});

describe('timelineInput', () => {
  // getTimeline's answer for the first test's captures, as the server groups them (NO_SERVICE last).
  const timeline: Timeline = {
    services: [
      {
        name: 'api',
        ...captureColumns([
          { id: 5, kind: 'trace', capturedAtMs: T0 - 1_000, durationNs: 2e9, labels: {} },
          { id: 8, kind: 'cpu', capturedAtMs: T0 + 2_000, durationNs: 1e9, labels: { version: 'v2' } },
          { id: 6, kind: 'cpu', capturedAtMs: null, durationNs: null, labels: {} },
        ]),
        markers: [],
      },
      {
        name: NO_SERVICE,
        ...captureColumns([{ id: 4, kind: 'gc-log', capturedAtMs: T0 + 5_000, durationNs: 120e9, labels: {} }]),
        markers: [],
      },
    ],
  };

  it('builds the same lanes and bars as the catalogue rows of those captures, the NO_SERVICE group as null', () => {
    const rows = [
      item(5, { service: 'api', kind: 'trace', capturedAtMs: T0 - 1_000, durationNs: 2e9 }),
      item(6, { service: 'api', kind: 'cpu', capturedAtMs: null }),
      item(8, { service: 'api', kind: 'cpu', capturedAtMs: T0 + 2_000, durationNs: 1e9 }),
      item(4, { service: null, kind: 'gc-log', capturedAtMs: T0 + 5_000, durationNs: 120e9 }),
    ];
    const shape = (m: ReturnType<typeof buildTimeline>) => ({
      lanes: m.lanes.map((l) => [l.key, l.maxDurationMs, barsOf(l)]),
      placed: m.placedCount,
      unplaced: m.unplacedCount,
      extent: m.extent,
    });
    const fromTimeline = shape(buildTimeline(timelineInput(timeline)));
    expect(fromTimeline).toEqual(shape(buildTimeline(timelineOf(rows))));
    expect(fromTimeline).toEqual({
      lanes: [
        ['["api","cpu"]', 1000, [[8, T0 + 2_000, T0 + 3_000]]],
        ['["api","trace"]', 2000, [[5, T0 - 1_000, T0 + 1_000]]],
        ['[null,"gc-log"]', 120_000, [[4, T0 + 5_000, T0 + 125_000]]],
      ],
      placed: 3,
      unplaced: 1,
      extent: { fromMs: T0 - 1_000, toMs: T0 + 125_000 },
    });
  });
});
