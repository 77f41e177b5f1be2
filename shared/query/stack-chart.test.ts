import { describe, expect, it } from 'vitest';
import type { StackChart } from '../ipc/contract';
import { parseFilters } from './filters';
import { stackChartBoxes, stackChartBoxName, timelineFilters, type StackChartOptions } from './stack-chart';
import { buildTimeline, medianInterval, type TimelineFilter } from './stack-chart-timeline';
import { stacksAndNodesFromText } from './stacks-text';

/**
 * A timeline from one folded stack per sample (`a;b;c`, root first; '' for an
 * empty stack) at the given times (default 0, 10, 20, …).
 */
function timeline(samples: string[], times?: number[], filters: TimelineFilter[] = []) {
  const { stacks, nodes } = stacksAndNodesFromText(samples.map((s) => `${s} 1`));
  return buildTimeline(
    {
      stack: nodes,
      timeNs: Float64Array.from(times ?? samples.map((_, i) => i * 10)),
    },
    stacks,
    filters,
  );
}

function chartOf(
  samples: string[],
  times?: number[],
  options: Partial<StackChartOptions> & { filters?: string } = {},
): StackChart {
  const filters = timelineFilters(parseFilters(options.filters ?? '')).applied;
  return stackChartBoxes(timeline(samples, times, filters), { minDurationNs: 0, maxBoxes: 1_000_000, ...options });
}

/** Each row as "name start-end" boxes, in order. */
function rows(chart: StackChart): string[][] {
  const out: string[][] = [];
  chart.depth.forEach((depth, i) => {
    (out[depth] ??= []).push(`${stackChartBoxName(chart, i)} ${chart.start[i]}-${chart.end[i]}`);
  });
  return out;
}

describe('stack chart boxes', () => {
  it('merges consecutive samples with the same function and the same callers', () => {
    const chart = chartOf(['a;b', 'a;b', 'a;c', 'd']);
    expect(rows(chart)).toEqual([
      ['a 0-30', 'd 30-40'],
      ['b 0-20', 'c 20-30'],
    ]);
    expect(chart.timeStartNs).toBe(0);
    expect(chart.timeEndNs).toBe(40);
    expect(chart.sampleCount).toBe(4);
    expect(chart.maxDepth).toBe(2);
    expect(chart.hasTimes).toBe(true);
  });

  it('does not merge the same function under different callers', () => {
    expect(rows(chartOf(['a;x', 'b;x', 'b;x']))).toEqual([
      ['a 0-10', 'b 10-30'],
      ['x 0-10', 'x 10-30'],
    ]);
  });

  it('starts a new box when a function comes back after another', () => {
    expect(rows(chartOf(['a', 'b', 'a', 'a']))).toEqual([['a 0-10', 'b 10-20', 'a 20-40']]);
  });

  it('merges stacks of the same functions even when they are distinct stacks (other lines)', () => {
    // From the store, stacks of the same functions at other lines are two nodes; here one. The chart sees one path.
    expect(rows(chartOf(['main;work', 'main;work', 'main']))).toEqual([['main 0-30'], ['work 0-20']]);
  });

  it('gives the last sample the median interval, not the mean', () => {
    const chart = chartOf(['a', 'b', 'c', 'd'], [0, 10, 20, 100]);
    expect(rows(chart)).toEqual([['a 0-10', 'b 10-20', 'c 20-100', 'd 100-110']]);
    expect(medianInterval(Float64Array.from([0, 10, 20, 100]))).toBe(10);
    expect(medianInterval(Float64Array.from([0, 10, 30]))).toBe(15);
    expect(medianInterval(Float64Array.from([5]))).toBe(0);
  });

  it('puts samples in time order, keeping the order of equal times', () => {
    const chart = chartOf(['b', 'a', 'c', 'd'], [20, 0, 20, 30]);
    // a at 0, then b and c both at 20 (b first, as given): b lasts 0 ns and draws nothing.
    expect(rows(chart)).toEqual([['a 0-20', 'c 20-30', 'd 30-40']]);
  });

  it('draws nothing for samples with an empty stack: they leave a gap', () => {
    expect(rows(chartOf(['a', '', 'a']))).toEqual([['a 0-10', 'a 20-30']]);
  });

  it('returns no boxes and a zero span for no samples', () => {
    const chart = chartOf([]);
    expect(chart.depth).toEqual([]);
    expect([chart.timeStartNs, chart.timeEndNs, chart.maxDepth]).toEqual([0, 0, 0]);
  });

  it('covers the whole span at depth 0 when every sample has a stack', () => {
    const samples = ['m;a', 'm;a;b', 'x', 'm;c', 'm;c', 'y;z', 'm'];
    const times = [0, 3, 7, 8, 15, 16, 30];
    const chart = chartOf(samples, times);
    let covered = 0;
    chart.depth.forEach((d, i) => {
      if (d === 0) covered += (chart.end[i] as number) - (chart.start[i] as number);
    });
    // Intervals 3, 4, 1, 7, 1, 14: median (1, 1, 3, 4, 7, 14) = 3.5, so the span ends at 33.5.
    expect(chart.timeEndNs).toBe(33.5);
    expect(covered).toBe(33.5);
  });
});

