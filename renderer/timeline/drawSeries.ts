/**
 * Paints one lane's series behind its bars (drawTimeline.ts calls this before the bars): a capture lane's measure
 * as a step line over each capture's span, a GC lane's pauses as ticks (height ∝ pause) and its live heap as a line.
 * Values are first reduced to one per pixel column (the largest), so a frame costs the visible points plus the
 * lane's width however many captures there are; the points come from a binary search (seriesModel.visiblePoints).
 */
import { xAtTime, type TimeRange } from './timeRange';
import { visiblePoints, type LaneSeries } from './seriesModel';

export interface SeriesPalette {
  /** The series line and the scale label. */
  line: string;
  /** The GC lane's live-heap line. */
  heap: string;
}

/** Room above and below the line inside the lane, in CSS px. */
const PAD_PX = 1;

export interface SeriesDrawn {
  /** Points in view. */
  points: number;
  /** Pixel columns that got a value. */
  columns: number;
}

/** The largest value per pixel column over [x0, x1) of each point (NaN: none). */
function columnMax(widthPx: number): Float64Array {
  return new Float64Array(Math.max(0, Math.ceil(widthPx))).fill(NaN);
}

function put(columns: Float64Array, x0: number, x1: number, value: number): void {
  const from = Math.max(0, Math.floor(x0));
  const to = Math.min(columns.length, Math.max(from + 1, Math.ceil(x1)));
  for (let c = from; c < to; c++) {
    const old = columns[c] as number;
    if (!(old >= value)) columns[c] = value;
  }
}

/** A line through the columns with a value, broken where there is none (`join`: carried over gaps). */
function strokeColumns(
  ctx: CanvasRenderingContext2D,
  columns: Float64Array,
  yOf: (value: number) => number,
  step: boolean,
  join: boolean,
): number {
  let drawn = 0;
  let open = false;
  ctx.beginPath();
  for (let c = 0; c < columns.length; c++) {
    const value = columns[c] as number;
    if (Number.isNaN(value)) {
      if (!join) open = false;
      continue;
    }
    drawn++;
    const y = yOf(value);
    if (!open) ctx.moveTo(c, y);
    else ctx.lineTo(c, y);
    if (step) ctx.lineTo(c + 1, y);
    open = true;
  }
  ctx.stroke();
  return drawn;
}

export function drawLaneSeries(
  ctx: CanvasRenderingContext2D,
  lane: LaneSeries,
  range: TimeRange,
  widthPx: number,
  top: number,
  heightPx: number,
  palette: SeriesPalette,
): SeriesDrawn {
  const bottom = top + heightPx - PAD_PX;
  const usable = heightPx - 2 * PAD_PX;
  const { start, end } = visiblePoints(lane, range.fromMs, range.toMs);
  ctx.save();
  ctx.lineWidth = 1;
  let columnsDrawn = 0;
  if (lane.type === 'capture') {
    const columns = columnMax(widthPx);
    const { startMs, endMs, value } = lane.points;
    for (let i = start; i < end; i++) {
      put(
        columns,
        xAtTime(range, widthPx, startMs[i] as number),
        xAtTime(range, widthPx, endMs[i] as number),
        value[i] as number,
      );
    }
    const scale = lane.maxValue > 0 ? usable / lane.maxValue : 0;
    ctx.strokeStyle = palette.line;
    columnsDrawn = strokeColumns(ctx, columns, (v) => bottom - v * scale, true, false);
  } else {
    const pauses = columnMax(widthPx);
    const heap = columnMax(widthPx);
    const { atMs, pauseNs, liveHeapBytes } = lane.points;
    for (let i = start; i < end; i++) {
      const x = xAtTime(range, widthPx, atMs[i] as number);
      put(pauses, x, x + 1, pauseNs[i] as number);
      const live = liveHeapBytes[i] as number | null;
      if (live !== null) put(heap, x, x + 1, live);
    }
    // Pause ticks: one fillRect per column with a pause, its height the pause's share of the lane's longest.
    ctx.fillStyle = palette.line;
    const pauseScale = lane.maxPauseNs > 0 ? usable / lane.maxPauseNs : 0;
    for (let c = 0; c < pauses.length; c++) {
      const pause = pauses[c] as number;
      if (Number.isNaN(pause)) continue;
      columnsDrawn++;
      const h = Math.max(1, pause * pauseScale);
      ctx.fillRect(c, bottom - h, 1, h);
    }
    if (lane.maxLiveHeapBytes > 0) {
      const heapScale = usable / lane.maxLiveHeapBytes;
      ctx.strokeStyle = palette.heap;
      strokeColumns(ctx, heap, (v) => bottom - v * heapScale, false, true);
    }
  }
  ctx.restore();
  return { points: end - start, columns: columnsDrawn };
}

/** The scale's top at the lane's top-left, painted after the bars so that they never hide it. */
export function drawSeriesLabel(
  ctx: CanvasRenderingContext2D,
  lane: LaneSeries,
  top: number,
  palette: SeriesPalette,
): void {
  ctx.save();
  ctx.font = '9px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  ctx.fillStyle = palette.line;
  ctx.fillText(lane.maxLabel, 3, top + 1);
  ctx.restore();
}
