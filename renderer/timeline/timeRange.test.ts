import { describe, expect, it } from 'vitest';
import { fitRange, MIN_SPAN_MS, panRange, timeAtX, xAtTime, zoomRange } from './timeRange';

describe('timeRange', () => {
  it('fits every bar with a 3% margin, and a single instant with a minute around it', () => {
    expect(fitRange({ fromMs: 1000, toMs: 2000 })).toEqual({ fromMs: 970, toMs: 2030 });
    expect(fitRange({ fromMs: 5000, toMs: 5000 })).toEqual({ fromMs: -25_000, toMs: 35_000 });
  });

  it('zooms about an anchor that stays put on the screen', () => {
    const range = { fromMs: 0, toMs: 1000 };
    const zoomed = zoomRange(range, 2, 250);
    expect(zoomed).toEqual({ fromMs: 125, toMs: 625 });
    expect(xAtTime(zoomed, 800, 250)).toBeCloseTo(xAtTime(range, 800, 250));
    expect(zoomRange(zoomed, 0.5, 250)).toEqual(range);
  });

  it('stops zooming in at the minimum span', () => {
    const tiny = zoomRange({ fromMs: 0, toMs: 2 }, 100, 1);
    expect(tiny.toMs - tiny.fromMs).toBe(MIN_SPAN_MS);
  });

  it('pans by a time and converts between x and time', () => {
    expect(panRange({ fromMs: 0, toMs: 1000 }, -200)).toEqual({ fromMs: -200, toMs: 800 });
    expect(timeAtX({ fromMs: 1000, toMs: 2000 }, 500, 250)).toBe(1500);
    expect(xAtTime({ fromMs: 1000, toMs: 2000 }, 500, 1500)).toBe(250);
  });
});
