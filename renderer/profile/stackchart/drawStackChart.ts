/**
 * Paints the stack chart: a time axis, then each row's boxes that overlap the
 * visible range. Names go through fillText only: profile strings never reach
 * an HTML parser.
 */
import { stackChartBoxName } from '../../../shared/query/stack-chart';
import { FRAME_FONT } from '../flame/drawFlame';
import { truncateToWidth } from '../flame/truncateText';
import { ROW_HEIGHT } from '../flame/view';
import { niceStep } from '../../charts/axisTicks';
import { rowTop } from './hitTest';
import { firstBoxEndingAfter, type StackChartRows } from './rows';
import { formatTime } from '../../charts/timeFormat';
import { AXIS_HEIGHT, xOf, type TimeRange } from './view';
import { clearCanvas, type CanvasTarget } from '../../charts/canvasTarget';

/** Labels are only attempted on boxes at least this wide (CSS px). */
const MIN_LABEL_WIDTH_PX = 24;
const LABEL_PADDING_PX = 4;
/** About one axis label per this many pixels. */
const TICK_SPACING_PX = 110;

export interface StackChartPalette {
  /** Colour of each function, indexed like the chart's functionNames. */
  functionColors: string[];
  text: string;
  /** Fill of "(N short)" boxes. */
  short: string;
  axisText: string;
  axisLine: string;
  /** Outline of the box under the pointer. */
  highlight: string;
}

export function drawStackChart(
  target: CanvasTarget,
  rows: StackChartRows,
  range: TimeRange,
  visibleRows: number,
  palette: StackChartPalette,
  hoverBox: number,
): void {
  const { ctx, widthPx } = target;
  clearCanvas(target);
  ctx.font = FRAME_FONT;
  ctx.textBaseline = 'middle';
  drawAxis(ctx, rows, range, widthPx, palette);

  const { chart } = rows;
  const measure = (s: string): number => ctx.measureText(s).width;
  const boxHeight = ROW_HEIGHT - 1;
  for (let row = 0; row < Math.min(rows.rowCount, visibleRows); row++) {
    const top = rowTop(row);
    const rowEnd = rows.rowStart[row + 1] as number;
    // Boxes narrower than a pixel would be painted over each other: paint each pixel column once.
    let paintedTo = -Infinity;
    for (let box = firstBoxEndingAfter(rows, row, range.startNs); box < rowEnd; box++) {
      const start = chart.start[box] as number;
      if (start >= range.endNs) break;
      const left = Math.max(0, xOf(range, widthPx, start));
      const right = Math.min(widthPx, xOf(range, widthPx, chart.end[box] as number));
      if (right <= paintedTo) continue;
      const width = right - left;
      const func = chart.func[box] as number;
      ctx.fillStyle = func >= 0 ? (palette.functionColors[func] ?? palette.short) : palette.short;
      // A 1 px gap separates neighbours once boxes are wide enough to spare it.
      ctx.fillRect(left, top, width >= 3 ? width - 1 : Math.max(width, 1), boxHeight);
      paintedTo = Math.max(left + 1, right);
      if (width < MIN_LABEL_WIDTH_PX) continue;
      const label = truncateToWidth(stackChartBoxName(chart, box), width - 2 * LABEL_PADDING_PX, measure);
      if (label === '') continue;
      ctx.fillStyle = palette.text;
      ctx.fillText(label, left + LABEL_PADDING_PX, top + boxHeight / 2);
    }
  }

  if (hoverBox >= 0 && hoverBox < chart.depth.length) {
    const row = chart.depth[hoverBox] as number;
    const left = Math.max(0, xOf(range, widthPx, chart.start[hoverBox] as number));
    const right = Math.min(widthPx, xOf(range, widthPx, chart.end[hoverBox] as number));
    ctx.strokeStyle = palette.highlight;
    ctx.lineWidth = 1;
    ctx.strokeRect(left + 0.5, rowTop(row) + 0.5, Math.max(1, right - left - 1), boxHeight - 1);
  }
}

/** Tick labels at round times since the first sample, and a line under them. */
function drawAxis(
  ctx: CanvasRenderingContext2D,
  rows: StackChartRows,
  range: TimeRange,
  widthPx: number,
  palette: StackChartPalette,
): void {
  const span = range.endNs - range.startNs;
  ctx.fillStyle = palette.axisLine;
  ctx.fillRect(0, AXIS_HEIGHT - 1, widthPx, 1);
  if (!(span > 0) || widthPx <= 0) return;
  const origin = rows.chart.timeStartNs;
  const step = niceStep(span / Math.max(1, widthPx / TICK_SPACING_PX));
  const first = Math.ceil((range.startNs - origin) / step) * step;
  for (let t = first; origin + t <= range.endNs; t += step) {
    const x = Math.round(xOf(range, widthPx, origin + t));
    ctx.fillStyle = palette.axisLine;
    ctx.fillRect(x, AXIS_HEIGHT - 5, 1, 4);
    ctx.fillStyle = palette.axisText;
    ctx.fillText(formatTime(t, step), x + 3, AXIS_HEIGHT / 2 - 1);
  }
}
