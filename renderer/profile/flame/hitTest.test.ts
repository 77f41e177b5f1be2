import { describe, expect, it } from 'vitest';
import { hitTest } from './hitTest';
import { computeFlameLayout } from './layout';
import { recursiveTree } from './testTrees';
import { ROW_HEIGHT, viewForZoom } from './view';

/** The y coordinate of the middle of a row. */
const rowY = (row: number): number => row * ROW_HEIGHT + ROW_HEIGHT / 2;

describe('hitTest', () => {
  const layout = computeFlameLayout(recursiveTree());
  const full = viewForZoom(layout, 0, 100);

  it('finds the root on the top row', () => {
    expect(hitTest(layout, full, 65, rowY(0))).toBe(0);
  });

  it('walks down to the frame under the point', () => {
    expect(hitTest(layout, full, 65, rowY(1))).toBe(5); // d spans 60..100
    expect(hitTest(layout, full, 5, rowY(1))).toBe(1); // a spans 0..60
    expect(hitTest(layout, full, 35, rowY(2))).toBe(3); // c spans 30..50
    expect(hitTest(layout, full, 35, rowY(3))).toBe(4); // a under c
  });

  it('returns -1 where there is no frame', () => {
    expect(hitTest(layout, full, 5, rowY(3))).toBe(-1); // below b, a leaf
    expect(hitTest(layout, full, 55, rowY(2))).toBe(-1); // a's self gap
    expect(hitTest(layout, full, 95, rowY(2))).toBe(-1); // below d
    expect(hitTest(layout, full, 50, rowY(9))).toBe(-1); // below the deepest row
    expect(hitTest(layout, full, 100, rowY(0))).toBe(-1); // right of the canvas
    expect(hitTest(layout, full, -1, rowY(0))).toBe(-1);
  });

  it('uses the zoomed geometry', () => {
    const zoomed = viewForZoom(layout, 3, 100); // c fills 0..100
    expect(hitTest(layout, zoomed, 10, rowY(0))).toBe(0);
    expect(hitTest(layout, zoomed, 90, rowY(1))).toBe(1); // ancestor a, full width
    expect(hitTest(layout, zoomed, 90, rowY(2))).toBe(3);
    expect(hitTest(layout, zoomed, 90, rowY(3))).toBe(4);
  });

  it('ignores frames too narrow to be drawn', () => {
    const narrow = viewForZoom(layout, 0, 10); // c is 2 px wide
    expect(hitTest(layout, narrow, 3.5, rowY(2), 2.5)).toBe(-1);
    expect(hitTest(layout, narrow, 1, rowY(2), 2.5)).toBe(2); // b is 3 px wide
  });
});

describe('hitTest in a flame graph (root at the bottom)', () => {
  const layout = computeFlameLayout(recursiveTree()); // 4 rows
  const full = viewForZoom(layout, 0, 100, 'flame');
  /** The middle of the row that frames of `depth` are drawn on. */
  const depthY = (depth: number): number => (3 - depth) * ROW_HEIGHT + ROW_HEIGHT / 2;

  it('finds the root on the bottom row and callees above it', () => {
    expect(hitTest(layout, full, 65, depthY(0))).toBe(0);
    expect(hitTest(layout, full, 65, rowY(3))).toBe(0);
    expect(hitTest(layout, full, 65, depthY(1))).toBe(5); // d
    expect(hitTest(layout, full, 35, depthY(2))).toBe(3); // c
    expect(hitTest(layout, full, 35, rowY(0))).toBe(4); // a under c, on the top row
  });

  it('returns -1 above the tip of a stack and below the root', () => {
    expect(hitTest(layout, full, 5, rowY(0))).toBe(-1); // above b, a leaf
    expect(hitTest(layout, full, 50, 4 * ROW_HEIGHT + 1)).toBe(-1);
  });

  it('uses the zoomed geometry', () => {
    const zoomed = viewForZoom(layout, 3, 100, 'flame'); // c fills 0..100
    expect(hitTest(layout, zoomed, 10, depthY(0))).toBe(0);
    expect(hitTest(layout, zoomed, 90, depthY(1))).toBe(1);
    expect(hitTest(layout, zoomed, 90, depthY(3))).toBe(4);
  });
});
