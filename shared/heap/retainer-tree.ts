/**
 * How the GC roots hold a set of objects (a class's new instances), as one tree: each object's shortest retaining
 * path from the root (shortest-paths.ts, over the edges retaining-edges.ts keeps: weak edges never, as in DevTools),
 * merged level by level on (edge, node name), each tree node counting the objects held through it, heaviest child
 * first. So the first root-to-leaf line is the route that holds most of them.
 *
 * - Element (and hidden) edges, and a hash table's numbered internal edges, from one parent into same-named nodes
 *   merge whatever their index: the 9,800 listeners of one array are one `[0..9799] → (closure)` step, not 9,800
 *   single-instance branches. The label gives the index when there is one, else the lowest and highest.
 * - Cost: the shortest-path tree's nodes between the objects and the root are visited once each (a walk up stops at
 *   a node already seen), so the work is O(objects + nodes on their paths), never objects × depth. At most
 *   `maxObjects` objects are walked (the first in node order).
 * - Output: at most `maxChildren` children per node and `maxNodes` nodes in all, heaviest first; what is left off is
 *   counted in `omitted`, so the instances of the children plus the omitted plus `self` add up to `instances`.
 */
import { UNREACHABLE } from './dominators';
import { classNameOf } from './class-names';
import type { HeapSnapshot } from './model';
import type { ShortestPaths } from './shortest-paths';
import type { RetainerStep, RetainerTreeNode } from '../ipc/memory-contract';

export interface RetainerTreeOptions {
  maxObjects: number;
  maxNodes: number;
  maxChildren: number;
}

export interface RetainerTree {
  tree: RetainerTreeNode;
  /** The heaviest line of the tree, root first: at each node, the child holding the most, while more go on below than end here. */
  path: RetainerStep[];
  /** Objects walked (at most maxObjects), and of those the ones the root does not reach (held only weakly). */
  walked: number;
  unreachable: number;
}

/** Names longer than this (a string's text is its name) are cut, with "…". */
export const MAX_NAME = 120;

interface Building {
  node: string;
  nodeType: string;
  edge: string;
  /** Merged element edges: the lowest and highest index. */
  minIndex: number;
  maxIndex: number;
  self: number;
  instances: number;
  children: Map<string, Building>;
}

export function retainerTree(
  snapshot: HeapSnapshot,
  paths: ShortestPaths,
  objects: readonly number[],
  options: RetainerTreeOptions,
): RetainerTree {
  const { distance, parentNode, parentEdge } = paths;
  // Heap node → its slot in `union` (the shortest-path tree's nodes between the objects and the root).
  const slotOf = new Map<number, number>();
  const union: number[] = [];
  const ends: number[] = [];
  let walked = 0;
  let unreachable = 0;
  for (const object of objects) {
    if (walked >= options.maxObjects) break;
    walked++;
    if (distance[object] === UNREACHABLE) {
      unreachable++;
      continue;
    }
    let node = object;
    while (!slotOf.has(node)) {
      slotOf.set(node, union.length);
      union.push(node);
      ends.push(0);
      if (node === 0) break;
      node = parentNode[node] as number;
    }
    const slot = slotOf.get(object) as number;
    ends[slot] = (ends[slot] as number) + 1;
  }

  const root: Building = building(snapshot, 0, objectName(snapshot, 0), -1);
  // Parents before children: by distance from the root.
  const order = union.map((_, slot) => slot).sort((a, b) => distanceOf(a) - distanceOf(b));
  function distanceOf(slot: number): number {
    return distance[union[slot] as number] as number;
  }
  const treeOf: Building[] = new Array<Building>(union.length);
  for (const slot of order) {
    const node = union[slot] as number;
    let into: Building;
    if (node === 0) into = root;
    else {
      const parent = treeOf[slotOf.get(parentNode[node] as number) as number] as Building;
      const edge = parentEdge[node] as number;
      const index = edgeIndex(snapshot, edge);
      const name = objectName(snapshot, node);
      const key = `${index >= 0 ? '[]' : `.${snapshot.strings[snapshot.edgeNameOrIndex[edge] as number] ?? ''}`}\u0000${name}`;
      let child = parent.children.get(key);
      if (!child) {
        child = building(snapshot, node, name, edge);
        parent.children.set(key, child);
      } else if (index >= 0) {
        child.minIndex = Math.min(child.minIndex, index);
        child.maxIndex = Math.max(child.maxIndex, index);
      }
      into = child;
    }
    treeOf[slot] = into;
    into.self += ends[slot] as number;
  }
  sumInstances(root);

  const budget = { nodes: options.maxNodes };
  const tree = emit(root, options.maxChildren, budget);
  return { tree, path: heaviestPath(tree), walked, unreachable };
}

