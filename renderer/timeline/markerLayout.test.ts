import { describe, expect, it } from 'vitest';
import type { TimelineMarkerView } from '../../shared/ipc/contract';
import { flagAt, isEditable, layoutFlags, MERGE_PX, sourceText } from './markerLayout';

const marker = (atMs: number, source: TimelineMarkerView['source'] = 'user', id?: number): TimelineMarkerView => ({
  atMs,
  label: `m${atMs}`,
  source,
  ...(id !== undefined ? { annotationId: id } : {}),
});

/** 1,000 px over 1,000 ms: one pixel per millisecond. */
const RANGE = { fromMs: 0, toMs: 1000 };

describe('layoutFlags', () => {
  it('places each marker at its x and merges those within MERGE_PX of a flag into a count', () => {
    const markers = [marker(100), marker(105), marker(107), marker(108), marker(300), marker(900)];
    const flags = layoutFlags(markers, RANGE, 1000);
    expect(flags.map((f) => [f.x, f.markers.map((m) => m.atMs)])).toEqual([
      [100, [100, 105, 107]],
      [108, [108]],
      [300, [300]],
      [900, [900]],
    ]);
    expect(MERGE_PX).toBe(8);
  });

  it('never lets a flag span more than MERGE_PX however dense the markers', () => {
    const dense = Array.from({ length: 1000 }, (_, i) => marker(i));
    const flags = layoutFlags(dense, RANGE, 1000);
    expect(flags).toHaveLength(125);
    expect(flags.every((f) => f.markers.length === 8)).toBe(true);
    expect(flags.reduce((n, f) => n + f.markers.length, 0)).toBe(1000);
    // Zoomed in 10×, markers 10 px apart each get their own flag.
    expect(
      layoutFlags(dense, { fromMs: 0, toMs: 100 }, 1000)
        .slice(0, 3)
        .map((f) => f.markers.length),
    ).toEqual([1, 1, 1]);
  });

  it('keeps only the markers in view, plus one pixel either side', () => {
    const markers = [marker(-50), marker(-1), marker(0), marker(500), marker(1000), marker(1001), marker(1200)];
    const flags = layoutFlags(markers, RANGE, 1000, 0.5);
    expect(flags.map((f) => f.markers[0]?.atMs)).toEqual([-1, 0, 500, 1000, 1001]);
    expect(layoutFlags(markers, { fromMs: 5, toMs: 5 }, 1000)).toEqual([]);
    expect(layoutFlags(markers, RANGE, 0)).toEqual([]);
  });
});

describe('flagAt', () => {
  const flags = layoutFlags([marker(100), marker(104), marker(120), marker(500)], RANGE, 1000);

  it('hits a flag within the slop, the nearest one when two are close', () => {
    expect(flagAt(flags, 103)?.markers.map((m) => m.atMs)).toEqual([100, 104]);
    expect(flagAt(flags, 117)?.markers.map((m) => m.atMs)).toEqual([120]);
    expect(flagAt(flags, 96)?.x).toBe(100);
    expect(flagAt(flags, 500)?.x).toBe(500);
  });

  it('misses between flags', () => {
    expect(flagAt(flags, 110)).toBeNull();
    expect(flagAt(flags, 95)).toBeNull();
    expect(flagAt([], 0)).toBeNull();
  });
});

describe('marker text', () => {
  it('spells each source, and the file an imported annotation came from', () => {
    expect(sourceText(marker(1, 'build-id'))).toBe('build id changed');
    expect(sourceText(marker(1, 'label'))).toBe('version label changed');
    expect(sourceText(marker(1, 'restart'))).toBe('process restarted');
    expect(sourceText(marker(1, 'user', 3))).toBe('added by you');
    expect(sourceText({ ...marker(1, 'file', 4), origin: 'deploys.csv' })).toBe('from deploys.csv');
    expect(sourceText(marker(1, 'file', 4))).toBe('imported from a file');
  });

  it('lets only stored annotations be edited', () => {
    expect(isEditable(marker(1, 'user', 3))).toBe(true);
    expect(isEditable(marker(1, 'file', 4))).toBe(true);
    expect(isEditable(marker(1, 'build-id'))).toBe(false);
    expect(isEditable(marker(1, 'user'))).toBe(false);
  });
});
