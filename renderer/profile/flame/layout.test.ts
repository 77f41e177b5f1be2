import { describe, expect, it } from 'vitest';
import { computeFlameLayout, pathFromRoot } from './layout';
import { recursiveTree, wideTree } from './testTrees';

describe('computeFlameLayout', () => {
  it('packs children left to right under their parent', () => {
    const layout = computeFlameLayout(recursiveTree());
    expect(Array.from(layout.x)).toEqual([0, 0, 0, 3, 3, 6]);
    expect(layout.nodeCount).toBe(6);
    expect(layout.maxDepth).toBe(3);
  });

  it('finds where each subtree ends in pre-order', () => {
    const layout = computeFlameLayout(recursiveTree());
    expect(Array.from(layout.subtreeEnd)).toEqual([6, 5, 3, 5, 5, 6]);
  });

  it('handles a flat tree', () => {
    const layout = computeFlameLayout(wideTree());
    expect(Array.from(layout.x)).toEqual([0, 0, 1, 2, 3]);
    expect(Array.from(layout.subtreeEnd)).toEqual([5, 2, 3, 4, 5]);
  });

  it('handles a tree that is only the root', () => {
    const tree = { ...wideTree(), func: [0], parent: [-1], depth: [0], self: [0], total: [0] };
    const layout = computeFlameLayout(tree);
    expect(Array.from(layout.subtreeEnd)).toEqual([1]);
    expect(layout.maxDepth).toBe(0);
  });

  it('lists the path from the root', () => {
    const layout = computeFlameLayout(recursiveTree());
    expect(pathFromRoot(layout, 4)).toEqual([0, 1, 3, 4]);
    expect(pathFromRoot(layout, 0)).toEqual([0]);
  });
});
