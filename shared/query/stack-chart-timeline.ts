/**
 * The time-ordered side of a profile, ready for the stack chart: every sample
 * placed on a call-path tree of the (filtered) stacks, with when it starts and
 * ends. Built once per profile and filter list; `stackChartBoxes`
 * (stack-chart.ts) then sweeps it for any time range and zoom level.
 *
 * - A sample lasts from its time until the next sample's time, as Chrome
 *   DevTools' and the Firefox Profiler's stack charts draw it; the last sample
 *   gets the median interval between samples (robust against a pause before
 *   the last sample, unlike the mean).
 * - Stacks merge by function (not by line), as the flame graph does: the tree
 *   has one node per distinct function sequence from the root.
 * - Filters are the call-tree transforms of filters.ts (focus, hide, drop,
 *   collapse recursion), applied to each sample's stack; a sample whose stack
 *   a filter drops or empties has no node (0) and leaves a gap in the chart.
 */
import type { StackFilter } from './filters';
import { applyFiltersMapped } from './filters';
import { DROPPED } from './stack-transforms';
import { pairHash, ROOT_NODE, type WeightedStacks } from './weighted-stacks';

/** Filters that mean something in a time-ordered view; the rest (invert, store-level filters) do not apply. */
export type TimelineFilter = Extract<StackFilter, { kind: 'focus' | 'hide' | 'drop' | 'collapseRecursion' }>;

const TIMELINE_FILTER_KINDS: readonly string[] = ['focus', 'hide', 'drop', 'collapseRecursion'];

export function isTimelineFilter(filter: StackFilter): filter is TimelineFilter {
  return TIMELINE_FILTER_KINDS.includes(filter.kind);
}

export interface TimedSamples {
  /** Each sample's stack: a node of the stacks' forest, or -1 (ROOT_NODE) for an empty stack. */
  stack: Int32Array;
  /** Each sample's time in nanoseconds (any order; equal times keep their order). */
  timeNs: Float64Array;
}

export interface Timeline {
  functionNames: string[];
  functionFiles: string[];
  functionLines: number[];
  /** Call-path tree: node 0 is a root without a function; every other node's parent is smaller than itself. */
  nodeParent: Int32Array;
  nodeFunc: Int32Array;
  /** 0 for the root, 1 for an outermost frame (chart row 0), and so on. */
  nodeDepth: Int32Array;
  /** Samples in time order: each one's node (0: dropped or emptied by a filter), start and end. */
  sampleNode: Int32Array;
  sampleStart: Float64Array;
  sampleEnd: Float64Array;
  /** Rows of the deepest kept sample. */
  maxDepth: number;
}

/**
 * @param stacks the forest whose nodes `samples.stack` names; its values are ignored.
 */
export function buildTimeline(
  samples: TimedSamples,
  stacks: WeightedStacks,
  filters: readonly TimelineFilter[] = [],
): Timeline {
  const count = samples.stack.length;
  if (samples.timeNs.length !== count) throw new RangeError('samples need one time each');
  const stackCount = stacks.parent.length;
  const order = timeOrder(samples.timeNs);

  const tree = new CallPathTree();
  const nodeOfStack = nodesOfFilteredStacks(stacks, filters, tree);

  const sampleNode = new Int32Array(count);
  const sampleStart = new Float64Array(count);
  let maxDepth = 0;
  for (let k = 0; k < count; k++) {
    const i = order === null ? k : (order[k] as number);
    const stack = samples.stack[i] as number;
    if (!(stack >= ROOT_NODE && stack < stackCount))
      throw new RangeError(`sample ${i} refers to stack ${stack}, which does not exist`);
    const node = stack === ROOT_NODE ? 0 : (nodeOfStack[stack] as number);
    sampleNode[k] = node;
    sampleStart[k] = samples.timeNs[i] as number;
    maxDepth = Math.max(maxDepth, tree.depth[node] as number);
  }
  const sampleEnd = new Float64Array(count);
  for (let k = 0; k + 1 < count; k++) sampleEnd[k] = sampleStart[k + 1] as number;
  if (count > 0) sampleEnd[count - 1] = (sampleStart[count - 1] as number) + medianInterval(sampleStart);

  const nodes = tree.count;
  return {
    functionNames: stacks.functionNames,
    functionFiles: stacks.functionFiles,
    functionLines: stacks.functionLines,
    nodeParent: tree.parent.slice(0, nodes),
    nodeFunc: tree.func.slice(0, nodes),
    nodeDepth: tree.depth.slice(0, nodes),
    sampleNode,
    sampleStart,
    sampleEnd,
    maxDepth,
  };
}

