/**
 * The diff flame graph's tree: both sides' call trees aligned by call path (aligned-tree.ts), each node with A's and
 * B's self and total in the mode's numbers and whether its change is more than noise. Frames are as wide as
 * - `target`: B's value (the tree of B; what only A has is not drawn), or
 * - `union`: the mean of A's and B's. The mean is additive like either side (a node's mean is its self's mean plus
 *   its children's), so the layout holds, and a frame only A has (a ghost) keeps half its width.
 * Laid out like a call tree (call-tree.ts): depth first, children by function name, node 0 the root.
 */
import type { DiffFlameTree, DiffTreeLayout } from '../ipc/contract';
import type { ValueType } from '../profile/model';
import type { AlignedNode } from './aligned-tree';
import { countable, expectedTargetPart, samplesOf, type DiffSide } from './diff-side';
import { benjaminiHochberg, binomialTwoSidedP } from './significance';

export function diffFlameTree(
  nodes: readonly AlignedNode[],
  base: DiffSide,
  target: DiffSide,
  sampleType: ValueType,
  layout: DiffTreeLayout,
): DiffFlameTree {
  const a = base.valueScale;
  const b = target.valueScale;
  const width = (n: AlignedNode): number =>
    layout === 'target' ? n.target.total * b : (n.base.total * a + n.target.total * b) / 2;
  const selfWidth = (n: AlignedNode): number =>
    layout === 'target' ? n.target.self * b : (n.base.self * a + n.target.self * b) / 2;
  const tree: DiffFlameTree = {
    functionNames: [],
    functionFiles: [],
    functionLines: [],
    func: [],
    parent: [],
    depth: [],
    self: [],
    total: [],
    sampleType,
    layout,
    baseSelf: [],
    baseTotal: [],
    targetSelf: [],
    targetTotal: [],
    pValue: [],
    significant: [],
  };
  const functionIndex = new Map<string, number>();
  const functionOf = (n: AlignedNode): number => {
    const key = `${n.name}\0${n.file}`;
    let f = functionIndex.get(key);
    if (f === undefined) {
      f = tree.functionNames.length;
      functionIndex.set(key, f);
      tree.functionNames.push(n.name);
      tree.functionFiles.push(n.file);
      tree.functionLines.push(n.line);
    }
    return f;
  };
  const expected = countable(base, target) ? expectedTargetPart(base, target) : null;
  // Depth first with an explicit stack (trees may be thousands deep): [aligned node, parent in the output].
  const pending: [number, number][] = [[0, -1]];
  while (pending.length > 0) {
    const [at, parent] = pending.pop() as [number, number];
    const n = nodes[at] as AlignedNode;
    const out = tree.func.length;
    tree.func.push(at === 0 ? -1 : functionOf(n));
    tree.parent.push(parent);
    tree.depth.push(parent < 0 ? 0 : (tree.depth[parent] as number) + 1);
    tree.self.push(selfWidth(n));
    tree.total.push(width(n));
    tree.baseSelf.push(n.base.self * a);
    tree.baseTotal.push(n.base.total * a);
    tree.targetSelf.push(n.target.self * b);
    tree.targetTotal.push(n.target.total * b);
    tree.pValue.push(
      expected === null
        ? null
        : binomialTwoSidedP(
            samplesOf(target, n.target.total),
            samplesOf(base, n.base.total) + samplesOf(target, n.target.total),
            expected,
          ),
    );
    const children = n.children
      .filter((c) => width(nodes[c] as AlignedNode) > 0)
      .sort((x, y) => compareNames(nodes[x] as AlignedNode, nodes[y] as AlignedNode));
    // Pushed last to first, so the first by name is laid out first.
    for (let i = children.length - 1; i >= 0; i--) pending.push([children[i] as number, out]);
  }
  tree.significant = expected === null ? tree.pValue.map(() => null) : benjaminiHochberg(tree.pValue);
  return tree;
}

function compareNames(x: AlignedNode, y: AlignedNode): number {
  return x.name < y.name ? -1 : x.name > y.name ? 1 : x.file < y.file ? -1 : x.file > y.file ? 1 : 0;
}