describe('stack chart filters', () => {
  it('leaves a gap where drop removes a sample', () => {
    expect(rows(chartOf(['a;b', 'a;gc', 'a;b'], undefined, { filters: 'drop:gc' }))).toEqual([
      ['a 0-10', 'a 20-30'],
      ['b 0-10', 'b 20-30'],
    ]);
  });

  it('focus starts stacks at the focused function and drops the others', () => {
    expect(rows(chartOf(['a;b;c', 'a;d', 'a;b;e', 'z;b;e'], undefined, { filters: 'focus:^b$' }))).toEqual([
      // b under a and b under z are both the outermost b now: they merge.
      ['b 0-10', 'b 20-40'],
      ['c 0-10', 'e 20-40'],
    ]);
  });

  it('hide removes frames and joins their callees to the callers', () => {
    expect(rows(chartOf(['a;h;b', 'a;b', 'a;h'], undefined, { filters: 'hide:^h$' }))).toEqual([
      ['a 0-30'],
      ['b 0-20'],
    ]);
  });

  it('collapses direct recursion', () => {
    expect(rows(chartOf(['a;f;f;f;b', 'a;f;b', 'a;f;f'], undefined, { filters: 'collapseRecursion' }))).toEqual([
      ['a 0-30'],
      ['f 0-30'],
      ['b 0-20'],
    ]);
  });

  it('names the filters a time-ordered view does not apply', () => {
    const { applied, ignored } = timelineFilters(parseFilters('invert;hide:x;focus:y;invert'));
    expect(applied).toEqual([
      { kind: 'hide', pattern: 'x' },
      { kind: 'focus', pattern: 'y' },
    ]);
    expect(ignored).toEqual(['invert']);
  });

  it('counts rows after the filters: maxDepth follows them', () => {
    expect(chartOf(['a;b;c;d', 'a'], undefined, { filters: 'hide:^[bc]$' }).maxDepth).toBe(2);
  });
});

