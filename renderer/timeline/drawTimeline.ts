/**
 * Paints the timeline: the wall-clock axis on its own canvas, and the lanes' bars on the other, in one pass over the
 * bars each lane's binary search finds visible. A bar narrower than three pixels still gets three (a tick), and bars that
 * touch on screen are painted as one run, so 10,000 captures cost at most about a lane's width in fillRects.
 */
import type { ItemKind } from '../../shared/ipc/contract';
import { clearCanvas, type CanvasTarget } from '../charts/canvasTarget';
import { clockTicks } from './clockTicks';
import { drawLaneSeries, drawSeriesLabel } from './drawSeries';
import type { LaneSeries } from './seriesModel';
import { visibleBars, type TimelineBarRef, type TimelineLane } from './timelineModel';
import { xAtTime, type TimeRange } from './timeRange';

export interface TimelinePalette {
  kinds: Record<ItemKind, string>;
  grid: string;
  text: string;
  laneStripe: string;
  hover: string;
}

/** Height of one lane in CSS px; the lane labels beside the canvas use the same. */
export const LANE_HEIGHT_PX = 18;
export const AXIS_HEIGHT_PX = 22;
const BAR_INSET_PX = 3;
/** A capture without a duration (a tick), or one shorter than this, is painted this wide: thinner does not show. */
const MIN_BAR_PX = 3;
/** Bars closer than this on screen are painted as one run: the gap would not show. */
const RUN_GAP_PX = 0.5;
/** Labels need about this much room each. */
const TICK_SPACING_PX = 150;
/** A lane with a series (drawSeries.ts) paints its spans translucent over it (the line shows through); ticks opaque. */
const SERIES_BAR_ALPHA = 0.45;

/** What a frame painted: bars in view, and the rectangles they took (touching bars share one). */
export interface LanesDrawn {
  bars: number;
  rects: number;
}

export function drawAxis(target: CanvasTarget, range: TimeRange, palette: TimelinePalette): void {
  clearCanvas(target);
  const { ctx, widthPx, heightPx } = target;
  ctx.fillStyle = palette.grid;
  ctx.fillRect(0, heightPx - 1, widthPx, 1);
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = palette.text;
  for (const tick of clockTicks(range.fromMs, range.toMs, Math.max(1, Math.floor(widthPx / TICK_SPACING_PX)))) {
    const x = Math.round(xAtTime(range, widthPx, tick.ms));
    ctx.fillRect(x, heightPx - 5, 1, 4);
    ctx.fillText(tick.label, x + 3, heightPx / 2 - 2);
  }
}

export function drawLanes(
  target: CanvasTarget,
  lanes: readonly TimelineLane[],
  range: TimeRange,
  palette: TimelinePalette,
  hovered: TimelineBarRef | null,
  series?: ReadonlyMap<string, LaneSeries>,
): LanesDrawn {
  clearCanvas(target);
  const { ctx, widthPx } = target;
  ctx.fillStyle = palette.laneStripe;
  for (let index = 1; index < lanes.length; index += 2)
    ctx.fillRect(0, index * LANE_HEIGHT_PX, widthPx, LANE_HEIGHT_PX);
  // Gridlines at the axis's ticks tie each bar to a time.
  ctx.fillStyle = palette.grid;
  for (const tick of clockTicks(range.fromMs, range.toMs, Math.max(1, Math.floor(widthPx / TICK_SPACING_PX)))) {
    ctx.fillRect(Math.round(xAtTime(range, widthPx, tick.ms)), 0, 1, target.heightPx);
  }
  const drawn: LanesDrawn = { bars: 0, rects: 0 };
  const barHeight = LANE_HEIGHT_PX - 2 * BAR_INSET_PX;
  lanes.forEach((lane, index) => {
    const top = index * LANE_HEIGHT_PX + BAR_INSET_PX;
    const laneSeries = series?.get(lane.key);
    const seriesPalette = { line: palette.text, heap: palette.kinds.heap ?? palette.text };
    const { start, end } = visibleBars(lane, range.fromMs, range.toMs);
    const fill = (x: number, w: number): void => ctx.fillRect(x, top, w, barHeight);
    const paint = (which: BarShape): void => paintRuns(lane, start, end, which, fill, { range, widthPx, drawn });
    const colour = palette.kinds[lane.kind] ?? palette.text;
    ctx.fillStyle = colour;
    if (!laneSeries) {
      paint('any');
      return;
    }
    // Translucent, a thin tick vanishes (under a brush above all): ticks are opaque, painted under the series so
    // the line still shows over a dense run of them. Spans go over the series translucent: the line shows through.
    paint('tick');
    drawLaneSeries(ctx, laneSeries, range, widthPx, index * LANE_HEIGHT_PX, LANE_HEIGHT_PX, seriesPalette);
    ctx.fillStyle = colour;
    ctx.globalAlpha = SERIES_BAR_ALPHA;
    paint('span');
    ctx.globalAlpha = 1;
    drawSeriesLabel(ctx, laneSeries, index * LANE_HEIGHT_PX, seriesPalette);
  });
  const hoveredLane = hovered ? lanes[hovered.laneIndex] : undefined;
  if (hovered && hoveredLane && hovered.index < hoveredLane.ids.length) {
    const x0 = xAtTime(range, widthPx, hoveredLane.startMs[hovered.index] as number);
    const x1 = Math.max(xAtTime(range, widthPx, hoveredLane.endMs[hovered.index] as number), x0 + MIN_BAR_PX);
    ctx.strokeStyle = palette.hover;
    ctx.lineWidth = 1.5;
    ctx.strokeRect(x0 - 1, hovered.laneIndex * LANE_HEIGHT_PX + 1.5, x1 - x0 + 2, LANE_HEIGHT_PX - 3);
  }
  return drawn;
}

/** Which bars a pass paints: those with a duration, those without (ticks), or all. */
type BarShape = 'span' | 'tick' | 'any';

/**
 * Paints the lane's bars start..end of one shape; bars that touch or overlap on screen merge into one run: one
 * fillRect per run, not per bar. Counts into `at.drawn`.
 */
function paintRuns(
  lane: TimelineLane,
  start: number,
  end: number,
  which: BarShape,
  fill: (x: number, w: number) => void,
  at: { range: TimeRange; widthPx: number; drawn: LanesDrawn },
): void {
  const { range, widthPx, drawn } = at;
  const { startMs, endMs } = lane;
  let runFrom = 0;
  let runTo = -Infinity;
  for (let i = start; i < end; i++) {
    const barStart = startMs[i] as number;
    const barEnd = endMs[i] as number;
    if (which !== 'any' && barEnd > barStart !== (which === 'span')) continue;
    const rawX0 = xAtTime(range, widthPx, barStart);
    const x1 = Math.min(widthPx + 1, Math.max(xAtTime(range, widthPx, barEnd), rawX0 + MIN_BAR_PX));
    if (x1 < 0) continue;
    // Clamped, so a bar far off either side never asks the canvas for a huge rectangle.
    const x0 = Math.max(-1, rawX0);
    drawn.bars++;
    if (x0 <= runTo + RUN_GAP_PX) {
      runTo = Math.max(runTo, x1);
      continue;
    }
    if (runTo > -Infinity) {
      fill(runFrom, runTo - runFrom);
      drawn.rects++;
    }
    runFrom = x0;
    runTo = x1;
  }
  if (runTo > -Infinity) {
    fill(runFrom, runTo - runFrom);
    drawn.rects++;
  }
}
