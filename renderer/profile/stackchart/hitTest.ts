/** Which stack chart box is under a canvas point (CSS pixels from its top-left corner). */
import { ROW_HEIGHT } from '../flame/view';
import { boxAt, type StackChartRows } from './rows';
import { AXIS_HEIGHT, timeAt, type TimeRange } from './view';

/** Returns the box index, or -1 over the axis, an empty spot or outside the canvas. */
export function hitTestStackChart(
  rows: StackChartRows,
  range: TimeRange,
  widthPx: number,
  xPx: number,
  yPx: number,
): number {
  if (widthPx <= 0 || xPx < 0 || xPx >= widthPx || yPx < AXIS_HEIGHT) return -1;
  const row = Math.floor((yPx - AXIS_HEIGHT) / ROW_HEIGHT);
  const halfPixelNs = (range.endNs - range.startNs) / widthPx / 2;
  return boxAt(rows, row, timeAt(range, widthPx, xPx), halfPixelNs);
}

/** The top of a row on the canvas. */
export function rowTop(row: number): number {
  return AXIS_HEIGHT + row * ROW_HEIGHT;
}
