/**
 * Merges stacks by function into the call tree every flame view draws: two
 * stacks whose frames belong to the same functions (different lines, inlined
 * or not) share nodes, as pprof's and speedscope's flame graphs do.
 *
 * Output is depth-first pre-order with children sorted by function name, so the
 * same profile always lays out the same way and a subtree is a contiguous range.
 * Built by sorting the stacks by their name-ranked function sequences: in that
 * order, each stack shares its longest common prefix with the one before it,
 * so the tree comes out in pre-order in one pass, with no hash map.
 *
 * Profiles of deep, varied recursion reach millions of distinct paths, most of
 * them far too small to ever be drawn. With `minFraction`, children whose total
 * is below that share of the root are merged into one "(smaller frames)" node
 * per parent: totals stay exact, only detail below the threshold is folded.
 */
import type { FlameTree } from '../ipc/contract';
import type { ValueType } from '../profile/model';
import type { WeightedStacks } from './weighted-stacks';

const ROOT_FUNCTION = -1;
export const SMALLER_FRAMES_NAME = '(smaller frames)';

export interface CallTreeOptions {
  /** Fold children whose total is below this share of the root total (0 keeps everything). */
  minFraction?: number;
}

interface FullTree {
  count: number;
  func: Int32Array;
  parent: Int32Array;
  depth: Int32Array;
  self: Float64Array;
  total: Float64Array;
}

export function buildCallTree(input: WeightedStacks, sampleType: ValueType, options: CallTreeOptions = {}): FlameTree {
  const full = mergeSortedStacks(input);
  const threshold = (options.minFraction ?? 0) * (full.total[0] as number);
  return threshold > 0 ? foldSmallNodes(full, input, sampleType, threshold) : toFlameTree(full, input, sampleType);
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

function mergeSortedStacks(input: WeightedStacks): FullTree {
  const { offsets, funcs, value } = input;
  const stackCount = offsets.length - 1;
  const rank = rankByName(input.functionNames);
  const ranked = new Int32Array(funcs.length);
  for (let i = 0; i < funcs.length; i++) ranked[i] = rank[funcs[i] as number] as number;

  const order = new Int32Array(stackCount);
  let kept = 0;
  for (let s = 0; s < stackCount; s++) if ((value[s] as number) !== 0) order[kept++] = s;
  const sorted = order.subarray(0, kept).sort((a, b) => {
    const aStart = offsets[a] as number;
    const aEnd = offsets[a + 1] as number;
    const bStart = offsets[b] as number;
    const bEnd = offsets[b + 1] as number;
    const common = Math.min(aEnd - aStart, bEnd - bStart);
    for (let i = 0; i < common; i++) {
      const d = (ranked[aStart + i] as number) - (ranked[bStart + i] as number);
      if (d !== 0) return d;
    }
    return aEnd - aStart - (bEnd - bStart);
  });

  // At most one node per frame of every kept stack, plus the root.
  let capacity = 1;
  for (const s of sorted) capacity += (offsets[s + 1] as number) - (offsets[s] as number);
  const tree: FullTree = {
    count: 1,
    func: new Int32Array(capacity).fill(ROOT_FUNCTION),
    parent: new Int32Array(capacity).fill(-1),
    depth: new Int32Array(capacity),
    self: new Float64Array(capacity),
    total: new Float64Array(capacity),
  };
  const pathNodes: number[] = [0];
  let previous = -1;
  for (const s of sorted) {
    const start = offsets[s] as number;
    const length = (offsets[s + 1] as number) - start;
    let shared = 0;
    if (previous >= 0) {
      const pStart = offsets[previous] as number;
      const pLength = (offsets[previous + 1] as number) - pStart;
      const limit = Math.min(length, pLength);
      while (shared < limit && ranked[start + shared] === ranked[pStart + shared]) shared++;
    }
    pathNodes.length = shared + 1;
    for (let d = shared; d < length; d++) {
      const node = tree.count++;
      tree.func[node] = funcs[start + d] as number;
      tree.parent[node] = pathNodes[d] as number;
      tree.depth[node] = d + 1;
      pathNodes.push(node);
    }
    tree.self[pathNodes[length] as number] = (tree.self[pathNodes[length] as number] as number) + (value[s] as number);
    previous = s;
  }
  // Totals: pre-order puts every child after its parent.
  tree.total.set(tree.self.subarray(0, tree.count));
  for (let node = tree.count - 1; node > 0; node--)
    tree.total[tree.parent[node] as number] =
      (tree.total[tree.parent[node] as number] as number) + (tree.total[node] as number);
  return tree;
}

function toFlameTree(full: FullTree, input: WeightedStacks, sampleType: ValueType): FlameTree {
  const n = full.count;
  return {
    functionNames: input.functionNames,
    functionFiles: input.functionFiles,
    functionLines: input.functionLines,
    func: Array.from(full.func.subarray(0, n)),
    parent: Array.from(full.parent.subarray(0, n)),
    depth: Array.from(full.depth.subarray(0, n)),
    self: Array.from(full.self.subarray(0, n)),
    total: Array.from(full.total.subarray(0, n)),
    sampleType,
  };
}

/**
 * Keeps nodes whose total reaches the threshold (and whose ancestors are kept);
 * each kept node's small children become one sliver, emitted as its last child
 * when its subtree closes, so the output stays in pre-order.
 */
function foldSmallNodes(full: FullTree, input: WeightedStacks, sampleType: ValueType, threshold: number): FlameTree {
  const smallerFunc = input.functionNames.length;
  const tree: FlameTree = {
    functionNames: [...input.functionNames, SMALLER_FRAMES_NAME],
    functionFiles: [...input.functionFiles, ''],
    functionLines: [...input.functionLines, 0],
    func: [],
    parent: [],
    depth: [],
    self: [],
    total: [],
    sampleType,
  };
  const emit = (func: number, parent: number, depth: number, self: number, total: number): number => {
    tree.func.push(func);
    tree.parent.push(parent);
    tree.depth.push(depth);
    tree.self.push(self);
    tree.total.push(total);
    return tree.func.length - 1;
  };
  const outOf = new Int32Array(full.count).fill(-1);
  const folded = new Float64Array(full.count);
  // Kept nodes whose subtree is still open, with their depth.
  const open: number[] = [];
  const close = (untilDepth: number): void => {
    while (open.length > 0 && (full.depth[open[open.length - 1] as number] as number) >= untilDepth) {
      const node = open.pop() as number;
      const sliver = folded[node] as number;
      if (sliver > 0) emit(smallerFunc, outOf[node] as number, (full.depth[node] as number) + 1, sliver, sliver);
    }
  };
  for (let node = 0; node < full.count; node++) {
    const parent = full.parent[node] as number;
    if (node > 0 && outOf[parent] === -1) continue; // inside a folded or skipped subtree
    const total = full.total[node] as number;
    if (node > 0 && total < threshold) {
      folded[parent] = (folded[parent] as number) + total;
      continue;
    }
    close(full.depth[node] as number);
    outOf[node] = emit(
      full.func[node] as number,
      node === 0 ? -1 : (outOf[parent] as number),
      full.depth[node] as number,
      full.self[node] as number,
      total,
    );
    open.push(node);
  }
  close(0);
  return tree;
}
