/**
 * Where each row's boxes are in a StackChart (ordered by depth, then start),
 * and which box of a row is at a time: drawing and hit testing look at one row
 * at a time and binary-search it, since a row's boxes never overlap.
 */
import type { StackChart } from '../../../shared/ipc/contract';

export interface StackChartRows {
  chart: StackChart;
  /** Boxes of row d are [rowStart[d], rowStart[d + 1]). */
  rowStart: Int32Array;
  rowCount: number;
}

export function indexRows(chart: StackChart): StackChartRows {
  const rowCount = chart.maxDepth;
  const rowStart = new Int32Array(rowCount + 1);
  let box = 0;
  for (let d = 0; d < rowCount; d++) {
    rowStart[d] = box;
    while (box < chart.depth.length && (chart.depth[box] as number) === d) box++;
  }
  rowStart[rowCount] = box;
  return { chart, rowStart, rowCount };
}

/** First box of `row` whose end is after `timeNs` (the row's end when none is). */
export function firstBoxEndingAfter(rows: StackChartRows, row: number, timeNs: number): number {
  let lo = rows.rowStart[row] as number;
  let hi = rows.rowStart[row + 1] as number;
  const end = rows.chart.end;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((end[mid] as number) > timeNs) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The box of `row` under `timeNs`, or -1. Within `toleranceNs` (half a pixel)
 * a box still counts, so boxes narrower than a pixel can be pointed at.
 */
export function boxAt(rows: StackChartRows, row: number, timeNs: number, toleranceNs = 0): number {
  if (row < 0 || row >= rows.rowCount) return -1;
  const { start, end } = rows.chart;
  const first = firstBoxEndingAfter(rows, row, timeNs - toleranceNs);
  let best = -1;
  let bestDistance = Infinity;
  for (let box = first; box < (rows.rowStart[row + 1] as number); box++) {
    const from = start[box] as number;
    if (from > timeNs + toleranceNs) break;
    const to = end[box] as number;
    // -1 inside [from, to): a box under the point wins over one ending exactly at it.
    const distance = timeNs < from ? from - timeNs : timeNs >= to ? timeNs - to : -1;
    if (distance < bestDistance) {
      best = box;
      bestDistance = distance;
    }
    if (distance < 0) break;
  }
  return best;
}
