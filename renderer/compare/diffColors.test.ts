import { describe, expect, it } from 'vitest';
import type { DiffFlameTree } from '../../shared/ipc/contract';
import { diffNodeColors } from './diffColors';

/** Root, a frame whose total grew (its self flat), one that shrank, one whose change is noise. */
const tree: DiffFlameTree = {
  functionNames: ['main.grew', 'main.shrank', 'main.noise'],
  functionFiles: ['', '', ''],
  functionLines: [0, 0, 0],
  func: [-1, 0, 1, 2],
  parent: [-1, 0, 0, 0],
  depth: [0, 1, 1, 1],
  self: [0, 10, 10, 10],
  total: [0, 10, 10, 10],
  sampleType: { type: 'cpu', unit: 'nanoseconds' },
  layout: 'target',
  baseSelf: [0, 50, 80, 30],
  baseTotal: [300, 100, 80, 30],
  targetSelf: [0, 50, 40, 31],
  targetTotal: [380, 180, 40, 31],
  pValue: [0, 1e-9, 1e-5, 0.8],
  significant: [true, true, true, false],
};
const hue = (colour: string | undefined): number => Number(/^hsl\((\d+) /.exec(colour ?? '')?.[1]);
const neutral = 'hsl(0 0% 86%)';

describe('diffNodeColors', () => {
  it('warms what grew, cools what shrank, the largest change strongest, and greys noise', () => {
    const colours = diffNodeColors(tree, 'blue-orange', false);
    expect(hue(colours[1])).toBe(24);
    expect(hue(colours[2])).toBe(212);
    expect(colours[3]).toBe(neutral);
    // The grown frame's change (80) is the largest: full strength, lightness 50%.
    expect(colours[1]).toBe('hsl(24 85% 50%)');
  });

  it('colours by self: a frame whose own time is flat is grey however its total grew', () => {
    const colours = diffNodeColors(tree, 'blue-orange', false, 0, 'self');
    expect(colours[1]).toBe(neutral);
    expect(hue(colours[2])).toBe(212);
  });

  it('greys changes under the floor, and offers the classic green–red', () => {
    expect(diffNodeColors(tree, 'blue-orange', false, 50)[2]).toBe(neutral);
    const classic = diffNodeColors(tree, 'green-red', false);
    expect([hue(classic[1]), hue(classic[2])]).toEqual([0, 120]);
  });
});
