import { describe, expect, it } from 'vitest';
import { graphSnapshot } from '../../test/fixtures/synthetic-heapsnapshot';
import { analyzeHeap } from './analyze';
import { retainerPaths } from './retainers';

// 0 root -shortcut→ 1 global; global → 2 X, 3 Y; X -property→ 4 T; Y -element→ T; T → 5 Z -context→ T (a cycle);
// global -weak→ 6 U; global → 7 C1 → 8 C2 → 9 C3 → 10 C4.
const NAMES = ['', 'global', 'X', 'Y', 'T', 'Z', 'U', 'C1', 'C2', 'C3', 'C4'];
const snapshot = graphSnapshot(
  11,
  [
    [0, 1, 'shortcut'],
    [1, 2],
    [1, 3],
    [2, 4],
    [3, 4, 'element'],
    [4, 5],
    [5, 4, 'context'],
    [1, 6, 'weak'],
    [1, 7],
    [7, 8],
    [8, 9],
    [9, 10],
  ],
  [],
  NAMES,
);
const analysis = analyzeHeap(snapshot);
const root = { nodeIndex: 0, nodeName: '', edgeName: '', edgeType: '' };
const global = { nodeIndex: 1, nodeName: 'global', edgeName: 'e0', edgeType: 'shortcut' };

describe('retainerPaths', () => {
  it('gives one path per retainer, shortest first, root first, and skips cycles back through the node', () => {
    expect(retainerPaths(snapshot, analysis, 4, { maxPaths: 10, maxDepth: 10 })).toEqual([
      [
        root,
        global,
        { nodeIndex: 2, nodeName: 'X', edgeName: 'e1', edgeType: 'property' },
        { nodeIndex: 4, nodeName: 'T', edgeName: 'e3', edgeType: 'property' },
      ],
      [
        root,
        global,
        { nodeIndex: 3, nodeName: 'Y', edgeName: 'e2', edgeType: 'property' },
        { nodeIndex: 4, nodeName: 'T', edgeName: '4', edgeType: 'element' },
      ],
    ]);
    expect(retainerPaths(snapshot, analysis, 4, { maxPaths: 1, maxDepth: 10 })).toHaveLength(1);
  });

  it('keeps the edges nearest the node when a path is longer than maxDepth', () => {
    expect(retainerPaths(snapshot, analysis, 10, { maxPaths: 3, maxDepth: 2 })).toEqual([
      [
        { nodeIndex: 8, nodeName: 'C2', edgeName: '', edgeType: '' },
        { nodeIndex: 9, nodeName: 'C3', edgeName: 'e10', edgeType: 'property' },
        { nodeIndex: 10, nodeName: 'C4', edgeName: 'e11', edgeType: 'property' },
      ],
    ]);
    expect(
      retainerPaths(snapshot, analysis, 10, { maxPaths: 3, maxDepth: 5 })[0]?.map((step) => step.nodeIndex),
    ).toEqual([0, 1, 7, 8, 9, 10]);
  });

  it('has no path to a node held only weakly or out of range, and a one-step path to the root', () => {
    expect(analysis.dominator[6]).toBe(0xffffffff);
    expect(retainerPaths(snapshot, analysis, 6, { maxPaths: 3, maxDepth: 10 })).toEqual([]);
    expect(retainerPaths(snapshot, analysis, 11, { maxPaths: 3, maxDepth: 10 })).toEqual([]);
    expect(retainerPaths(snapshot, analysis, -1, { maxPaths: 3, maxDepth: 10 })).toEqual([]);
    expect(retainerPaths(snapshot, analysis, 0, { maxPaths: 3, maxDepth: 10 })).toEqual([[root]]);
  });

  it('works from the stored arrays alone (the store keeps dominator and retainedSize)', () => {
    const stored = { dominator: analysis.dominator.slice(), retainedSize: analysis.retainedSize.slice() };
    const copy = { ...snapshot };
    expect(retainerPaths(copy, stored, 5, { maxPaths: 3, maxDepth: 10 })).toEqual([
      [
        root,
        global,
        { nodeIndex: 2, nodeName: 'X', edgeName: 'e1', edgeType: 'property' },
        { nodeIndex: 4, nodeName: 'T', edgeName: 'e3', edgeType: 'property' },
        { nodeIndex: 5, nodeName: 'Z', edgeName: 'e5', edgeType: 'property' },
      ],
    ]);
  });
});
