/**
 * The stack chart's sweep over a timeline: moving from one sample's call path
 * to the next closes the boxes below their common ancestor and opens the new
 * ones, so the work is the number of boxes, not samples × depth.
 *
 * A zoomed-in range late in a long profile should not cost a sweep from the
 * first sample, yet the boxes open when it starts need their real start times.
 * So the sweep's state (the open path and when each of its boxes opened) is
 * recorded every CHECKPOINT_EVERY samples, once per timeline, and a sweep
 * starts from the last checkpoint before its range.
 */
import type { Timeline } from './stack-chart-timeline';

export const CHECKPOINT_EVERY = 1024;

/** Called for each closed box: its node, when it opened, when it closed. */
export type CloseBox = (node: number, openedAtNs: number, closedAtNs: number) => void;

/**
 * Moves from call path `from` to `to` at `time`: closes `from`'s nodes below
 * the common ancestor (deepest first), records when `to`'s new nodes opened in
 * `openedAt` (indexed by depth), and returns the common ancestor.
 */
export function movePath(
  timeline: Timeline,
  openedAt: Float64Array,
  from: number,
  to: number,
  time: number,
  close: CloseBox | null,
): number {
  const { nodeParent, nodeDepth } = timeline;
  let a = from;
  let b = to;
  while ((nodeDepth[a] as number) > (nodeDepth[b] as number)) {
    if (close) close(a, openedAt[nodeDepth[a] as number] as number, time);
    a = nodeParent[a] as number;
  }
  while ((nodeDepth[b] as number) > (nodeDepth[a] as number)) b = nodeParent[b] as number;
  while (a !== b) {
    if (close) close(a, openedAt[nodeDepth[a] as number] as number, time);
    a = nodeParent[a] as number;
    b = nodeParent[b] as number;
  }
  for (let n = to; n !== a; n = nodeParent[n] as number) openedAt[nodeDepth[n] as number] = time;
  return a;
}

interface Checkpoints {
  /** Node open before sample k × CHECKPOINT_EVERY is processed. */
  node: Int32Array;
  /** When each box of that node's path opened, depth 1 first: openedAt[offset[k] .. offset[k + 1]). */
  offset: Int32Array;
  openedAt: Float64Array;
}

const checkpointCache = new WeakMap<Timeline, Checkpoints>();

function checkpointsOf(timeline: Timeline): Checkpoints {
  const known = checkpointCache.get(timeline);
  if (known) return known;
  const { sampleNode, sampleStart, nodeDepth } = timeline;
  const count = Math.ceil(sampleNode.length / CHECKPOINT_EVERY);
  const node = new Int32Array(count);
  const offset = new Int32Array(count + 1);
  const saved: number[] = [];
  const openedAt = new Float64Array(timeline.maxDepth + 1);
  let current = 0;
  for (let i = 0; i < sampleNode.length; i++) {
    if (i % CHECKPOINT_EVERY === 0) {
      const k = i / CHECKPOINT_EVERY;
      node[k] = current;
      for (let d = 1; d <= (nodeDepth[current] as number); d++) saved.push(openedAt[d] as number);
      offset[k + 1] = saved.length;
    }
    const next = sampleNode[i] as number;
    if (next !== current) movePath(timeline, openedAt, current, next, sampleStart[i] as number, null);
    current = next;
  }
  const checkpoints = { node, offset, openedAt: Float64Array.from(saved) };
  checkpointCache.set(timeline, checkpoints);
  return checkpoints;
}

/**
 * Where a sweep for boxes ending after `timeNs` can start: the sample index
 * and the node open before it, with `openedAt` filled in for that node's path.
 * Boxes closed before that sample end at or before `timeNs`.
 */
export function sweepStart(
  timeline: Timeline,
  timeNs: number,
  openedAt: Float64Array,
): { sample: number; node: number } {
  const { sampleStart } = timeline;
  if (sampleStart.length <= CHECKPOINT_EVERY || !((sampleStart[CHECKPOINT_EVERY] as number) <= timeNs)) {
    return { sample: 0, node: 0 };
  }
  const checkpoints = checkpointsOf(timeline);
  // The last checkpoint whose sample starts at or before timeNs.
  let lo = 1;
  let hi = checkpoints.node.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((sampleStart[mid * CHECKPOINT_EVERY] as number) <= timeNs) lo = mid;
    else hi = mid - 1;
  }
  const from = checkpoints.offset[lo] as number;
  const to = checkpoints.offset[lo + 1] as number;
  for (let j = from; j < to; j++) openedAt[j - from + 1] = checkpoints.openedAt[j] as number;
  return { sample: lo * CHECKPOINT_EVERY, node: checkpoints.node[lo] as number };
}
