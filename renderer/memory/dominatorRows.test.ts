import { describe, expect, it } from 'vitest';
import type { DominatorChildren, DominatorNode } from '../../shared/ipc/memory-contract';
import { dominatorRows } from './dominatorRows';

const n = (nodeId: number, retainedSize: number, childCount = 0): DominatorNode => ({
  nodeId,
  name: `n${nodeId}`,
  nodeType: 'object',
  selfSize: 8,
  retainedSize,
  childCount,
});
const level = (node: DominatorNode, children: DominatorNode[], more = { count: 0, retainedSize: 0 }) =>
  ({ node, children, more }) satisfies DominatorChildren;

describe('dominator tree rows', () => {
  const root = n(1, 1000, 5);
  const levels = new Map<number, DominatorChildren>([
    [1, level(root, [n(2, 600, 1), n(3, 300)], { count: 3, retainedSize: 90 })],
    [2, level(n(2, 600, 1), [n(4, 500)])],
  ]);

  it('lists the root, its children by retained size and "N more" for the rest', () => {
    const rows = dominatorRows(1, levels, new Set([1]));
    expect(
      rows.map((r) => (r.kind === 'more' ? `more ${r.count} ${r.retainedSize}` : `${r.depth} n${r.node.nodeId}`)),
    ).toEqual(['0 n1', '1 n2', '1 n3', 'more 3 90']);
  });

  it('opens a node whose level arrived, and shows one still loading as such', () => {
    const rows = dominatorRows(1, levels, new Set([1, 2]));
    expect(rows.map((r) => (r.kind === 'node' ? r.node.nodeId : 'more'))).toEqual([1, 2, 4, 3, 'more']);
    const waiting = dominatorRows(1, new Map([[1, levels.get(1)!]]), new Set([1, 2]));
    const second = waiting[1];
    expect(second?.kind === 'node' && second.loading).toBe(true);
  });

  it('is empty before the root arrives, and a leaf never opens', () => {
    expect(dominatorRows(1, new Map(), new Set([1]))).toEqual([]);
    const rows = dominatorRows(1, levels, new Set([1, 3]));
    const leaf = rows.find((r) => r.kind === 'node' && r.node.nodeId === 3);
    expect(leaf?.kind === 'node' && leaf.expanded).toBe(false);
  });
});
