/**
 * Merges stacks by function into the call tree every flame view draws: two
 * stacks whose frames belong to the same functions (different lines, inlined
 * or not) share nodes, as pprof's and speedscope's flame graphs do.
 *
 * Output is depth-first pre-order with children sorted by function name, so the
 * same profile always lays out the same way and a subtree is a contiguous range.
 * Built by one depth-first walk (an explicit stack, no recursion) over groups
 * of input nodes: a group is every node whose stack has the same function
 * sequence; its children are its members' children, sorted by name rank and
 * split where the function changes. Each input node is gathered once, so the
 * walk is linear in the forest (plus the sorts of sibling lists), with no hash map.
 *
 * Profiles of deep, varied recursion reach millions of distinct paths, most of
 * them far too small to ever be drawn. With `minFraction`, children whose total
 * is below that share of the root are merged into one "(smaller frames)" node
 * per parent: totals stay exact, only detail below the threshold is folded, and
 * the walk never enters a folded group (a group's total is its members' subtree sums).
 */
import type { FlameTree } from '../ipc/contract';
import type { ValueType } from '../profile/model';
import { childLists, type WeightedStacks } from './weighted-stacks';

const ROOT_FUNCTION = -1;
export const SMALLER_FRAMES_NAME = '(smaller frames)';

export interface CallTreeOptions {
  /** Fold children whose total is below this share of the root total (0 keeps everything). */
  minFraction?: number;
}

/** Below this many siblings an insertion sort beats a typed-array sort with a comparator. */
const INSERTION_SORT_MAX = 12;

/** A frame of pending work that closes a node with its "(smaller frames)" sliver. */
const CLOSE = -1;

export function buildCallTree(input: WeightedStacks, sampleType: ValueType, options: CallTreeOptions = {}): FlameTree {
  const { parent, func, value } = input;
  const count = parent.length;
  // Subtree sums, and which nodes lead to a sample (children come after parents: one reverse loop).
  const subtree = value.slice();
  const live = new Uint8Array(count);
  for (let i = count - 1; i >= 0; i--) {
    if (value[i] !== 0) live[i] = 1;
    const p = parent[i] as number;
    if (p < 0) continue;
    subtree[p] = (subtree[p] as number) + (subtree[i] as number);
    if (live[i] === 1) live[p] = 1;
  }
  const { start: childStart, list: childList } = childLists(parent, live);
  let rootTotal = input.rootValue;
  for (let k = childStart[count] as number; k < (childStart[count + 1] as number); k++)
    rootTotal += subtree[childList[k] as number] as number;
  const threshold = (options.minFraction ?? 0) * rootTotal;
  const fold = threshold > 0;
  const smallerFunc = input.functionNames.length;
  const rank = rankByName(input.functionNames);
  const out = new OutputTree();
  out.emit(ROOT_FUNCTION, -1, 0, input.rootValue, rootTotal);

  // Every live node is gathered once, as a member of its group: `members` holds them group after group.
  const members = new Int32Array(childList.length);
  let top = 0;
  const groups = new SiblingGroups();
  // Pending work, six numbers a frame: a group (start, end, output parent, depth, self, total), or the
  // sliver closing a node (CLOSE, 0, output node, its depth + 1, value, value), pushed before the node's
  // children so that it pops after their subtrees.
  const work: number[] = [];
  let from = -1;
  let to = 0;
  let at = 0; // the output node whose children are gathered
  let depth = 0; // its depth
  for (;;) {
    // A chain (one member with one live child): its child is the next node, emitted at once. Deep stacks
    // are mostly chains, and this skips the queue for them.
    while (from >= 0 && to - from === 1) {
      const member = members[from] as number;
      const k = childStart[member] as number;
      if ((childStart[member + 1] as number) - k !== 1) break;
      const child = childList[k] as number;
      if (fold && (subtree[child] as number) < threshold) break;
      members[top] = child;
      from = top++;
      to = top;
      at = out.emit(func[child] as number, at, ++depth, value[child] as number, subtree[child] as number);
    }
    // Gather the children of members[from, to) (the roots when `from` is -1), group them by function in
    // name order, and queue the groups last to first so that the first pops first.
    const first = top;
    if (from < 0) {
      for (let k = childStart[count] as number; k < (childStart[count + 1] as number); k++)
        members[top++] = childList[k] as number;
    } else {
      for (let m = from; m < to; m++) {
        const node = members[m] as number;
        const end = childStart[node + 1] as number;
        for (let k = childStart[node] as number; k < end; k++) members[top++] = childList[k] as number;
      }
    }
    if (top - first > 1) sortByRank(members, first, top, func, rank);
    groups.clear();
    let sliver = 0;
    for (let a = first; a < top;) {
      const f = func[members[a] as number] as number;
      let b = a;
      let self = 0;
      let total = 0;
      do {
        const node = members[b++] as number;
        self += value[node] as number;
        total += subtree[node] as number;
      } while (b < top && func[members[b] as number] === f);
      if (fold && total < threshold) sliver += total;
      else groups.push(a, b, self, total);
      a = b;
    }
    if (sliver > 0) work.push(CLOSE, 0, at, depth + 1, sliver, sliver);
    const { bounds, sums } = groups;
    for (let g = 2 * groups.size - 2; g >= 0; g -= 2)
      work.push(bounds[g] as number, bounds[g + 1] as number, at, depth + 1, sums[g] as number, sums[g + 1] as number);

    // The next group: emitted, then expanded on the next turn; slivers on the way are emitted.
    let next = false;
    while (work.length > 0 && !next) {
      const total = work.pop() as number;
      const self = work.pop() as number;
      const nodeDepth = work.pop() as number;
      const outParent = work.pop() as number;
      const end = work.pop() as number;
      const begin = work.pop() as number;
      if (begin === CLOSE) {
        out.emit(smallerFunc, outParent, nodeDepth, self, total);
        continue;
      }
      at = out.emit(func[members[begin] as number] as number, outParent, nodeDepth, self, total);
      from = begin;
      to = end;
      depth = nodeDepth;
      next = true;
    }
    if (!next) break;
  }
  return out.toFlameTree(input, sampleType, fold);
}

