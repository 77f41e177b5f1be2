import { describe, expect, it } from 'vitest';
import { stackChartBoxes } from '../../../shared/query/stack-chart';
import { buildTimeline } from '../../../shared/query/stack-chart-timeline';
import { stacksAndNodesFromText } from '../../../shared/query/stacks-text';
import { ROW_HEIGHT } from '../flame/view';
import { hitTestStackChart } from './hitTest';
import { boxAt, firstBoxEndingAfter, indexRows } from './rows';
import { AXIS_HEIGHT } from './view';

// Samples every 10 ns: main;a main;a main;b idle → row 0: main 0-30, idle 30-40; row 1: a 0-20, b 20-30.
const samples = ['main;a', 'main;a', 'main;b', 'idle'];
const { stacks, nodes } = stacksAndNodesFromText(samples.map((s) => `${s} 1`));
const chart = stackChartBoxes(
  buildTimeline({ stack: nodes, timeNs: Float64Array.from(samples.map((_, i) => i * 10)) }, stacks),
  { minDurationNs: 0, maxBoxes: 100 },
);
const rows = indexRows(chart);
const name = (box: number): string => (box < 0 ? '' : (chart.functionNames[chart.func[box] as number] ?? ''));
const range = { startNs: 0, endNs: 40 };

describe('stack chart rows and hit testing', () => {
  it('indexes each row’s boxes', () => {
    expect(Array.from(rows.rowStart)).toEqual([0, 2, 4]);
    expect(firstBoxEndingAfter(rows, 0, 30)).toBe(1);
    expect(firstBoxEndingAfter(rows, 1, 35)).toBe(4);
  });

  it('finds the box under a time, with a tolerance for narrow ones', () => {
    expect(name(boxAt(rows, 0, 29.9))).toBe('main');
    expect(name(boxAt(rows, 0, 30))).toBe('idle');
    expect(boxAt(rows, 1, 35)).toBe(-1);
    expect(name(boxAt(rows, 1, 31, 2))).toBe('b');
    expect(boxAt(rows, 2, 5)).toBe(-1);
  });

  it('turns canvas points into boxes, below the axis', () => {
    const row1 = AXIS_HEIGHT + ROW_HEIGHT + 5;
    expect(name(hitTestStackChart(rows, range, 400, 100, AXIS_HEIGHT + 5))).toBe('main');
    expect(name(hitTestStackChart(rows, range, 400, 250, row1))).toBe('b');
    expect(hitTestStackChart(rows, range, 400, 350, row1)).toBe(-1);
    expect(hitTestStackChart(rows, range, 400, 100, 5)).toBe(-1);
    expect(hitTestStackChart(rows, range, 400, 400, AXIS_HEIGHT + 5)).toBe(-1);
    // Zoomed to 20-40 ns: x 0 is 20 ns, in b.
    expect(name(hitTestStackChart(rows, { startNs: 20, endNs: 40 }, 400, 0, row1))).toBe('b');
  });
});
