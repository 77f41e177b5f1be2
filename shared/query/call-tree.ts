/**
 * Merges a stack prefix tree by function into the call tree every flame view
 * draws: two sibling stack nodes whose frames belong to the same function
 * (different lines, inlined or not) become one node, as pprof's and
 * speedscope's flame graphs do.
 *
 * Output is depth-first pre-order with children sorted by function name, so the
 * same profile always lays out the same way and a subtree is a contiguous range.
 */
import type { FlameTree } from '../ipc/contract';
import type { ValueType } from '../profile/model';
import type { WeightedStacks } from './weighted-stacks';

const ROOT_FUNCTION = -1;

export function buildCallTree(input: WeightedStacks, sampleType: ValueType): FlameTree {
  const rows = input.parent.length;
  // Pass 1: map each stack row to a merged node (created in row order, so a
  // node's parent always has a smaller creation index).
  const nodeOfRow = new Int32Array(rows);
  const nodeParent: number[] = [-1];
  const nodeFunc: number[] = [ROOT_FUNCTION];
  const nodeSelf: number[] = [0];
  const childByKey = new Map<string, number>();
  for (let row = 0; row < rows; row++) {
    const parentRow = input.parent[row] as number;
    const parentNode = parentRow < 0 ? 0 : (nodeOfRow[parentRow] as number);
    const func = input.func[row] as number;
    const key = `${parentNode}:${func}`;
    let node = childByKey.get(key);
    if (node === undefined) {
      node = nodeFunc.length;
      childByKey.set(key, node);
      nodeParent.push(parentNode);
      nodeFunc.push(func);
      nodeSelf.push(0);
    }
    nodeOfRow[row] = node;
    nodeSelf[node] = (nodeSelf[node] as number) + (input.self[row] as number);
  }

  // Pass 2: totals, children before parents (reverse creation order).
  const count = nodeFunc.length;
  const nodeTotal = Float64Array.from(nodeSelf);
  for (let node = count - 1; node > 0; node--) {
    const parent = nodeParent[node] as number;
    nodeTotal[parent] = (nodeTotal[parent] as number) + (nodeTotal[node] as number);
  }

  // Children lists, then sort each by function name (ties by file) for a stable layout.
  const children: number[][] = Array.from({ length: count }, () => []);
  for (let node = 1; node < count; node++) (children[nodeParent[node] as number] as number[]).push(node);
  const names = input.functionNames;
  const byName = (a: number, b: number): number => {
    const fa = nodeFunc[a] as number;
    const fb = nodeFunc[b] as number;
    const na = names[fa] ?? '';
    const nb = names[fb] ?? '';
    if (na !== nb) return na < nb ? -1 : 1;
    return fa - fb;
  };
  for (const list of children) if (list.length > 1) list.sort(byName);

  // Pass 3: pre-order with an explicit stack (stacks may be 100,000 frames deep).
  const tree: FlameTree = {
    functionNames: input.functionNames,
    functionFiles: input.functionFiles,
    func: new Array<number>(count),
    parent: new Array<number>(count),
    depth: new Array<number>(count),
    self: new Array<number>(count),
    total: new Array<number>(count),
    sampleType,
  };
  const outIndex = new Int32Array(count);
  const pending: number[] = [0];
  const pendingDepth: number[] = [0];
  let out = 0;
  while (pending.length > 0) {
    const node = pending.pop() as number;
    const depth = pendingDepth.pop() as number;
    outIndex[node] = out;
    tree.func[out] = nodeFunc[node] as number;
    tree.parent[out] = node === 0 ? -1 : (outIndex[nodeParent[node] as number] as number);
    tree.depth[out] = depth;
    tree.self[out] = nodeSelf[node] as number;
    tree.total[out] = nodeTotal[node] as number;
    out++;
    const kids = children[node] as number[];
    for (let i = kids.length - 1; i >= 0; i--) {
      pending.push(kids[i] as number);
      pendingDepth.push(depth + 1);
    }
  }
  return tree;
}