/** The output columns, in growing typed arrays. */
class OutputTree {
  count = 0;
  func = new Int32Array(1024);
  parent = new Int32Array(1024);
  depth = new Int32Array(1024);
  self = new Float64Array(1024);
  total = new Float64Array(1024);

  emit(func: number, parent: number, depth: number, self: number, total: number): number {
    if (this.count === this.func.length) this.grow();
    const node = this.count++;
    this.func[node] = func;
    this.parent[node] = parent;
    this.depth[node] = depth;
    this.self[node] = self;
    this.total[node] = total;
    return node;
  }

  /**
   * Without folding, totals are summed up the output tree from the selves, child after child from the last
   * node back, so they come out exactly (to the last bit) as the whole-stack call tree summed them. With
   * folding, the groups' totals (their members' subtree sums) stand: folded nodes are never built.
   */
  toFlameTree(input: WeightedStacks, sampleType: ValueType, fold: boolean): FlameTree {
    const n = this.count;
    const total = fold ? this.total.subarray(0, n) : this.self.slice(0, n);
    if (!fold) {
      for (let node = n - 1; node > 0; node--) {
        const p = this.parent[node] as number;
        total[p] = (total[p] as number) + (total[node] as number);
      }
    }
    return {
      functionNames: fold ? [...input.functionNames, SMALLER_FRAMES_NAME] : input.functionNames,
      functionFiles: fold ? [...input.functionFiles, ''] : input.functionFiles,
      functionLines: fold ? [...input.functionLines, 0] : input.functionLines,
      func: toArray(this.func, n),
      parent: toArray(this.parent, n),
      depth: toArray(this.depth, n),
      self: toArray(this.self, n),
      total: toArray(total, n),
      sampleType,
    };
  }

  private grow(): void {
    const size = this.func.length * 2;
    this.func = grown(this.func, new Int32Array(size));
    this.parent = grown(this.parent, new Int32Array(size));
    this.depth = grown(this.depth, new Int32Array(size));
    this.self = grown(this.self, new Float64Array(size));
    this.total = grown(this.total, new Float64Array(size));
  }
}

/** The first n values as a plain array: filled in place, 2–3× faster than Array.from on a typed array. */
function toArray(values: Int32Array | Float64Array, n: number): number[] {
  const out = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) out[i] = values[i] as number;
  return out;
}

function grown<T extends Int32Array | Float64Array>(old: T, next: T): T {
  next.set(old);
  return next;
}

/** The kept groups of one sibling list, reused from list to list: expanding a node allocates nothing. */
class SiblingGroups {
  size = 0;
  /** Group g is members[bounds[2g], bounds[2g + 1]), with self sums[2g] and total sums[2g + 1]. */
  bounds = new Int32Array(128);
  sums = new Float64Array(128);

  clear(): void {
    this.size = 0;
  }

  push(start: number, end: number, self: number, total: number): void {
    if (2 * this.size === this.bounds.length) {
      this.bounds = grown(this.bounds, new Int32Array(this.bounds.length * 2));
      this.sums = grown(this.sums, new Float64Array(this.sums.length * 2));
    }
    const g = 2 * this.size++;
    this.bounds[g] = start;
    this.bounds[g + 1] = end;
    this.sums[g] = self;
    this.sums[g + 1] = total;
  }
}

/** Rank of each function by (name, index): comparing ranks compares names. */
function rankByName(names: string[]): Int32Array {
  const order = Array.from(names.keys()).sort((a, b) => {
    const na = names[a] as string;
    const nb = names[b] as string;
    return na < nb ? -1 : na > nb ? 1 : a - b;
  });
  const rank = new Int32Array(names.length);
  order.forEach((f, r) => (rank[f] = r));
  return rank;
}

/** Sorts nodes[start, end) by their function's rank, then by node (so the order is total). */
function sortByRank(nodes: Int32Array, start: number, end: number, func: Int32Array, rank: Int32Array): void {
  if (end - start > INSERTION_SORT_MAX) {
    nodes
      .subarray(start, end)
      .sort((a, b) => (rank[func[a] as number] as number) - (rank[func[b] as number] as number) || a - b);
    return;
  }
  for (let i = start + 1; i < end; i++) {
    const node = nodes[i] as number;
    const key = rank[func[node] as number] as number;
    let j = i - 1;
    for (; j >= start; j--) {
      const other = nodes[j] as number;
      const otherKey = rank[func[other] as number] as number;
      if (otherKey < key || (otherKey === key && other < node)) break;
      nodes[j + 1] = other;
    }
    nodes[j + 1] = node;
  }
}
