/**
 * The stack chart's boxes (x = time, y = depth), as Chrome DevTools' and the
 * Firefox Profiler's stack charts draw them: at each depth, one box per run of
 * consecutive samples whose stacks have the same functions down to that depth
 * (same function, same callers). A sample whose stack was dropped by a filter
 * ends every open box, so it leaves a gap.
 *
 * One sweep over the samples in time order (stack-chart-sweep.ts), from the
 * last checkpoint before the range to the point where every box open at its
 * end has closed.
 *
 * Level of detail (stack-chart-rows.ts): only boxes overlapping the requested
 * range are returned, and consecutive boxes of a row shorter than
 * `minDurationNs` (the range's nanoseconds per pixel), with gaps between them
 * shorter than that too, merge into one grey "(N short)" box. A row then holds
 * at most about three boxes per pixel, whatever the sample count; `maxBoxes`
 * caps the total by leaving out the deepest rows (a row is never shown without
 * the rows above it).
 */
import type { StackChart } from '../ipc/contract';
import type { StackFilter } from './filters';
import { StackChartRowsBuilder } from './stack-chart-rows';
import { movePath, sweepStart, type CloseBox } from './stack-chart-sweep';
import { isTimelineFilter, type Timeline, type TimelineFilter } from './stack-chart-timeline';

export interface StackChartOptions {
  /** Range of the boxes to return; defaults to the samples' whole span. */
  startNs?: number;
  endNs?: number;
  /** Boxes shorter than this merge with short neighbours; 0 keeps every box. */
  minDurationNs: number;
  /** Upper bound on the boxes returned. */
  maxBoxes: number;
}

/** The chart of a profile whose samples carry no times. */
export function emptyStackChart(): StackChart {
  return {
    hasTimes: false,
    functionNames: [],
    functionFiles: [],
    functionLines: [],
    depth: [],
    start: [],
    end: [],
    func: [],
    shortCount: [],
    timeStartNs: 0,
    timeEndNs: 0,
    sampleCount: 0,
    rangeStartNs: 0,
    rangeEndNs: 0,
    minDurationNs: 0,
    maxDepth: 0,
    truncated: false,
    ignoredFilters: [],
  };
}

/** The filters a stack chart applies, and the kinds of the others (invert, store-level filters), to tell the user. */
export function timelineFilters(filters: readonly StackFilter[]): { applied: TimelineFilter[]; ignored: string[] } {
  const applied: TimelineFilter[] = [];
  const ignored: string[] = [];
  for (const filter of filters) {
    if (isTimelineFilter(filter)) applied.push(filter);
    else if (!ignored.includes(filter.kind)) ignored.push(filter.kind);
  }
  return { applied, ignored };
}

/** What a box shows: its function's name, or "(N short)" for merged boxes. */
export function stackChartBoxName(chart: StackChart, box: number): string {
  const func = chart.func[box] ?? -1;
  return func >= 0 ? (chart.functionNames[func] ?? '') : `(${chart.shortCount[box] ?? 0} short)`;
}

export function stackChartBoxes(timeline: Timeline, options: StackChartOptions): StackChart {
  const { sampleNode, sampleStart, sampleEnd, nodeDepth, nodeFunc } = timeline;
  const count = sampleNode.length;
  const timeStartNs = count > 0 ? (sampleStart[0] as number) : 0;
  const timeEndNs = count > 0 ? (sampleEnd[count - 1] as number) : 0;
  const rangeStartNs = options.startNs ?? timeStartNs;
  const rangeEndNs = options.endNs ?? timeEndNs;
  const rows = new StackChartRowsBuilder(timeline.maxDepth, options.minDurationNs, options.maxBoxes);
  const close: CloseBox = (node, start, end) => {
    if (end > start && end > rangeStartNs && start < rangeEndNs)
      rows.add((nodeDepth[node] as number) - 1, start, end, nodeFunc[node] as number);
  };

  const openedAt = new Float64Array(timeline.maxDepth + 1);
  const { sample: first, node: openNode } = sweepStart(timeline, rangeStartNs, openedAt);
  let current = openNode;
  // Once past the range, only boxes opened before its end still matter: the depth they reach.
  let openFromBeforeEnd = -1;
  for (let i = first; i < count && openFromBeforeEnd !== 0; i++) {
    const node = sampleNode[i] as number;
    if (node === current) continue;
    const time = sampleStart[i] as number;
    if (time >= rangeEndNs && openFromBeforeEnd < 0) openFromBeforeEnd = nodeDepth[current] as number;
    const ancestor = movePath(timeline, openedAt, current, node, time, close);
    if (openFromBeforeEnd > 0) openFromBeforeEnd = Math.min(openFromBeforeEnd, nodeDepth[ancestor] as number);
    current = node;
  }
  if (openFromBeforeEnd !== 0) movePath(timeline, openedAt, current, 0, timeEndNs, close);

  return {
    hasTimes: true,
    functionNames: timeline.functionNames,
    functionFiles: timeline.functionFiles,
    functionLines: timeline.functionLines,
    ...rows.finish(),
    timeStartNs,
    timeEndNs,
    sampleCount: count,
    rangeStartNs,
    rangeEndNs,
    minDurationNs: options.minDurationNs,
    maxDepth: timeline.maxDepth,
    ignoredFilters: [],
  };
}
