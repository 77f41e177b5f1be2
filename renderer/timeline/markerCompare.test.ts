import { describe, expect, it } from 'vitest';
import { barsOf, timelineOf } from '../../test/fixtures/timeline-canvas';
import { itemSummary } from '../../test/fixtures/item-summary';
import { beforeAfterMarker } from './markerCompare';
import { buildTimeline } from './timelineModel';

const T0 = Date.UTC(2026, 10, 20, 10, 0, 0);
const capture = (id: number, service: string, atS: number) =>
  itemSummary({ id, service, kind: 'cpu', capturedAtMs: T0 + atS * 1000, durationNs: 10e9 });
const lanes = buildTimeline(
  timelineOf([capture(1, 'api', 0), capture(2, 'api', 60), capture(3, 'api', 120), capture(4, 'web', 500)]),
).lanes;

describe('beforeAfterMarker', () => {
  it('compares the period before a marker with the one after it, up to the neighbouring markers', () => {
    expect(barsOf(lanes[0]!)).toHaveLength(3);
    const deploy = { atMs: T0 + 60_000 };
    expect(beforeAfterMarker('api', deploy, [deploy], lanes)).toEqual({
      base: { service: 'api', window: { startMs: T0, endMs: T0 + 60_000 } },
      target: { service: 'api', window: { startMs: T0 + 60_000, endMs: T0 + 130_001 } },
    });
    const later = { atMs: T0 + 100_000 };
    expect(beforeAfterMarker('api', deploy, [deploy, later], lanes)?.target.window).toEqual({
      startMs: T0 + 60_000,
      endMs: T0 + 100_000,
    });
    expect(beforeAfterMarker('api', later, [deploy, later], lanes)?.base.window).toEqual({
      startMs: T0 + 60_000,
      endMs: T0 + 100_000,
    });
  });

  it('offers nothing for a marker with no capture on one side', () => {
    expect(beforeAfterMarker('api', { atMs: T0 - 1 }, [], lanes)).toBeNull();
    expect(beforeAfterMarker('web', { atMs: T0 + 60_000 }, [], lanes)).toBeNull();
  });
});
