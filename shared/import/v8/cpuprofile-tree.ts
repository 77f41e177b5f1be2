/**
 * The parent relation of a V8 CPU profile's nodes. Node ids are not ordered
 * (node --cpu-prof writes children before parents at times), so the tree is
 * rebuilt from `children` (or `parent`) lists and walked breadth-first from
 * its roots, which yields an order where every parent precedes its children.
 * Hostile trees (a node with two parents, cycles, unknown ids) fail here.
 */
import type { V8Node } from './cpuprofile-shape';
import { fail } from '../errors';

export interface NodeTree {
  /** Index into `nodes` of each node's parent, -1 for a root. */
  parent: Int32Array;
  /** Node indices, parents before children. */
  order: Int32Array;
  /** Node id to index into `nodes`. */
  indexOfId: Map<number, number>;
}

export function buildNodeTree(nodes: V8Node[]): NodeTree {
  const count = nodes.length;
  const indexOfId = new Map<number, number>();
  nodes.forEach((node, i) => {
    if (indexOfId.has(node.id)) fail(`node id ${node.id} appears twice`);
    indexOfId.set(node.id, i);
  });

  const parent = new Int32Array(count).fill(-1);
  const link = (parentIndex: number, childId: number, via: string): void => {
    const child = indexOfId.get(childId);
    if (child === undefined) {
      return fail(`node ${(nodes[parentIndex] as V8Node).id} ${via} ${childId}, which does not exist`);
    }
    if (child === parentIndex) return fail(`node ${childId} is its own child`);
    const existing = parent[child] as number;
    if (existing !== -1 && existing !== parentIndex) {
      fail(
        `node ${childId} has two parents (${(nodes[existing] as V8Node).id} and ${(nodes[parentIndex] as V8Node).id})`,
      );
    }
    parent[child] = parentIndex;
  };
  nodes.forEach((node, i) => {
    for (const childId of node.children) link(i, childId, 'lists child');
  });
  nodes.forEach((node) => {
    if (node.parent === undefined) return;
    const parentIndex = indexOfId.get(node.parent);
    if (parentIndex === undefined) fail(`node ${node.id} names parent ${node.parent}, which does not exist`);
    link(parentIndex, node.id, 'is parent of');
  });

  // Child lists as linked lists over Int32Arrays: no per-node arrays.
  const firstChild = new Int32Array(count).fill(-1);
  const nextSibling = new Int32Array(count).fill(-1);
  const order = new Int32Array(count);
  let queued = 0;
  for (let i = count - 1; i >= 0; i--) {
    const p = parent[i] as number;
    if (p < 0) {
      order[queued++] = i;
    } else {
      nextSibling[i] = firstChild[p] as number;
      firstChild[p] = i;
    }
  }
  // `order` doubles as the breadth-first queue.
  for (let head = 0; head < queued; head++) {
    for (let child = firstChild[order[head] as number] as number; child >= 0; child = nextSibling[child] as number) {
      order[queued++] = child;
    }
  }
  if (queued < count) {
    const seen = new Uint8Array(count);
    for (let k = 0; k < queued; k++) seen[order[k] as number] = 1;
    const unreachable = seen.indexOf(0);
    fail(`node tree has a cycle: node ${(nodes[unreachable] as V8Node).id} cannot be reached from a root`);
  }
  return { parent, order, indexOfId };
}
