/** Attribution of heap in use to allocation sites: the leaf, with runtime leaves charged to their nearest caller. */
import { describe, expect, it } from 'vitest';
import { WeightedStacksBuilder } from '../query/weighted-stacks';
import { allocationSites, captureSites, isRuntimeFrame, seriesOfSites, siteKey } from './heap-series';
import { allocationBands, cumulativeRate, leakRanking } from './leak-view';

const NAMES = [
  'main.main', // 0
  'main.addEntry', // 1
  'runtime.makeslice', // 2
  'runtime.mallocgc', // 3
  'runtime.main', // 4
  'runtime.malg', // 5
  'container/list.(*List).PushFront', // 6
  '(root)', // 7
  'handler', // 8
  '(V8 API)', // 9
];
const FILES = NAMES.map((name) => (name.startsWith('(') || name === 'handler' ? 'app.js' : 'x.go'));

function stacks(entries: [number[], number][]) {
  const builder = new WeightedStacksBuilder();
  for (const [funcs, value] of entries) builder.add(funcs, value);
  return builder.finish(
    NAMES,
    FILES,
    NAMES.map(() => 0),
  );
}

const value = (sites: ReturnType<typeof allocationSites>, f: number): number | undefined =>
  sites.get(siteKey(NAMES[f] as string, FILES[f] as string))?.value;

describe('allocationSites', () => {
  it('charges a runtime leaf to its nearest caller outside the runtime, and keeps library leaves', () => {
    const sites = allocationSites(
      stacks([
        [[0, 1], 100], // main.addEntry itself
        [[0, 1, 2, 3], 50], // make inside addEntry, through runtime.makeslice → mallocgc
        [[0, 6], 7], // container/list is not the runtime: its own site
        [[4, 5], 3], // only runtime frames: the leaf stays
        [[7, 8, 9], 11], // V8: the "(V8 API)" pseudo-frame charged to handler
        [[7], 2], // V8's "(root)" alone: kept
      ]),
    );
    expect(value(sites, 1)).toBe(150);
    expect(value(sites, 6)).toBe(7);
    expect(value(sites, 5)).toBe(3);
    expect(value(sites, 8)).toBe(11);
    expect(value(sites, 7)).toBe(2);
    expect(value(sites, 2)).toBeUndefined();
    expect(value(sites, 0)).toBeUndefined();
    expect([...sites.values()].reduce((sum, s) => sum + s.value, 0)).toBe(173);
    expect(isRuntimeFrame('runtime.mapassign_fast64')).toBe(true);
    expect(isRuntimeFrame('runtimeStats.add')).toBe(false);
  });
});

describe('the series, the ranking and the bands', () => {
  const captures = [
    stacks([
      [[0, 1, 2], 10_000_000],
      [[0, 6], 50_000_000],
      [[4, 5], 100_000],
    ]),
    stacks([
      [[0, 1, 2], 40_000_000],
      [[0, 6], 50_000_000],
    ]),
    stacks([
      [[0, 1], 70_000_000],
      [[0, 6], 50_000_000],
    ]),
    stacks([
      [[0, 1], 100_000_000],
      [[0, 6], 50_000_000],
      [[4, 5], 100_000],
    ]),
  ].map((stacks) => captureSites(stacks));
  const series = seriesOfSites(captures);
  const context = {
    sampleType: { type: 'inuse_space', unit: 'bytes' },
    captures: [0, 1, 2, 3].map((i) => ({ itemId: i + 1, atMs: 1_000 + i * 2_000 })),
    samplingBytes: 512 * 1024,
    limitBytes: null,
  };

  it('ranks what grows first and leaves out what is under 1% of the heap', () => {
    const result = leakRanking(series, context, 10);
    expect(result.rows.map((r) => [r.function, r.verdict])).toEqual([
      ['main.addEntry', 'growing'],
      ['container/list.(*List).PushFront', 'stable'],
    ]);
    expect(result.rows[0]?.series).toEqual([10_000_000, 40_000_000, 70_000_000, 100_000_000]);
    expect(result.rows[0]?.slope).toBeCloseTo(15_000_000, 3);
    expect(leakRanking(series, context, 1).rows).toHaveLength(1);
  });

  it('makes bands whose sum with other is the total exactly', () => {
    const timeline = allocationBands(series, context, 1, null);
    expect(timeline.bands.map((b) => b.function)).toEqual(['main.addEntry']);
    expect(timeline.total).toEqual([60_100_000, 90_000_000, 120_000_000, 150_100_000]);
    expect(timeline.other).toEqual([50_100_000, 50_000_000, 50_000_000, 50_100_000]);
  });

  it('makes a rate from a cumulative counter, leaving out a fall (a restart) and refused pairs', () => {
    const rate = cumulativeRate(context.captures, [1_000, 5_000, 2_000, 6_000], (i) => i !== 2);
    expect(rate).toEqual([{ fromMs: 1_000, toMs: 3_000, bytesPerSecond: 2_000 }]);
    expect(cumulativeRate(context.captures, [null, null, null, null], () => true)).toBeNull();
  });
});
