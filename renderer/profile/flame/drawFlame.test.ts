import { describe, expect, it } from 'vitest';
import { drawFlame, type FlamePalette } from './drawFlame';
import { computeFlameLayout } from './layout';
import { recursiveTree } from './testTrees';
import { ROW_HEIGHT, viewForZoom, type FlameOrientation } from './view';
import { collectVisibleFrames } from './visibleFrames';

interface Call {
  op: 'fillRect' | 'strokeRect' | 'fillText';
  style: string;
  args: (number | string)[];
}

/** Just enough of a 2D context to record what drawFlame paints, with 7 px per character. */
function recordingContext(): { ctx: CanvasRenderingContext2D; calls: Call[] } {
  const calls: Call[] = [];
  const state = { fillStyle: '', strokeStyle: '', lineWidth: 1, font: '', textBaseline: '' };
  const ctx = {
    ...state,
    setTransform: () => {},
    clearRect: () => {},
    measureText: (s: string) => ({ width: s.length * 7 }),
    fillRect(this: typeof state, ...args: number[]) {
      calls.push({ op: 'fillRect', style: this.fillStyle, args });
    },
    strokeRect(this: typeof state, ...args: number[]) {
      calls.push({ op: 'strokeRect', style: this.strokeStyle, args });
    },
    fillText(this: typeof state, ...args: (number | string)[]) {
      calls.push({ op: 'fillText', style: this.fillStyle, args });
    },
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}

const palette: FlamePalette = {
  functionColors: ['#root', '#a', '#b', '#c', '#d'],
  text: '#text',
  dimmed: '#dim',
  dimmedText: '#dimtext',
  merged: '#merged',
  selected: '#selected',
};

function paint(orientation: FlameOrientation, selectedNode = -1): Call[] {
  const layout = computeFlameLayout(recursiveTree());
  const view = viewForZoom(layout, 0, 100, orientation);
  const frames = collectVisibleFrames(layout, view, 4);
  const { ctx, calls } = recordingContext();
  drawFlame({ ctx, widthPx: 100, heightPx: 4 * ROW_HEIGHT, devicePixelRatio: 1 }, layout, frames, palette, null, {
    view,
    selectedNode,
  });
  return calls;
}

/** The top edge of each filled frame, by fill colour. */
const fillTops = (calls: Call[]): Record<string, number> =>
  Object.fromEntries(calls.filter((c) => c.op === 'fillRect').map((c) => [c.style, c.args[1] as number]));

describe('drawFlame', () => {
  it('draws an icicle from the top row down', () => {
    expect(fillTops(paint('icicle'))).toEqual({ '#root': 0, '#a': 54, '#b': 36, '#c': 36, '#d': 18 });
  });

  it('draws a flame graph from the bottom row up', () => {
    // The recursive a (depth 3) is painted last with its colour, so '#a' reports its row.
    expect(fillTops(paint('flame'))).toEqual({ '#root': 54, '#a': 0, '#b': 18, '#c': 18, '#d': 36 });
  });

  it('outlines the selected frame on its row, inside its extent', () => {
    const flame = paint('flame', 5).filter((c) => c.op === 'strokeRect'); // d: 60..100 px, depth 1
    expect(flame).toEqual([
      { op: 'strokeRect', style: '#selected', args: [61, 2 * ROW_HEIGHT + 1, 38, ROW_HEIGHT - 3] },
    ]);
    expect(paint('icicle').some((c) => c.op === 'strokeRect')).toBe(false);
  });

  it('labels frames wide enough for text', () => {
    const labels = paint('icicle')
      .filter((c) => c.op === 'fillText')
      .map((c) => c.args[0]);
    // c and the a under it are 20 px wide: under the 24 px below which no label is tried.
    expect(labels).toEqual(['root', 'a', 'b', 'd']);
  });
});
