import { CAPTURE_POINT_KEYS, GC_POINT_KEYS, toColumns } from '../../shared/timeline/series';
import { describe, expect, it } from 'vitest';
import type { TimelineSeries } from '../../shared/ipc/contract';
import { laneItem, NAMED_PALETTE, timelineOf } from '../../test/fixtures/timeline-canvas';
import type { CanvasTarget } from '../charts/canvasTarget';
import { drawLaneSeries } from './drawSeries';
import { drawLanes, LANE_HEIGHT_PX } from './drawTimeline';
import { captureHit, gcHit, seriesByLane, laneKey, type LaneSeries } from './seriesModel';
import { buildTimeline } from './timelineModel';

/** A 2D context that records path points, filled rectangles (with colour and alpha) and text. */
function recordingContext() {
  const path: { op: 'move' | 'line'; x: number; y: number; stroke: string }[] = [];
  const rects: { fill: string; alpha: number; x: number; y: number; w: number; h: number }[] = [];
  const texts: { text: string; x: number; y: number; fill: string }[] = [];
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    globalAlpha: 1,
    font: '',
    textBaseline: '',
    setTransform: () => undefined,
    clearRect: () => undefined,
    strokeRect: () => undefined,
    save: () => undefined,
    restore: () => undefined,
    beginPath: () => undefined,
    stroke: () => undefined,
    moveTo(x: number, y: number) {
      path.push({ op: 'move', x, y, stroke: String(this.strokeStyle) });
    },
    lineTo(x: number, y: number) {
      path.push({ op: 'line', x, y, stroke: String(this.strokeStyle) });
    },
    fillRect(x: number, y: number, w: number, h: number) {
      rects.push({ fill: String(this.fillStyle), alpha: this.globalAlpha, x, y, w, h });
    },
    fillText(text: string, x: number, y: number) {
      texts.push({ text, x, y, fill: String(this.fillStyle) });
    },
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, path, rects, texts };
}

const palette = { line: 'line', heap: 'heap-line' };

const cpuSeries = (points: [number, number, number][]): TimelineSeries => ({
  captures: [
    {
      service: 'svc',
      kind: 'cpu',
      measure: 'cores',
      points: toColumns(
        points.map(([startMs, endMs, value], i) => ({ itemId: i + 1, startMs, endMs, value })),
        CAPTURE_POINT_KEYS,
      ),
      maxValue: Math.max(...points.map(([, , value]) => value)),
      maxDurationMs: Math.max(...points.map(([startMs, endMs]) => endMs - startMs)),
    },
  ],
  gc: [],
});

describe('drawLaneSeries', () => {
  it("steps a capture lane's measure over each capture's span, scaled to the lane's largest value", () => {
    const lane = seriesByLane(
      cpuSeries([
        [1000, 1500, 1.8],
        [1500, 2000, 0.9],
      ]),
    ).get(laneKey('svc', 'cpu')) as LaneSeries;
    expect(lane.maxLabel).toBe('1.8 cores');
    const { ctx, path } = recordingContext();
    // Lane 1 (top 18, height 18): values map to y = 35 − v × 16 / 1.8, so 1.8 → 19 and 0.9 → 27.
    const drawn = drawLaneSeries(ctx, lane, { fromMs: 1000, toMs: 2000 }, 1000, 18, 18, palette);
    expect(drawn).toEqual({ points: 2, columns: 1000 });
    expect(path[0]).toEqual({ op: 'move', x: 0, y: 19, stroke: 'line' });
    expect(path.filter((p) => p.x <= 500 && p.op === 'line' && p.x > 0).every((p) => p.y === 19 || p.x === 500)).toBe(
      true,
    );
    expect(path.find((p) => p.x === 501)?.y).toBe(27);
    expect(path[path.length - 1]).toEqual({ op: 'line', x: 1000, y: 27, stroke: 'line' });
    expect(new Set(path.map((p) => p.y))).toEqual(new Set([19, 27]));
  });

  it('reads only the visible captures: 10,000 over 10,000 s, zoomed to 10 s', () => {
    const points: [number, number, number][] = [];
    for (let i = 0; i < 10_000; i++) points.push([i * 1000, i * 1000 + 500, 1 + (i % 3)]);
    const lane = seriesByLane(cpuSeries(points)).get(laneKey('svc', 'cpu')) as LaneSeries;
    const { ctx } = recordingContext();
    expect(drawLaneSeries(ctx, lane, { fromMs: 0, toMs: 10_000_000 }, 800, 0, 18, palette).points).toBe(10_000);
    // Captures starting in [5,000 s − 0.5 s, 5,010 s]: 11 of them, half a window each, so 10 × 40 columns + 1.
    expect(drawLaneSeries(ctx, lane, { fromMs: 5_000_000, toMs: 5_010_000 }, 800, 0, 18, palette)).toEqual({
      points: 11,
      columns: 401,
    });
  });

  it('draws GC pauses as ticks whose height is their share of the longest, and the live heap as a line', () => {
    const series: TimelineSeries = {
      captures: [],
      gc: [
        {
          service: 'svc',
          points: toColumns(
            [
              { itemId: 7, atMs: 1100, pauseNs: 2e6, liveHeapBytes: 64 * 2 ** 20 },
              { itemId: 7, atMs: 1600, pauseNs: 1e6, liveHeapBytes: 32 * 2 ** 20 },
            ],
            GC_POINT_KEYS,
          ),
          maxPauseNs: 2e6,
          maxLiveHeapBytes: 64 * 2 ** 20,
        },
      ],
    };
    const lane = seriesByLane(series).get(laneKey('svc', 'gc-log')) as LaneSeries;
    expect(lane.maxLabel).toBe('2 ms pause · 64 MiB live');
    const { ctx, rects, path } = recordingContext();
    drawLaneSeries(ctx, lane, { fromMs: 1000, toMs: 2000 }, 1000, 0, 18, palette);
    // Bottom at 17, 16 px of room: 2 ms → 16 px, 1 ms → 8 px.
    expect(rects).toEqual([
      { fill: 'line', alpha: 1, x: 100, y: 1, w: 1, h: 16 },
      { fill: 'line', alpha: 1, x: 600, y: 9, w: 1, h: 8 },
    ]);
    expect(path).toEqual([
      { op: 'move', x: 100, y: 1, stroke: 'heap-line' },
      { op: 'line', x: 600, y: 9, stroke: 'heap-line' },
    ]);
    expect(gcHit(lane, 1601, 3)).toEqual({ itemId: 7, name: 'GC pause', value: '1 ms, 32 MiB live after', atMs: 1600 });
    expect(gcHit(lane, 1300, 3)).toBeNull();
  });
});

