import { describe, expect, it } from 'vitest';
import { alignTrees } from './aligned-tree';
import { buildCallTree } from './call-tree';
import type { DiffSide } from './diff-side';
import { diffFlameTree } from './diff-tree';
import { stacksFromText } from './stacks-text';

const CPU = { type: 'samples', unit: 'count' };

function side(lines: string[]): DiffSide {
  const stacks = stacksFromText(lines);
  const total = stacks.rootValue + stacks.value.reduce((a, b) => a + b, 0);
  return { stacks, total, samples: total, valueScale: 1 };
}

const BASE = side(['main.serve;main.old 400', 'main.serve;main.kept 600']);
const TARGET = side(['main.serve;main.kept 600', 'main.serve;main.new 1400']);
const aligned = alignTrees(buildCallTree(BASE.stacks, CPU), buildCallTree(TARGET.stacks, CPU));

/** Each node as [depth, name, width, A total, B total]. */
const rows = (layout: 'target' | 'union') => {
  const tree = diffFlameTree(aligned, BASE, TARGET, CPU, layout);
  return tree.func.map((f, i) => [
    tree.depth[i],
    f < 0 ? '(root)' : tree.functionNames[f],
    tree.total[i],
    tree.baseTotal[i],
    tree.targetTotal[i],
  ]);
};

describe('diffFlameTree', () => {
  it('lays out the union as wide as the mean of both sides, a frame only the base has kept as a ghost', () => {
    expect(rows('union')).toEqual([
      [0, '(root)', 1500, 1000, 2000],
      [1, 'main.serve', 1500, 1000, 2000],
      [2, 'main.kept', 600, 600, 600],
      [2, 'main.new', 700, 0, 1400],
      [2, 'main.old', 200, 400, 0],
    ]);
  });

  it("lays out the target's tree as wide as its values, without what only the base has", () => {
    expect(rows('target')).toEqual([
      [0, '(root)', 2000, 1000, 2000],
      [1, 'main.serve', 2000, 1000, 2000],
      [2, 'main.kept', 600, 600, 600],
      [2, 'main.new', 1400, 0, 1400],
    ]);
  });

  it('marks the changes that are more than noise', () => {
    const tree = diffFlameTree(aligned, BASE, TARGET, CPU, 'union');
    const of = (name: string) => tree.significant[tree.func.indexOf(tree.functionNames.indexOf(name))];
    expect([of('main.new'), of('main.old'), of('main.kept')]).toEqual([true, true, false]);
  });
});
