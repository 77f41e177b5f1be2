import { describe, expect, it } from 'vitest';
import type { AllocationTimeline } from '../../shared/ipc/memory-contract';
import { AREA_MARGIN, bandAt, layoutStackedArea, nearestCapture, OTHER_BAND, stackBands, valueY } from './stackedArea';

const MiB = 1024 * 1024;

/** Three captures a minute apart: a growing map, a flat cache, and the rest. */
function timeline(overrides: Partial<AllocationTimeline> = {}): AllocationTimeline {
  const bands = [
    { function: 'main.addEntry', file: 'main.go', values: [10 * MiB, 20 * MiB, 30 * MiB] },
    { function: 'main.cachePut', file: 'main.go', values: [8 * MiB, 8 * MiB + 4096, 8 * MiB] },
  ];
  const other = [1_000_003, 999_999, 1_234_567];
  const total = [0, 1, 2].map((i) => bands.reduce((s, b) => s + (b.values[i] as number), 0) + (other[i] as number));
  return {
    sampleType: { type: 'inuse_space', unit: 'bytes' },
    captures: [0, 1, 2].map((i) => ({ itemId: i + 1, atMs: Date.UTC(2026, 11, 7, 12, i) })),
    bands,
    other,
    total,
    allocationRate: [
      { fromMs: Date.UTC(2026, 11, 7, 12, 0), toMs: Date.UTC(2026, 11, 7, 12, 1), bytesPerSecond: 2 * MiB },
      { fromMs: Date.UTC(2026, 11, 7, 12, 1), toMs: Date.UTC(2026, 11, 7, 12, 2), bytesPerSecond: 3 * MiB },
    ],
    ...overrides,
  };
}

describe('stackBands', () => {
  it('stacks the top functions from the axis up and other on top, reaching the total exactly', () => {
    const t = timeline();
    const bands = stackBands(t);
    expect(bands.map((b) => b.name)).toEqual(['main.addEntry', 'main.cachePut', OTHER_BAND]);
    expect(bands[0]?.lower).toEqual([0, 0, 0]);
    expect(bands[1]?.lower).toEqual(bands[0]?.upper);
    expect(bands[2]?.lower).toEqual(bands[1]?.upper);
    expect(bands[2]?.upper).toEqual(t.total);
    for (const band of bands)
      band.values.forEach((v, i) => expect((band.upper[i] as number) - (band.lower[i] as number)).toBe(v));
  });
});

describe('layoutStackedArea', () => {
  const width = 800;
  const height = 260;

  it('puts the captures on the wall clock, first at the plot left, last at its right', () => {
    const layout = layoutStackedArea(timeline(), width, height);
    expect(layout.plot.x).toBe(AREA_MARGIN.left);
    expect(layout.plot.width).toBe(width - AREA_MARGIN.left - AREA_MARGIN.rightWithRate);
    expect(layout.xs[0]).toBe(layout.plot.x);
    expect(layout.xs[1]).toBeCloseTo(layout.plot.x + layout.plot.width / 2, 9);
    expect(layout.xs[2]).toBeCloseTo(layout.plot.x + layout.plot.width, 9);
  });

  it('scales the left axis to a round number of MiB at or above the largest total', () => {
    const layout = layoutStackedArea(timeline(), width, height);
    const top = Math.max(...timeline().total);
    expect(layout.yMax).toBeGreaterThanOrEqual(top);
    expect(layout.yMax % MiB).toBe(0);
    expect(valueY(layout, 0)).toBe(layout.plot.y + layout.plot.height);
    expect(valueY(layout, layout.yMax)).toBe(layout.plot.y);
    expect(layout.valueTicks[0]?.label).toBe('0 B');
  });

  it('draws the allocation rate as steps between the captures on a right axis in bytes per second', () => {
    const layout = layoutStackedArea(timeline(), width, height);
    expect(layout.rateSteps).toHaveLength(2);
    expect(layout.rateSteps[0]?.x0).toBe(layout.xs[0]);
    expect(layout.rateSteps[1]?.x1).toBeCloseTo(layout.xs[2] as number, 9);
    expect((layout.rateSteps[1]?.y as number) < (layout.rateSteps[0]?.y as number)).toBe(true);
    expect(layout.rateTicks.every((t) => t.label.endsWith('/s'))).toBe(true);
  });

  it('has no rate axis, and a narrower right margin, when the captures state no cumulative allocation', () => {
    const layout = layoutStackedArea(timeline({ allocationRate: null }), width, height);
    expect(layout.rateSteps).toEqual([]);
    expect(layout.rateTicks).toEqual([]);
    expect(layout.plot.width).toBe(width - AREA_MARGIN.left - AREA_MARGIN.right);
  });

  it('survives captures at one instant', () => {
    const t = timeline();
    const at = t.captures[0]?.atMs as number;
    const layout = layoutStackedArea({ ...t, captures: t.captures.map((c) => ({ ...c, atMs: at })) }, width, height);
    expect(layout.xs.every((x) => Number.isFinite(x))).toBe(true);
  });
});

describe('hit-testing', () => {
  const layout = layoutStackedArea(timeline(), 800, 260);
  const midY = (band: number, capture: number): number => {
    const b = layout.bands[band]!;
    return (valueY(layout, b.lower[capture] as number) + valueY(layout, b.upper[capture] as number)) / 2;
  };

  it('finds the band under a point at a capture', () => {
    for (let b = 0; b < layout.bands.length; b++) {
      expect(bandAt(layout, layout.xs[2] as number, midY(b, 2))).toBe(b);
    }
  });

  it('interpolates the band edges between captures, as the area is drawn', () => {
    // Halfway between captures 0 and 1 the growing band's top is at 15 MiB: just below is it, just above is the cache.
    const x = ((layout.xs[0] as number) + (layout.xs[1] as number)) / 2;
    const edge = valueY(layout, 15 * MiB);
    expect(bandAt(layout, x, edge + 2)).toBe(0);
    expect(bandAt(layout, x, edge - 2)).toBe(1);
  });

  it('finds nothing above the stack or outside the plot', () => {
    expect(bandAt(layout, layout.xs[0] as number, layout.plot.y + 1)).toBeNull();
    expect(bandAt(layout, layout.plot.x - 5, midY(0, 0))).toBeNull();
    expect(bandAt(layout, layout.plot.x + layout.plot.width + 5, midY(0, 2))).toBeNull();
  });

  it('names the nearest capture for the tooltip', () => {
    expect(nearestCapture(layout, 0)).toBe(0);
    expect(nearestCapture(layout, (layout.xs[1] as number) + 3)).toBe(1);
    expect(nearestCapture(layout, 10_000)).toBe(2);
  });
});
