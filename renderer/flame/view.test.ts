import { describe, expect, it } from 'vitest';
import { computeFlameLayout } from './layout';
import { recursiveTree } from './testTrees';
import { nodeSpanPx, viewForZoom } from './view';

describe('viewForZoom', () => {
  const layout = computeFlameLayout(recursiveTree());

  it('shows the whole tree when not zoomed', () => {
    expect(viewForZoom(layout, 0, 100)).toEqual({ zoomNode: 0, start: 0, span: 10, widthPx: 100, pxPerValue: 10 });
  });

  it('makes the zoomed node fill the width', () => {
    const view = viewForZoom(layout, 3, 100); // c: x 3, total 2
    expect(view).toMatchObject({ start: 3, span: 2, pxPerValue: 50 });
    expect(nodeSpanPx(layout, view, 3)).toEqual({ left: 0, width: 100 });
  });

  it('clips ancestors to full width and drops nodes outside the zoomed range', () => {
    const view = viewForZoom(layout, 3, 100);
    expect(nodeSpanPx(layout, view, 0)).toEqual({ left: 0, width: 100 });
    expect(nodeSpanPx(layout, view, 1)).toEqual({ left: 0, width: 100 });
    expect(nodeSpanPx(layout, view, 2)).toBeNull(); // b ends where c starts
    expect(nodeSpanPx(layout, view, 5)).toBeNull(); // d starts after c ends
  });

  it('places nodes proportionally to their total', () => {
    const view = viewForZoom(layout, 0, 100);
    expect(nodeSpanPx(layout, view, 5)).toEqual({ left: 60, width: 40 });
    expect(nodeSpanPx(layout, view, 3)).toEqual({ left: 30, width: 20 });
  });

  it('falls back to the root for an out-of-range zoom node', () => {
    expect(viewForZoom(layout, 99, 100).zoomNode).toBe(0);
  });

  it('gives an empty tree no scale', () => {
    const empty = computeFlameLayout({ ...recursiveTree(), total: [0, 0, 0, 0, 0, 0] });
    expect(viewForZoom(empty, 0, 100).pxPerValue).toBe(0);
  });
});