function building(snapshot: HeapSnapshot, node: number, name: string, edge: number): Building {
  const index = edge >= 0 ? edgeIndex(snapshot, edge) : -1;
  return {
    node: name,
    nodeType: snapshot.nodeTypeNames[snapshot.nodeType[node] as number] ?? '',
    edge: edge < 0 || index >= 0 ? '' : (snapshot.strings[snapshot.edgeNameOrIndex[edge] as number] ?? ''),
    minIndex: index,
    maxIndex: index,
    self: 0,
    instances: 0,
    children: new Map(),
  };
}

/**
 * The index an edge names, or -1 when it names a property or variable: V8 writes an index, not a name, for element
 * and hidden edges (edge-names.ts), and names a hash table's slots (a Map's or Set's backing array) by their index as
 * internal edges ("107"), which merge like elements.
 */
function edgeIndex(snapshot: HeapSnapshot, edge: number): number {
  const type = snapshot.edgeTypeNames[snapshot.edgeType[edge] as number];
  const nameOrIndex = snapshot.edgeNameOrIndex[edge] as number;
  if (type === 'element' || type === 'hidden') return nameOrIndex;
  if (type !== 'internal') return -1;
  const name = snapshot.strings[nameOrIndex] ?? '';
  return /^\d{1,9}$/.test(name) ? Number(name) : -1;
}

/** V8's name for the node, or its class ("(closure)", "(system)" …) when V8 gives none; cut to MAX_NAME; "(root)". */
export function objectName(snapshot: HeapSnapshot, node: number): string {
  if (node === 0) return '(root)';
  const name = snapshot.strings[snapshot.nodeName[node] as number] ?? '';
  const text = name === '' ? classNameOf(snapshot, node) : name;
  return text.length > MAX_NAME ? `${text.slice(0, MAX_NAME)}…` : text;
}

/** Post-order with an explicit stack: a path may be thousands of edges long. */
function sumInstances(root: Building): void {
  const stack: { node: Building; entered: boolean }[] = [{ node: root, entered: false }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { node: Building; entered: boolean };
    if (!top.entered) {
      top.entered = true;
      for (const child of top.node.children.values()) stack.push({ node: child, entered: false });
      continue;
    }
    stack.pop();
    let sum = top.node.self;
    for (const child of top.node.children.values()) sum += child.instances;
    top.node.instances = sum;
  }
}

function sortedChildren(node: Building): Building[] {
  return [...node.children.values()].sort(
    (a, b) =>
      b.instances - a.instances ||
      edgeLabel(a).localeCompare(edgeLabel(b)) ||
      (a.node < b.node ? -1 : a.node > b.node ? 1 : 0),
  );
}

function edgeLabel(node: Building): string {
  if (node.minIndex < 0) return node.edge;
  return node.minIndex === node.maxIndex ? `[${node.minIndex}]` : `[${node.minIndex}..${node.maxIndex}]`;
}

/**
 * Depth-first, heaviest child first; explicit stack (deep trees). Each emitted node takes one from the budget;
 * children past maxChildren or the budget go to `omitted`, except along the heaviest line, which is always whole
 * (its length is the path's, bounded by the snapshot).
 */
function emit(root: Building, maxChildren: number, budget: { nodes: number }): RetainerTreeNode {
  const out = (b: Building): RetainerTreeNode => ({
    node: b.node,
    nodeType: b.nodeType,
    edge: edgeLabel(b),
    instances: b.instances,
    self: b.self,
    children: [],
    omitted: null,
  });
  const top = out(root);
  budget.nodes--;
  type Entry = { from: Building; to: RetainerTreeNode; heaviest: boolean };
  const stack: Entry[] = [{ from: root, to: top, heaviest: true }];
  while (stack.length > 0) {
    const { from, to, heaviest } = stack.pop() as Entry;
    const children = sortedChildren(from);
    const kept: Entry[] = [];
    let omittedChildren = 0;
    let omittedInstances = 0;
    for (const child of children) {
      const first = kept.length === 0;
      if ((heaviest && first) || (kept.length < maxChildren && budget.nodes > 0)) {
        budget.nodes--;
        const node = out(child);
        to.children.push(node);
        kept.push({ from: child, to: node, heaviest: heaviest && first });
      } else {
        omittedChildren++;
        omittedInstances += child.instances;
      }
    }
    if (omittedChildren > 0) to.omitted = { children: omittedChildren, instances: omittedInstances };
    // Pushed lightest first so the heaviest child is expanded next.
    for (let i = kept.length - 1; i >= 0; i--) stack.push(kept[i] as Entry);
  }
  return top;
}

function heaviestPath(tree: RetainerTreeNode): RetainerStep[] {
  const path: RetainerStep[] = [{ node: tree.node, edge: tree.edge }];
  let node = tree;
  for (;;) {
    const next = node.children[0];
    if (next === undefined || next.instances <= node.self) break;
    path.push({ node: next.node, edge: next.edge });
    node = next;
  }
  return path;
}
