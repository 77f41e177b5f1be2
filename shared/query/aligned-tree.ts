/**
 * Two call trees (a comparison's base and target, shared/query/call-tree.ts) under one numbering: a node per call
 * path that either side has (function and file at each step), with each side's self and total. The suspect walk
 * (suspect.ts) and the diff flame graph (diff-tree.ts) read it.
 */
import type { FlameTree } from '../ipc/contract';

export interface AlignedNode {
  name: string;
  file: string;
  /** The function's line as either tree knows it (0: unknown). */
  line: number;
  parent: number;
  children: number[];
  base: { self: number; total: number };
  target: { self: number; total: number };
}

/** Both trees' nodes under one numbering: a node per call path that either side has, with each side's values. */
export function alignTrees(base: FlameTree, target: FlameTree): AlignedNode[] {
  const aligned = lazyAlignment(base, target);
  // Every node expanded, breadth first: the nodes array grows as it is walked.
  for (let at = 0; at < aligned.nodes.length; at++) aligned.expand(at);
  return aligned.nodes;
}

/**
 * The aligned nodes grown only where a walk goes: `expand(at)` aligns the children of node `at` (base children in
 * the base tree's order, then the target's new ones). The suspect walk expands a few dozen nodes of trees of
 * ~60,000 a side (aligning them all was ~35% of a getDiff of 2 × 500 Go CPU captures); alignTrees expands them all.
 */
export function lazyAlignment(base: FlameTree, target: FlameTree) {
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
