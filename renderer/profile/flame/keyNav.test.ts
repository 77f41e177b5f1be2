import { describe, expect, it } from 'vitest';
import { heaviestChild, isFlameArrowKey, navigateFlame, nextSibling, previousSibling, zoomToReveal } from './keyNav';
import { computeFlameLayout } from './layout';
import { recursiveTree, wideTree } from './testTrees';

// recursiveTree: 0 root ─ 1 a (6) ─ 2 b (3)
//                                 └ 3 c (2) ─ 4 a (2)
//                       └ 5 d (4)
const layout = computeFlameLayout(recursiveTree());

describe('tree steps', () => {
  it('finds the heaviest child, the first of equals, or none for a leaf', () => {
    expect(heaviestChild(layout, 0)).toBe(1);
    expect(heaviestChild(layout, 1)).toBe(2);
    expect(heaviestChild(layout, 3)).toBe(4);
    expect(heaviestChild(layout, 5)).toBe(-1);
    const wide = computeFlameLayout({ ...wideTree(), total: [10, 3, 3, 3, 1] });
    expect(heaviestChild(wide, 0)).toBe(1);
  });

  it('finds siblings on both sides, skipping their subtrees', () => {
    expect(nextSibling(layout, 1)).toBe(5);
    expect(previousSibling(layout, 5)).toBe(1);
    expect(nextSibling(layout, 2)).toBe(3);
    expect(previousSibling(layout, 3)).toBe(2);
    expect(nextSibling(layout, 5)).toBe(-1);
    expect(previousSibling(layout, 1)).toBe(-1);
    expect(nextSibling(layout, 0)).toBe(-1);
    expect(previousSibling(layout, 0)).toBe(-1);
    expect(nextSibling(layout, 4)).toBe(-1); // only child, and last node of the tree
  });
});

describe('navigateFlame', () => {
  it('goes down into the heaviest child and up to the parent in an icicle', () => {
    expect(navigateFlame(layout, 0, 'ArrowDown', 'icicle')).toBe(1);
    expect(navigateFlame(layout, 1, 'ArrowDown', 'icicle')).toBe(2);
    expect(navigateFlame(layout, 4, 'ArrowUp', 'icicle')).toBe(3);
  });

  it('turns Up and Down around in a flame graph, where callees are above', () => {
    expect(navigateFlame(layout, 0, 'ArrowUp', 'flame')).toBe(1);
    expect(navigateFlame(layout, 3, 'ArrowUp', 'flame')).toBe(4);
    expect(navigateFlame(layout, 3, 'ArrowDown', 'flame')).toBe(1);
  });

  it('moves between siblings with Left and Right in either orientation', () => {
    for (const orientation of ['icicle', 'flame'] as const) {
      expect(navigateFlame(layout, 1, 'ArrowRight', orientation)).toBe(5);
      expect(navigateFlame(layout, 5, 'ArrowLeft', orientation)).toBe(1);
    }
  });

  it('stays put at the edges of the tree', () => {
    expect(navigateFlame(layout, 0, 'ArrowUp', 'icicle')).toBe(0);
    expect(navigateFlame(layout, 0, 'ArrowLeft', 'icicle')).toBe(0);
    expect(navigateFlame(layout, 5, 'ArrowDown', 'icicle')).toBe(5);
    expect(navigateFlame(layout, 5, 'ArrowRight', 'flame')).toBe(5);
  });

  it('starts from the root for a node outside the tree', () => {
    expect(navigateFlame(layout, 42, 'ArrowDown', 'icicle')).toBe(0);
  });

  it('recognises only the arrow keys', () => {
    expect(['ArrowUp', 'ArrowLeft', 'Enter', 'a'].map(isFlameArrowKey)).toEqual([true, true, false, false]);
  });
});

describe('zoomToReveal', () => {
  it('keeps the zoom when the node is drawn in it', () => {
    expect(zoomToReveal(layout, 1, 4)).toBe(1); // inside the zoomed subtree
    expect(zoomToReveal(layout, 3, 1)).toBe(3); // an ancestor, drawn full width
    expect(zoomToReveal(layout, 0, 5)).toBe(0);
  });

  it('zooms out to the closest node holding both', () => {
    expect(zoomToReveal(layout, 2, 3)).toBe(1); // siblings b and c: their parent a
    expect(zoomToReveal(layout, 4, 5)).toBe(0);
  });
});
