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
import { countable, expectedTargetPart, formatModeValue, samplesOf, type DiffSide } from './diff-side';
import { lazyAlignment, type AlignedNode } from './aligned-tree';
import { isOwnCode } from './own-code';
import { binomialTwoSidedP } from './significance';

/** A step of the walk must be this unlikely as noise. */
export const STEP_P_VALUE = 1e-3;
/** A child carries the growth when it holds at least this part of its parent's. */
const CARRIES = 0.5;

/** `trees`: both sides' call trees (diff.ts sideTrees), which the diff flame graph is laid out from too. */
export function findSuspects(
  base: DiffSide,
  target: DiffSide,
  trees: { base: FlameTree; target: FlameTree },
  sampleType: ValueType,
  mode: DiffMode,
  notMine: readonly string[],
): DiffSuspect[] {
  // Aligned only where the walk goes: it reads the children of a few dozen nodes of trees of ~60,000.
  const aligned = lazyAlignment(trees.base, trees.target);
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
