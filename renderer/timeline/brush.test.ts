import { describe, expect, it } from 'vitest';
import { ALL_TIME } from '../../shared/capture/selection';
import {
  BRUSH_THRESHOLD_PX,
  brushPixels,
  brushSelection,
  brushWindow,
  serviceLaneSpan,
  serviceWindowOf,
  toggleItem,
} from './brush';

/** 1,000 px showing 10 s from t=1,000,000 ms: 10 ms per pixel. */
const RANGE = { fromMs: 1_000_000, toMs: 1_010_000 };
const WIDTH = 1000;

describe('brushing a window', () => {
  it('turns a drag into whole milliseconds, in either direction', () => {
    expect(brushWindow(RANGE, WIDTH, 100, 350)).toEqual({ startMs: 1_001_000, endMs: 1_003_500 });
    expect(brushWindow(RANGE, WIDTH, 350, 100)).toEqual({ startMs: 1_001_000, endMs: 1_003_500 });
    // 10.05 px is 1,000,100.5 ms: the start rounds down, the end up, so the dragged range is inside.
    expect(brushWindow(RANGE, WIDTH, 10.05, 20.05)).toEqual({ startMs: 1_000_100, endMs: 1_000_201 });
  });

  it('is a click below the threshold, a brush from it on', () => {
    expect(BRUSH_THRESHOLD_PX).toBe(4);
    expect(brushWindow(RANGE, WIDTH, 500, 503.9)).toBeNull();
    expect(brushWindow(RANGE, WIDTH, 500, 496.1)).toBeNull();
    expect(brushWindow(RANGE, WIDTH, 500, 504)).toEqual({ startMs: 1_005_000, endMs: 1_005_040 });
    expect(brushWindow(RANGE, 0, 0, 100)).toBeNull();
  });

  it('clamps a drag that leaves the plot to its edges', () => {
    expect(brushWindow(RANGE, WIDTH, -50, 200)).toEqual({ startMs: 1_000_000, endMs: 1_002_000 });
    expect(brushWindow(RANGE, WIDTH, 900, 1400)).toEqual({ startMs: 1_009_000, endMs: 1_010_000 });
  });

  it('is never empty when zoomed to under a millisecond a pixel', () => {
    const narrow = { fromMs: 5000, toMs: 5001 };
    expect(brushWindow(narrow, WIDTH, 100, 110)).toEqual({ startMs: 5000, endMs: 5001 });
  });

  it('shades the window where it is at any zoom, clipped to the plot', () => {
    const window = { startMs: 1_001_000, endMs: 1_003_500 };
    expect(brushPixels(RANGE, WIDTH, window)).toEqual({ left: 100, width: 250 });
    // Zoomed in 2× about the window's start: twice as wide, same left edge.
    expect(brushPixels({ fromMs: 1_000_500, toMs: 1_005_500 }, WIDTH, window)).toEqual({ left: 100, width: 500 });
    // Panned so the window starts off the left edge.
    expect(brushPixels({ fromMs: 1_002_000, toMs: 1_012_000 }, WIDTH, window)).toEqual({ left: 0, width: 150 });
    expect(brushPixels({ fromMs: 1_004_000, toMs: 1_014_000 }, WIDTH, window)).toBeNull();
    expect(brushPixels({ fromMs: 990_000, toMs: 1_000_000 }, WIDTH, window)).toBeNull();
  });

  it('selects the lane’s service and kind over the window', () => {
    const window = { startMs: 1, endMs: 2 };
    expect(brushSelection({ service: 'checkout', kind: 'cpu' }, window)).toEqual({
      service: 'checkout',
      window,
      kind: 'cpu',
    });
    expect(brushSelection({ service: null, kind: 'cpu' }, window)).toBeNull();
  });

  it('reads back a service window from the selection, not items or a whole service', () => {
    const window = { startMs: 10, endMs: 20 };
    expect(serviceWindowOf({ service: 'a', window, kind: 'heap' })).toEqual({ service: 'a', window, kind: 'heap' });
    expect(serviceWindowOf({ service: 'a', window })).toEqual({ service: 'a', window });
    expect(serviceWindowOf({ service: 'a', window: { ...ALL_TIME } })).toBeNull();
    expect(serviceWindowOf({ items: [1] })).toBeNull();
    expect(serviceWindowOf(null)).toBeNull();
  });

  it('finds a service’s contiguous lanes', () => {
    const lanes = [{ service: 'a' }, { service: 'b' }, { service: 'b' }, { service: 'b' }, { service: null }];
    expect(serviceLaneSpan(lanes, 'b')).toEqual({ first: 1, last: 3 });
    expect(serviceLaneSpan(lanes, 'a')).toEqual({ first: 0, last: 0 });
    expect(serviceLaneSpan(lanes, 'c')).toBeNull();
  });
});

describe('picking captures with ctrl/cmd-click', () => {
  it('adds, removes, and starts a list from a window or nothing', () => {
    expect(toggleItem(null, 5)).toEqual({ items: [5] });
    expect(toggleItem({ items: [5] }, 7)).toEqual({ items: [5, 7] });
    expect(toggleItem({ items: [5, 7, 9] }, 7)).toEqual({ items: [5, 9] });
    expect(toggleItem({ items: [5] }, 5)).toBeNull();
    expect(toggleItem({ service: 's', window: { startMs: 0, endMs: 1 } }, 3)).toEqual({ items: [3] });
  });
});
