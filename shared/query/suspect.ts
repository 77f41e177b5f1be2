/**
 * The suspect of a comparison: where the growth enters the user's own code. Both sides' call trees are aligned by
 * call path (function and file at each step); from the root, the walk follows the child that carries most of its
 * parent's growth — at least half of it, and significantly more than sampling noise — and stops where no child
 * does: there the growth spreads out, or ends. The suspect is the deepest function of one's own code (own-code.ts)
 * on that path. A regression spent in callees (a handler that now hashes, its own self time flat) is named through
 * its total: the walk passes through it into the library code and comes back to it as the deepest own frame.
 *
 * The walk works on the mode's numbers (diff.ts valueScale); a step's significance is the two-sided test of
 * significance.ts on the node's samples at STEP_P_VALUE, stricter than the table's false discovery rate since
 * the walk looks at every child of every node on its way.
 */
import type { DiffMode, DiffSuspect, FlameTree } from '../ipc/contract';
import type { ValueType } from '../profile/model';
import { buildCallTree } from './call-tree';
import { FLAME_TREE_MIN_FRACTION } from './views';
import { countable, expectedTargetPart, formatModeValue, samplesOf, type DiffSide } from './diff-side';
import type { AlignedNode } from './aligned-tree';
import { isOwnCode } from './own-code';
import { binomialTwoSidedP } from './significance';

/** A step of the walk must be this unlikely as noise. */
export const STEP_P_VALUE = 1e-3;
/** A child carries the growth when it holds at least this part of its parent's. */
const CARRIES = 0.5;

export function findSuspects(
  base: DiffSide,
  target: DiffSide,
  sampleType: ValueType,
  mode: DiffMode,
  notMine: readonly string[],
): DiffSuspect[] {
  // Folded below FLAME_TREE_MIN_FRACTION, as the flame graphs are: a path that small carries no growth worth naming.
  const options = { minFraction: FLAME_TREE_MIN_FRACTION };
  const aligned = lazyAlignment(
    buildCallTree(base.stacks, sampleType, options),
    buildCallTree(target.stacks, sampleType, options),
  );
  const nodes = aligned.nodes;
  const expected = countable(base, target) ? expectedTargetPart(base, target) : null;
  const scaledGrowth = (n: AlignedNode): number => n.target.total * target.valueScale - n.base.total * base.valueScale;
  const pValueOf = (n: AlignedNode): number | null => {
    if (expected === null) return null;
    const a = samplesOf(base, n.base.total);
    const b = samplesOf(target, n.target.total);
    return binomialTwoSidedP(b, a + b, expected);
  };
  const path: number[] = [];
  let at = 0;
  for (;;) {
    const node = aligned.expand(at);
    const growth = scaledGrowth(node);
    let best = -1;
    let bestGrowth = 0;
    for (const child of node.children) {
      const g = scaledGrowth(nodes[child] as AlignedNode);
      if (g > bestGrowth) {
        best = child;
        bestGrowth = g;
      }
    }
    if (best < 0 || !(growth > 0) || bestGrowth < CARRIES * growth) break;
    const p = pValueOf(nodes[best] as AlignedNode);
    if (p !== null && p >= STEP_P_VALUE) break;
    path.push(best);
    at = best;
  }
  let suspectAt = -1;
  for (let i = path.length - 1; i >= 0 && suspectAt < 0; i--) {
    const node = nodes[path[i] as number] as AlignedNode;
    if (isOwnCode(node.name, node.file, notMine)) suspectAt = i;
  }
  if (suspectAt < 0) return [];
  const onPath = path.slice(0, suspectAt + 1).map((i) => nodes[i] as AlignedNode);
  const suspect = onPath[onPath.length - 1] as AlignedNode;
  const below = path.slice(suspectAt + 1).map((i) => (nodes[i] as AlignedNode).name);
  const scaledOf = (values: { self: number; total: number }, scale: number) => ({
    self: values.self * scale,
    total: values.total * scale,
  });
  const baseValues = scaledOf(suspect.base, base.valueScale);
  const targetValues = scaledOf(suspect.target, target.valueScale);
  const pValue = pValueOf(suspect);
  return [
    {
      function: suspect.name,
      file: suspect.file,
      reason: reasonText(baseValues, targetValues, below, pValue, (v) => formatModeValue(v, sampleType.unit, mode)),
      path: onPath.map((n) => n.name),
      base: baseValues,
      target: targetValues,
      pValue,
    },
  ];
}

