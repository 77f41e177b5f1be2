import { describe, expect, it } from 'vitest';
import { laneItem, NAMED_PALETTE, timelineOf } from '../../test/fixtures/timeline-canvas';
import type { CanvasTarget } from '../charts/canvasTarget';
import { drawLanes, LANE_HEIGHT_PX } from './drawTimeline';
import { buildTimeline } from './timelineModel';

/** A 2D context that records the rectangles filled, with the colour they were filled in. */
function recordingTarget(widthPx: number, heightPx: number) {
  const rects: { fill: string; x: number; y: number; w: number; h: number }[] = [];
  const ctx = {
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    setTransform: () => undefined,
    clearRect: () => undefined,
    strokeRect: () => undefined,
    fillRect(x: number, y: number, w: number, h: number) {
      rects.push({ fill: String(this.fillStyle), x, y, w, h });
    },
  };
  const target = { ctx: ctx as unknown as CanvasRenderingContext2D, widthPx, heightPx, devicePixelRatio: 1 };
  return { target: target satisfies CanvasTarget, rects };
}

const palette = NAMED_PALETTE;
const item = laneItem;

describe('drawLanes', () => {
  it('paints a bar over its span in its lane and kind colour, a tick three pixels wide', () => {
    const model = buildTimeline(timelineOf([item(1, 'cpu', 1000, 500e6), item(2, 'heap', 1800, null)]));
    const { target, rects } = recordingTarget(1000, 2 * LANE_HEIGHT_PX);
    expect(drawLanes(target, model.lanes, { fromMs: 1000, toMs: 2000 }, palette, null)).toEqual({ bars: 2, rects: 2 });
    const bars = rects.filter((r) => r.fill.endsWith('-colour'));
    expect(bars).toEqual([
      { fill: 'cpu-colour', x: 0, y: 3, w: 500, h: 12 },
      { fill: 'heap-colour', x: 800, y: LANE_HEIGHT_PX + 3, w: 3, h: 12 },
    ]);
  });

  it('paints 10,000 captures that touch on screen in a handful of rectangles, and only those in view', () => {
    // One-second captures a minute apart for a week: at 1,000 px, 10 to a pixel.
    const items = Array.from({ length: 10_000 }, (_, i) => item(i + 1, 'cpu', i * 60_000, 1e9));
    const model = buildTimeline(timelineOf(items));
    const { target, rects } = recordingTarget(1000, LANE_HEIGHT_PX);
    const all = drawLanes(target, model.lanes, { fromMs: 0, toMs: 10_000 * 60_000 }, palette, null);
    expect(all.bars).toBe(10_000);
    expect(all.rects).toBe(1);
    expect(rects.filter((r) => r.fill === 'cpu-colour')).toEqual([{ fill: 'cpu-colour', x: 0, y: 3, w: 1001, h: 12 }]);

    // Zoomed to ten minutes: the captures are apart again, each its own bar.
    const zoomed = drawLanes(target, model.lanes, { fromMs: 60_000 * 100, toMs: 60_000 * 110 }, palette, null);
    expect(zoomed).toEqual({ bars: 11, rects: 11 });
  });
});
