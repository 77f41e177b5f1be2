import { describe, expect, it } from 'vitest';
import type { RetainerTreeNode } from '../../shared/ipc/memory-contract';
import { heaviestBranchKeys, retainerRows, toggleKey, type RetainerRow } from './retainerTreeRows';

const node = (
  name: string,
  edge: string,
  instances: number,
  children: RetainerTreeNode[] = [],
  omitted: RetainerTreeNode['omitted'] = null,
): RetainerTreeNode => ({
  node: name,
  nodeType: 'object',
  edge,
  instances,
  self: children.length === 0 ? instances : 0,
  children,
  omitted,
});

// (GC roots) → global → registry → Map → (topics a 60, topics b 40); a second root branch of 5.
const tree = node('(GC roots)', '', 105, [
  node('global', '1', 100, [
    node('Registry', 'registry', 100, [
      node('Map', 'topics', 100, [node('Subscription', 'a', 60), node('Subscription', 'b', 40)], {
        children: 3,
        instances: 7,
      }),
    ]),
  ]),
  node('Timer', '2', 5, [node('Subscription', 'sub', 5)]),
]);

describe('retainer tree rows', () => {
  it('opens the heaviest branch first: first children from the root to a leaf', () => {
    expect([...heaviestBranchKeys(tree)]).toEqual(['0', '0.0', '0.0.0', '0.0.0.0']);
    const rows = retainerRows(tree, heaviestBranchKeys(tree));
    const lines = rows.map((r) =>
      'omitted' in r ? `${r.depth} +${r.omitted.children}` : `${r.depth} ${r.edge} → ${r.node} ${r.instances}`,
    );
    expect(lines).toEqual([
      '0  → (GC roots) 105',
      '1 1 → global 100',
      '2 registry → Registry 100',
      '3 topics → Map 100',
      '4 a → Subscription 60',
      '4 b → Subscription 40',
      '4 +3',
      '1 2 → Timer 5',
    ]);
  });

  it('shows a collapsed branch as one row, and its children once toggled open', () => {
    const collapsed = retainerRows(tree, new Set(['0']));
    expect(collapsed.map((r) => r.key)).toEqual(['0', '0.0', '0.1']);
    const timer = collapsed[2] as RetainerRow;
    expect({ expanded: timer.expanded, childCount: timer.childCount }).toEqual({ expanded: false, childCount: 1 });
    const opened = retainerRows(tree, toggleKey(new Set(['0']), '0.1'));
    expect(opened.map((r) => r.key)).toEqual(['0', '0.0', '0.1', '0.1.0']);
    expect(toggleKey(toggleKey(new Set(['0']), '0.1'), '0.1')).toEqual(new Set(['0']));
  });

  it('counts the branches the service left off as children, and the leaf its own instances', () => {
    const map = retainerRows(tree, heaviestBranchKeys(tree))[3] as RetainerRow;
    expect(map.childCount).toBe(5);
    const leaf = retainerRows(tree, heaviestBranchKeys(tree))[4] as RetainerRow;
    expect({ self: leaf.self, childCount: leaf.childCount }).toEqual({ self: 60, childCount: 0 });
  });
});