/** Sample indices in time order (stable), or null when they already are. */
function timeOrder(timeNs: Float64Array): Int32Array | null {
  let sorted = true;
  for (let i = 0; i < timeNs.length; i++) {
    if (!Number.isFinite(timeNs[i] as number)) throw new RangeError(`sample ${i} has no finite time`);
    if (i > 0 && (timeNs[i] as number) < (timeNs[i - 1] as number)) sorted = false;
  }
  if (sorted) return null;
  // TypedArray sort is not guaranteed stable: break ties by index.
  return Int32Array.from(timeNs.keys()).sort((a, b) => (timeNs[a] as number) - (timeNs[b] as number) || a - b);
}

/** Median of the intervals between consecutive (sorted) times; 0 with fewer than two. */
export function medianInterval(sortedTimes: Float64Array): number {
  const n = sortedTimes.length - 1;
  if (n < 1) return 0;
  const gaps = new Float64Array(n);
  for (let i = 0; i < n; i++) gaps[i] = (sortedTimes[i + 1] as number) - (sortedTimes[i] as number);
  gaps.sort();
  const mid = n >> 1;
  return n % 2 === 1 ? (gaps[mid] as number) : ((gaps[mid - 1] as number) + (gaps[mid] as number)) / 2;
}

/**
 * The tree node of each input node's stack after the filters (0, the root, when dropped or emptied):
 * the filtered forest's nodes merged by function, parents first.
 */
function nodesOfFilteredStacks(
  stacks: WeightedStacks,
  filters: readonly TimelineFilter[],
  tree: CallPathTree,
): Int32Array {
  const { stacks: filtered, nodeOf } = applyFiltersMapped(stacks, filters);
  const treeNode = new Int32Array(filtered.parent.length);
  filtered.parent.forEach((p, n) => {
    treeNode[n] = tree.child(p < 0 ? 0 : (treeNode[p] as number), filtered.func[n] as number);
  });
  return nodeOf.map((n) => (n === DROPPED || n === ROOT_NODE ? 0 : (treeNode[n] as number)));
}

/**
 * Interns (parent node, function) pairs into a growing tree, with an
 * open-addressing hash table of node ids in a typed array: millions of
 * lookups for deep profiles, cheaper than a Map's.
 */
class CallPathTree {
  parent: Int32Array = new Int32Array(1024).fill(-1);
  func: Int32Array = new Int32Array(1024).fill(-1);
  depth: Int32Array = new Int32Array(1024);
  count = 1;
  /** node + 1 per slot, 0 for an empty one; kept under 70% full. */
  private slots = new Int32Array(2048);

  child(parent: number, func: number): number {
    const mask = this.slots.length - 1;
    let slot = pairHash(parent, func) & mask;
    for (let entry = this.slots[slot] as number; entry !== 0; entry = this.slots[slot] as number) {
      const node = entry - 1;
      if (this.parent[node] === parent && this.func[node] === func) return node;
      slot = (slot + 1) & mask;
    }
    if (this.count === this.parent.length) this.grow();
    const node = this.count++;
    this.parent[node] = parent;
    this.func[node] = func;
    this.depth[node] = (this.depth[parent] as number) + 1;
    this.slots[slot] = node + 1;
    if (this.count * 10 > this.slots.length * 7) this.rehash();
    return node;
  }

  private grow(): void {
    const size = this.parent.length * 2;
    const grown = (old: Int32Array): Int32Array => {
      const next = new Int32Array(size);
      next.set(old);
      return next;
    };
    this.parent = grown(this.parent);
    this.func = grown(this.func);
    this.depth = grown(this.depth);
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let node = 1; node < this.count; node++) {
      let slot = pairHash(this.parent[node] as number, this.func[node] as number) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = node + 1;
    }
    this.slots = slots;
  }
}
