import { describe, expect, it } from 'vitest';
import { findFrameRect, frameAnnouncement, nodeName } from './frameLookup';
import { computeFlameLayout } from './layout';
import { recursiveTree } from './testTrees';
import { ROW_HEIGHT, viewForZoom } from './view';
import { collectVisibleFrames } from './visibleFrames';

describe('findFrameRect', () => {
  const layout = computeFlameLayout(recursiveTree());
  const frames = collectVisibleFrames(layout, viewForZoom(layout, 0, 100), 10);

  it('names nodes by function, the synthetic root as root', () => {
    expect(nodeName(layout, 0)).toBe('root');
    expect(nodeName(layout, 4)).toBe('a');
  });

  it('returns the widest drawn frame with the name', () => {
    // a appears twice: 60 px wide at depth 1 and 20 px wide at depth 3.
    expect(findFrameRect(layout, frames, 'a')).toEqual({ x: 0, y: ROW_HEIGHT, w: 60, h: ROW_HEIGHT });
    expect(findFrameRect(layout, frames, 'd')).toEqual({ x: 60, y: ROW_HEIGHT, w: 40, h: ROW_HEIGHT });
    expect(findFrameRect(layout, frames, 'root')).toEqual({ x: 0, y: 0, w: 100, h: ROW_HEIGHT });
  });

  it('returns null for a name that is not drawn', () => {
    expect(findFrameRect(layout, frames, 'nope')).toBeNull();
    const zoomed = collectVisibleFrames(layout, viewForZoom(layout, 3, 100), 10);
    expect(findFrameRect(layout, zoomed, 'd')).toBeNull();
  });
});

describe('findFrameRect in a flame graph', () => {
  const layout = computeFlameLayout(recursiveTree());
  const view = viewForZoom(layout, 0, 100, 'flame');
  const frames = collectVisibleFrames(layout, view, 10);

  it('measures rows from the bottom', () => {
    expect(findFrameRect(layout, frames, 'root', view)).toEqual({ x: 0, y: 3 * ROW_HEIGHT, w: 100, h: ROW_HEIGHT });
    expect(findFrameRect(layout, frames, 'd', view)).toEqual({ x: 60, y: 2 * ROW_HEIGHT, w: 40, h: ROW_HEIGHT });
  });
});

describe('frameAnnouncement', () => {
  const layout = computeFlameLayout(recursiveTree());

  it('names the frame with its total and self shares of the root', () => {
    expect(frameAnnouncement(layout, 1, 10)).toBe('a: 60% of selection, 10% self');
    expect(frameAnnouncement(layout, 0, 10)).toBe('root: 100% of selection, 0% self');
    // Under a filter the view holds less than the selection: shares stay of the selection.
    expect(frameAnnouncement(layout, 1, 20)).toBe('a: 30% of selection, 5% self');
  });
});