describe('drawLanes with series', () => {
  it("paints the lane's series behind translucent bars and its scale label over them", () => {
    const model = buildTimeline(timelineOf([laneItem(1, 'cpu', 1000, 500e6), laneItem(2, 'heap', 1500, 500e6)]));
    const lanes = seriesByLane(cpuSeries([[1000, 1500, 1.8]]));
    const { ctx, rects, texts, path } = recordingContext();
    const palette = NAMED_PALETTE;
    const target = { ctx, widthPx: 1000, heightPx: 2 * LANE_HEIGHT_PX, devicePixelRatio: 1 } satisfies CanvasTarget;
    drawLanes(target, model.lanes, { fromMs: 1000, toMs: 2000 }, palette, null, lanes);
    expect(path[0]).toEqual({ op: 'move', x: 0, y: 1, stroke: 'text' });
    expect(rects.find((r) => r.fill === 'cpu-colour')).toMatchObject({ alpha: 0.45, x: 0, w: 500 });
    // The heap lane has no series: its bar stays opaque.
    expect(rects.find((r) => r.fill === 'heap-colour')).toMatchObject({ alpha: 1, x: 500, w: 500 });
    expect(texts).toEqual([{ text: '1.8 cores', x: 3, y: 1, fill: 'text' }]);
    expect(captureHit(lanes.get(laneKey('svc', 'cpu')), 1)).toEqual({
      itemId: 1,
      name: 'CPU used',
      value: '1.8 cores',
      atMs: null,
    });
  });

  it('paints ticks (captures without a duration) opaque and three pixels wide under the series line', () => {
    const heap = (id: number, capturedAtMs: number) => laneItem(id, 'heap', capturedAtMs, null);
    const model = buildTimeline(timelineOf([heap(1, 1200), heap(2, 1700)]));
    const lanes = seriesByLane({
      captures: [
        {
          service: 'svc',
          kind: 'heap',
          measure: 'heap-inuse',
          points: toColumns(
            [
              { itemId: 1, startMs: 1200, endMs: 1200, value: 2 ** 20 },
              { itemId: 2, startMs: 1700, endMs: 1700, value: 2 ** 21 },
            ],
            CAPTURE_POINT_KEYS,
          ),
          maxValue: 2 ** 21,
          maxDurationMs: 0,
        },
      ],
      gc: [],
    });
    const { ctx, rects } = recordingContext();
    const palette = NAMED_PALETTE;
    const target = { ctx, widthPx: 1000, heightPx: LANE_HEIGHT_PX, devicePixelRatio: 1 } satisfies CanvasTarget;
    expect(drawLanes(target, model.lanes, { fromMs: 1000, toMs: 2000 }, palette, null, lanes)).toEqual({
      bars: 2,
      rects: 2,
    });
    expect(rects.filter((r) => r.fill === 'heap-colour')).toEqual([
      { fill: 'heap-colour', alpha: 1, x: 200, y: 3, w: 3, h: 12 },
      { fill: 'heap-colour', alpha: 1, x: 700, y: 3, w: 3, h: 12 },
    ]);
  });
});
