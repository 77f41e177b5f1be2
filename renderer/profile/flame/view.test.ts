import { describe, expect, it } from 'vitest';
import { computeFlameLayout } from './layout';
import { recursiveTree } from './testTrees';
import { ROW_HEIGHT, depthAtY, depthTop, nodeSpanPx, rowTop, viewForZoom } from './view';

describe('viewForZoom', () => {
  const layout = computeFlameLayout(recursiveTree());

  it('shows the whole tree when not zoomed', () => {
    expect(viewForZoom(layout, 0, 100)).toEqual({
      zoomNode: 0,
      start: 0,
      span: 10,
      widthPx: 100,
      pxPerValue: 10,
      orientation: 'icicle',
      rowCount: 4,
    });
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

describe('row placement by orientation', () => {
  const layout = computeFlameLayout(recursiveTree()); // depths 0..3

  it('puts the root on the top row of an icicle and callees below', () => {
    const icicle = viewForZoom(layout, 0, 100, 'icicle');
    expect([0, 1, 2, 3].map((d) => depthTop(icicle, d))).toEqual([0, 18, 36, 54]);
    expect(rowTop(layout, icicle, 4)).toBe(3 * ROW_HEIGHT); // a under c, depth 3
  });

  it('puts the root on the bottom row of a flame graph and callees above', () => {
    const flame = viewForZoom(layout, 0, 100, 'flame');
    expect([0, 1, 2, 3].map((d) => depthTop(flame, d))).toEqual([54, 36, 18, 0]);
    expect(rowTop(layout, flame, 0)).toBe(3 * ROW_HEIGHT);
  });

  it('counts rows from the canvas it is given, not the tree, when the canvas is capped', () => {
    const capped = viewForZoom(layout, 0, 100, 'flame', 2);
    expect(depthTop(capped, 0)).toBe(ROW_HEIGHT);
    expect(depthTop(capped, 1)).toBe(0);
  });

  it('maps a y coordinate back to the depth drawn there', () => {
    const icicle = viewForZoom(layout, 0, 100, 'icicle');
    const flame = viewForZoom(layout, 0, 100, 'flame');
    expect(depthAtY(icicle, 1)).toBe(0);
    expect(depthAtY(icicle, 71)).toBe(3);
    expect(depthAtY(flame, 1)).toBe(3);
    expect(depthAtY(flame, 71)).toBe(0);
    expect(depthAtY(flame, 72)).toBe(-1); // below the last row
  });
});
