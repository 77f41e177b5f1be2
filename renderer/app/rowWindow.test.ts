import { describe, expect, it } from 'vitest';
import { rowWindow } from './rowWindow';

describe('rowWindow', () => {
  it('draws a list up to minCount rows whole', () => {
    expect(rowWindow({ count: 400, rowHeight: 28, scrollTop: 5000, viewportHeight: 200 })).toEqual({
      start: 0,
      end: 400,
      padTop: 0,
      padBottom: 0,
    });
  });

  it('draws the rows in view plus the overscan, with spacers for the rest', () => {
    // 10,000 rows of 28 px, scrolled to row 1,000 (28,000 px), 260 px tall: rows 1,000..1,010 are in view.
    const w = rowWindow({ count: 10_000, rowHeight: 28, scrollTop: 28_000, viewportHeight: 260, overscan: 20 });
    expect(w).toEqual({ start: 980, end: 1031, padTop: 980 * 28, padBottom: (10_000 - 1031) * 28 });
    // The spacers and the drawn rows add up to the whole list's height.
    expect(w.padTop + (w.end - w.start) * 28 + w.padBottom).toBe(10_000 * 28);
  });

  it('clamps at the top and the bottom', () => {
    expect(rowWindow({ count: 1000, rowHeight: 20, scrollTop: 0, viewportHeight: 100, overscan: 5 })).toEqual({
      start: 0,
      end: 11,
      padTop: 0,
      padBottom: 989 * 20,
    });
    expect(rowWindow({ count: 1000, rowHeight: 20, scrollTop: 99_999, viewportHeight: 100, overscan: 5 })).toEqual({
      start: 989,
      end: 1000,
      padTop: 989 * 20,
      padBottom: 0,
    });
  });
});
