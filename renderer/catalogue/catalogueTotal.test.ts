import { describe, expect, it } from 'vitest';
import { itemSummary } from '../../test/fixtures/item-summary';
import { catalogueTotal, formatMilliseconds } from './catalogueTotal';

const base = itemSummary({ timeSource: 'none' });

describe('catalogueTotal', () => {
  it("shows a profile's total of its default sample type in that type's unit", () => {
    const cpu = {
      ...base,
      sampleTypes: [
        { type: 'samples', unit: 'count' },
        { type: 'cpu', unit: 'nanoseconds' },
      ],
      totals: [120, 1_500_000],
      defaultSampleType: 1,
    };
    expect(catalogueTotal(cpu)).toEqual({ value: 1_500_000, text: '1.5 ms' });
  });

  it('counts collections and time paused for a GC log', () => {
    const log = { ...base, kind: 'gc-log' as const, gc: { gcEvents: 1234, totalPauseMs: 48.25 } };
    expect(catalogueTotal(log)).toEqual({ value: 48.25, text: '1,234 GCs · 48.3 ms paused' });
    const one = { ...log, gc: { gcEvents: 1, totalPauseMs: 0.5 } };
    expect(catalogueTotal(one).text).toBe('1 GC · 0.5 ms paused');
  });

  it("shows a heap snapshot's total self size in bytes", () => {
    const snapshot = {
      ...base,
      kind: 'heap-snapshot' as const,
      heap: { nodes: 10, edges: 20, selfSize: 3 * 1024 * 1024 },
    };
    expect(catalogueTotal(snapshot)).toEqual({ value: 3 * 1024 * 1024, text: '3 MiB' });
  });
});

describe('formatMilliseconds', () => {
  it('keeps milliseconds at every size', () => {
    expect(formatMilliseconds(12_345.6)).toBe('12,346');
    expect(formatMilliseconds(100)).toBe('100');
    expect(formatMilliseconds(99.96)).toBe('100');
    expect(formatMilliseconds(48.25)).toBe('48.3');
    expect(formatMilliseconds(0.5123)).toBe('0.512');
    expect(formatMilliseconds(0)).toBe('0');
    expect(formatMilliseconds(0.0004)).toBe('<0.001');
  });
});
