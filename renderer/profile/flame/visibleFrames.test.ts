import { describe, expect, it } from 'vitest';
import { computeFlameLayout } from './layout';
import { recursiveTree, wideTree } from './testTrees';
import { viewForZoom } from './view';
import { collectVisibleFrames } from './visibleFrames';

describe('collectVisibleFrames', () => {
  it('draws every frame when all are wide enough', () => {
    const layout = computeFlameLayout(recursiveTree());
    const frames = collectVisibleFrames(layout, viewForZoom(layout, 0, 100), 10);
    expect(frames.nodes).toEqual([0, 1, 2, 3, 4, 5]);
    expect(frames.left).toEqual([0, 0, 0, 30, 30, 60]);
    expect(frames.width).toEqual([100, 60, 30, 20, 20, 40]);
    expect(frames.merged).toEqual([]);
  });

  it('draws only the zoomed subtree and its ancestors', () => {
    const layout = computeFlameLayout(recursiveTree());
    const frames = collectVisibleFrames(layout, viewForZoom(layout, 3, 100), 10);
    expect(frames.nodes).toEqual([0, 1, 3, 4]);
    expect(frames.width).toEqual([100, 100, 100, 100]);
  });

  it('skips the subtree of a frame that is too narrow', () => {
    const layout = computeFlameLayout(recursiveTree());
    // 1 px per value: c is 2 px wide, under the 2.5 px minimum, so c and the a below it go.
    const frames = collectVisibleFrames(layout, viewForZoom(layout, 0, 10), 10, 2.5);
    expect(frames.nodes).toEqual([0, 1, 2, 5]);
    // c alone is still narrower than the minimum, so no block stands in for it either.
    expect(frames.merged).toEqual([]);
  });

  it('merges adjacent narrow frames into one block', () => {
    const layout = computeFlameLayout(wideTree());
    const frames = collectVisibleFrames(layout, viewForZoom(layout, 0, 10), 10, 1.5);
    expect(frames.nodes).toEqual([0, 4]);
    expect(frames.left).toEqual([0, 3]);
    expect(frames.merged).toEqual([{ depth: 1, left: 0, width: 3 }]);
  });

  it('stops at the last drawable row', () => {
    const layout = computeFlameLayout(recursiveTree());
    const frames = collectVisibleFrames(layout, viewForZoom(layout, 0, 100), 2);
    expect(frames.nodes).toEqual([0, 1, 5]);
  });

  it('draws nothing for an empty tree', () => {
    const layout = computeFlameLayout({ ...recursiveTree(), total: [0, 0, 0, 0, 0, 0] });
    expect(collectVisibleFrames(layout, viewForZoom(layout, 0, 100), 10).nodes).toEqual([]);
  });
});