describe('stack chart range and level of detail', () => {
  // a spans 0-100; under it b, c, b, … each 10 ns; samples every 10 ns.
  const samples = ['a;b', 'a;c', 'a;b', 'a;c', 'a;b', 'a;c', 'a;b', 'a;c', 'a;b', 'a;c'];

  it('returns only boxes that overlap the range, with their real start and end', () => {
    const chart = chartOf(samples, undefined, { startNs: 25, endNs: 41 });
    expect(rows(chart)).toEqual([['a 0-100'], ['b 20-30', 'c 30-40', 'b 40-50']]);
    expect([chart.rangeStartNs, chart.rangeEndNs]).toEqual([25, 41]);
  });

  it('keeps the real end of a box that is open when the range ends', () => {
    const chart = chartOf(['x', 'a;b', 'a;c', 'a;c', 'a;b', 'y'], undefined, { startNs: 0, endNs: 15 });
    expect(rows(chart)).toEqual([['x 0-10', 'a 10-50'], ['b 10-20']]);
  });

  it('merges runs of boxes shorter than minDurationNs into one "(N short)" box', () => {
    const chart = chartOf(samples, undefined, { minDurationNs: 15 });
    expect(rows(chart)).toEqual([['a 0-100'], ['(10 short) 0-100']]);
    expect(chart.func[1]).toBe(-1);
    expect(chart.shortCount).toEqual([0, 10]);
  });

  it('keeps a lone short box as it is, and does not merge across a gap wider than minDurationNs', () => {
    const chart = chartOf(['a', 'b', 'b', 'b', 'c', '', '', 'd', 'e', 'f'], undefined, { minDurationNs: 15 });
    // a (10) is short but followed by b (30); c (10) is followed by a 20 ns gap; d, e, f merge.
    expect(rows(chart)).toEqual([['a 0-10', 'b 10-40', 'c 40-50', '(3 short) 70-100']]);
  });

  it('caps the boxes by leaving out the deepest rows', () => {
    // Each row has 10 boxes (x, y alternating under alternating roots).
    const alternating = Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? 'p;x;u' : 'q;y;v'));
    const full = chartOf(alternating);
    expect(full.depth.length).toBe(30);
    expect(full.truncated).toBe(false);
    const capped = chartOf(alternating, undefined, { maxBoxes: 25 });
    expect(capped.depth.length).toBe(20);
    expect(new Set(capped.depth)).toEqual(new Set([0, 1]));
    expect(capped.truncated).toBe(true);
    expect(capped.maxDepth).toBe(3);
  });

  it('ends row 0 early when it alone is over the cap', () => {
    const chart = chartOf(['a', 'b', 'a', 'b', 'a'], undefined, { maxBoxes: 3 });
    expect(rows(chart)).toEqual([['a 0-10', 'b 10-20', 'a 20-30']]);
    expect(chart.truncated).toBe(true);
  });

  it('gives a range deep into a long profile the same boxes as a sweep from the first sample', () => {
    // 5,000 samples (checkpoints every 1,024) of stacks drawn from a small tree.
    let seed = 7;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return (seed >>> 16) % n;
    };
    const samples: string[] = [];
    // main, then a phase that lasts 1,500 samples (its box spans checkpoints), then a random walk.
    let walk: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const move = random(4);
      if (move === 0) walk = walk.slice(0, -1);
      else if (move === 1 && walk.length < 6) walk = [...walk, `f${random(3)}`];
      else if (move === 2 && walk.length > 0) walk = [...walk.slice(0, -1), `f${random(3)}`];
      samples.push(['main', `phase${Math.floor(i / 1500)}`, ...walk].join(';'));
    }
    const times = samples.map((_, i) => i * 10 + (i % 7));
    const whole = chartOf(samples, times);
    const overlapping = (startNs: number, endNs: number): string[] =>
      whole.depth.flatMap((d, i) =>
        (whole.end[i] as number) > startNs && (whole.start[i] as number) < endNs
          ? [`${d} ${stackChartBoxName(whole, i)} ${whole.start[i]}-${whole.end[i]}`]
          : [],
      );
    for (const [startNs, endNs] of [
      [10_240, 10_250],
      [20_000, 31_000],
      [45_000, 49_000],
      [40_955, 50_100],
    ] as const) {
      const ranged = chartOf(samples, times, { startNs, endNs });
      const got = ranged.depth.map(
        (d, i) => `${d} ${stackChartBoxName(ranged, i)} ${ranged.start[i]}-${ranged.end[i]}`,
      );
      expect(got.length).toBeGreaterThan(0);
      expect(got).toEqual(overlapping(startNs, endNs));
    }
  });

  it('keeps a 300,000-sample profile bounded by the level of detail and the cap', () => {
    const count = 300_000;
    // Two 12-deep stacks that differ at the root, alternating every sample (1 µs): every sample changes every row.
    const deepA = Array.from({ length: 12 }, (_, d) => `a${d}`).join(';');
    const deepB = Array.from({ length: 12 }, (_, d) => `b${d}`).join(';');
    const { stacks, nodes } = stacksAndNodesFromText([`${deepA} 1`, `${deepB} 1`]);
    const line = buildTimeline(
      {
        stack: Int32Array.from({ length: count }, (_, i) => nodes[i % 2] as number),
        timeNs: Float64Array.from({ length: count }, (_, i) => i * 1000),
      },
      stacks,
    );
    const span = count * 1000;

    // Drawn 1,000 px wide: each row is one merged box.
    const lod = stackChartBoxes(line, { minDurationNs: span / 1000, maxBoxes: 200_000 });
    expect(lod.depth.length).toBe(12);
    expect(lod.shortCount.every((n) => n === count)).toBe(true);
    expect(lod.truncated).toBe(false);

    // Without merging: 3.6 million boxes; the cap keeps 200,000 of row 0, in time order.
    const capped = stackChartBoxes(line, { minDurationNs: 0, maxBoxes: 200_000 });
    expect(capped.depth.length).toBe(200_000);
    expect(capped.truncated).toBe(true);
    expect(capped.depth.every((d) => d === 0)).toBe(true);
    expect(capped.start[199_999]).toBe(199_999 * 1000);

    // A zoomed-in range picks only its boxes, at full detail.
    const zoomed = stackChartBoxes(line, {
      startNs: 100_000_000,
      endNs: 100_010_000,
      minDurationNs: 10,
      maxBoxes: 200_000,
    });
    expect(zoomed.depth.length).toBe(10 * 12);
    expect(zoomed.func.every((f) => f >= 0)).toBe(true);
  });
});
