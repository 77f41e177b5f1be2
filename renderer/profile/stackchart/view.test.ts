import { describe, expect, it } from 'vitest';
import type { StackChart } from '../../../shared/ipc/contract';
import { emptyStackChart } from '../../../shared/query/stack-chart';
import { clampRange, MIN_SPAN_NS, needsReload, panBy, requestFor, timeAt, xOf, zoomAt } from './view';

const BOUNDS = { startNs: 0, endNs: 10e9 };

function loaded(rangeStartNs: number, rangeEndNs: number, minDurationNs: number): StackChart {
  return { ...emptyStackChart(), hasTimes: true, timeEndNs: 10e9, rangeStartNs, rangeEndNs, minDurationNs };
}

describe('stack chart view', () => {
  it('maps times to pixels and back', () => {
    const range = { startNs: 1e9, endNs: 3e9 };
    expect(xOf(range, 1000, 2e9)).toBe(500);
    expect(timeAt(range, 1000, 250)).toBe(1.5e9);
  });

  it('zooms around the pointer, keeping the time under it in place', () => {
    const range = { startNs: 2e9, endNs: 6e9 };
    const zoomed = zoomAt(range, BOUNDS, 0.25, -500); // one e-fold in
    expect(zoomed.endNs - zoomed.startNs).toBeCloseTo(4e9 / Math.E, 0);
    expect(timeAt(zoomed, 800, 200)).toBeCloseTo(timeAt(range, 800, 200), 0);
    // Zooming out never goes past the profile.
    expect(zoomAt(range, BOUNDS, 0.5, 10_000)).toEqual(BOUNDS);
    // Zooming in stops at MIN_SPAN_NS.
    const tiny = zoomAt(range, BOUNDS, 0.5, -100_000);
    expect(tiny.endNs - tiny.startNs).toBe(MIN_SPAN_NS);
  });

  it('pans by pixels and stops at the ends of the profile', () => {
    const range = { startNs: 2e9, endNs: 4e9 };
    expect(panBy(range, BOUNDS, 100, 1000)).toEqual({ startNs: 2.2e9, endNs: 4.2e9 });
    expect(panBy(range, BOUNDS, -5000, 1000)).toEqual({ startNs: 0, endNs: 2e9 });
    expect(panBy(range, BOUNDS, 1e6, 1000)).toEqual({ startNs: 8e9, endNs: 10e9 });
    expect(clampRange({ startNs: -5, endNs: 20e9 }, BOUNDS)).toEqual(BOUNDS);
  });

  it('asks for one more screen on each side at the same resolution, within the profile', () => {
    expect(requestFor({ startNs: 4e9, endNs: 5e9 }, BOUNDS, 1000)).toEqual({ startNs: 3e9, endNs: 6e9, widthPx: 3000 });
    expect(requestFor({ startNs: 0, endNs: 1e9 }, BOUNDS, 1000)).toEqual({ startNs: 0, endNs: 2e9, widthPx: 2000 });
    expect(requestFor(BOUNDS, BOUNDS, 1400)).toEqual({ ...BOUNDS, widthPx: 1400 });
  });

  it('reloads when the view leaves the loaded range or the resolution no longer fits', () => {
    // Loaded 3-6 s at 1 ms per pixel (3,000 px).
    const chart = loaded(3e9, 6e9, 1e6);
    expect(needsReload(chart, { startNs: 4e9, endNs: 5e9 }, 1000)).toBe(false);
    expect(needsReload(chart, { startNs: 3.5e9, endNs: 4.5e9 }, 1000)).toBe(false); // panned within
    expect(needsReload(chart, { startNs: 2.9e9, endNs: 3.9e9 }, 1000)).toBe(true); // panned out
    expect(needsReload(chart, { startNs: 4e9, endNs: 4.5e9 }, 1000)).toBe(true); // zoomed in 2x
    expect(needsReload(loaded(0, 10e9, 1e6), { startNs: 0, endNs: 10e9 }, 1000)).toBe(true); // zoomed far out
    expect(needsReload(loaded(0, 10e9, 1e7), BOUNDS, 1000)).toBe(false);
  });
});
