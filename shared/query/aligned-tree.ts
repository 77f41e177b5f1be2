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
  const nodes: AlignedNode[] = [
    {
      name: '(root)',
      file: '',
      line: 0,
      parent: -1,
      children: [],
      base: { self: 0, total: 0 },
      target: { self: 0, total: 0 },
    },
  ];
  const byKey = new Map<string, number>();
  const add = (tree: FlameTree, which: 'base' | 'target'): void => {
    const aligned = new Int32Array(tree.func.length);
    aligned[0] = 0;
    (nodes[0] as AlignedNode)[which] = { self: tree.self[0] ?? 0, total: tree.total[0] ?? 0 };
    // Preorder: a node's parent comes before it.
    for (let i = 1; i < tree.func.length; i++) {
      const parent = aligned[tree.parent[i] as number] as number;
      const f = tree.func[i] as number;
      const name = tree.functionNames[f] ?? '';
      const file = tree.functionFiles[f] ?? '';
      const key = `${parent}\0${name}\0${file}`;
      let at = byKey.get(key);
      if (at === undefined) {
        at = nodes.length;
        byKey.set(key, at);
        nodes.push({
          name,
          file,
          line: tree.functionLines[f] ?? 0,
          parent,
          children: [],
          base: { self: 0, total: 0 },
          target: { self: 0, total: 0 },
        });
        (nodes[parent] as AlignedNode).children.push(at);
      }
      aligned[i] = at;
      const node = nodes[at] as AlignedNode;
      node[which].self += tree.self[i] ?? 0;
      node[which].total += tree.total[i] ?? 0;
    }
  };
  add(base, 'base');
  add(target, 'target');
  return nodes;
}