/**
 * alignTrees (aligned-tree.ts) grown only where the walk goes: `expand(at)` aligns the children of node `at`. Aligning
 * both whole trees keyed each of their nodes by a string, ~35% of a getDiff of 2 × 500 Go CPU captures (~60,000
 * nodes a side, bench/lib/diff-window.mjs) while the walk reads the children of a few dozen nodes. The nodes, values
 * and child order are those alignTrees gives (base children in the base tree's order, then the target's new ones).
 */
function lazyAlignment(base: FlameTree, target: FlameTree) {
  const trees = { base, target };
  const children = { base: childLists(base), target: childLists(target) };
  const root: AlignedNode = {
    name: '(root)',
    file: '',
    line: 0,
    parent: -1,
    children: [],
    base: { self: base.self[0] ?? 0, total: base.total[0] ?? 0 },
    target: { self: target.self[0] ?? 0, total: target.total[0] ?? 0 },
  };
  const nodes: AlignedNode[] = [root];
  // Each aligned node's tree nodes per side (several when one tree holds a path's function twice, by name and file).
  const ids: { base: number[]; target: number[] }[] = [{ base: [0], target: [0] }];
  const expanded: boolean[] = [];
  const expand = (at: number): AlignedNode => {
    const node = nodes[at] as AlignedNode;
    if (expanded[at]) return node;
    expanded[at] = true;
    const byKey = new Map<string, number>();
    for (const which of ['base', 'target'] as const) {
      const tree = trees[which];
      const kids = (ids[at] as { base: number[]; target: number[] })[which].flatMap((i) => [...children[which](i)]);
      if (kids.length > 1) kids.sort((a, b) => a - b);
      for (const i of kids) {
        const f = tree.func[i] as number;
        const name = tree.functionNames[f] ?? '';
        const file = tree.functionFiles[f] ?? '';
        const key = `${name}\0${file}`;
        let child = byKey.get(key);
        if (child === undefined) {
          child = nodes.length;
          byKey.set(key, child);
          nodes.push({
            name,
            file,
            line: tree.functionLines[f] ?? 0,
            parent: at,
            children: [],
            base: { self: 0, total: 0 },
            target: { self: 0, total: 0 },
          });
          ids.push({ base: [], target: [] });
          node.children.push(child);
        }
        (ids[child] as { base: number[]; target: number[] })[which].push(i);
        const values = (nodes[child] as AlignedNode)[which];
        values.self += tree.self[i] ?? 0;
        values.total += tree.total[i] ?? 0;
      }
    }
    return node;
  };
  return { nodes, expand };
}

/** Each node's children, in tree (preorder) order, from the parent array: one pass, two typed arrays. */
function childLists(tree: FlameTree): (node: number) => Int32Array {
  const n = tree.parent.length;
  const start = new Int32Array(n + 1);
  for (let i = 1; i < n; i++) {
    const slot = (tree.parent[i] as number) + 1;
    start[slot] = (start[slot] as number) + 1;
  }
  for (let i = 0; i < n; i++) start[i + 1] = (start[i + 1] as number) + (start[i] as number);
  const list = new Int32Array(Math.max(0, n - 1));
  const next = start.slice(0, n);
  for (let i = 1; i < n; i++) {
    const p = tree.parent[i] as number;
    list[next[p] as number] = i;
    next[p] = (next[p] as number) + 1;
  }
  return (node) => list.subarray(start[node] as number, start[node + 1] as number);
}

function reasonText(
  base: { self: number; total: number },
  target: { self: number; total: number },
  below: readonly string[],
  pValue: number | null,
  format: (value: number) => string,
): string {
  const change = (from: number, to: number): string =>
    `${format(from)} → ${format(to)}${from > 0 ? ` (${signed(((to - from) / from) * 100)}%)` : ''}`;
  const where =
    below.length === 0
      ? 'the growth is in its own code'
      : `the growth is in what it calls: ${below.slice(0, 3).join(' → ')}${below.length > 3 ? ' → …' : ''}`;
  const noise = pValue === null ? 'no sample counts to test against noise' : `p = ${pValue.toPrecision(2)} as noise`;
  return (
    `total ${change(base.total, target.total)}, self ${change(base.self, target.self)}; ${where}; ${noise}. ` +
    'Wrong if the two sides ran different work (another request mix or load) rather than different code.'
  );
}

function signed(value: number): string {
  const text = Math.abs(value) >= 10 ? value.toFixed(0) : value.toFixed(1);
  return value > 0 ? `+${text}` : text;
}
