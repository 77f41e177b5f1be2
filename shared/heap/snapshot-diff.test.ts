import { describe, expect, it } from 'vitest';
import { buildSnapshot, type SyntheticNode } from '../../test/fixtures/synthetic-heapsnapshot';
import { analyzeHeap } from './analyze';
import type { HeapSnapshot } from './model';
import { retainerTree } from './retainer-tree';
import { retainingEdgeMask } from './retaining-edges';
import { shortestPaths } from './shortest-paths';
import { compareIds, diffRows, snapshotDiff, snapshotIds } from './snapshot-diff';

const root = (...edges: SyntheticNode['edges'] & object): SyntheticNode => ({
  type: 'synthetic',
  name: '',
  selfSize: 0,
  id: 0,
  edges,
});
const object = (name: string, id: number, selfSize: number, edges: SyntheticNode['edges'] = []): SyntheticNode => ({
  type: 'object',
  name,
  id,
  selfSize,
  edges,
});

// First: global holds `cache` (an Array with one Item, id 5) and `cfg` (Config id 7).
const first = buildSnapshot([
  root({ type: 'shortcut', name: 'global', to: 1 }),
  object('global', 1, 10, [
    { type: 'property', name: 'cache', to: 2 },
    { type: 'property', name: 'cfg', to: 4 },
  ]),
  object('Array', 3, 16, [{ type: 'element', name: 0, to: 3 }]),
  object('Item', 5, 8),
  object('Config', 7, 4),
]);

// Last: the cache holds Items 5 (old), 11 and 13 (new); a Holder holds Item 17 (new); Item 21 (new) is held only
// weakly; Config 7 was replaced by Config 19 (one added, one removed, the count unchanged).
const last = buildSnapshot([
  root({ type: 'shortcut', name: 'global', to: 1 }),
  object('global', 1, 10, [
    { type: 'property', name: 'cache', to: 2 },
    { type: 'property', name: 'cfg', to: 7 },
    { type: 'property', name: 'holder', to: 6 },
    { type: 'weak', name: 'maybe', to: 8 },
  ]),
  object('Array', 3, 16, [
    { type: 'element', name: 0, to: 3 },
    { type: 'element', name: 1, to: 4 },
    { type: 'element', name: 2, to: 5 },
  ]),
  object('Item', 5, 8),
  object('Item', 11, 8),
  object('Item', 13, 8),
  object('Holder', 15, 12, [{ type: 'property', name: 'items', to: 9 }]),
  object('Config', 19, 4),
  object('Item', 21, 8),
  object('Item', 17, 8),
]);

const tables = (snapshots: HeapSnapshot[]) => snapshots.map((s) => analyzeHeap(s).classes);

describe('snapshotDiff', () => {
  it('counts per class in each snapshot and pairs instances by V8 id', () => {
    const diff = snapshotDiff(tables([first, last]), snapshotIds(first), last, 10);
    const row = (name: string) => diff.rows.find((r) => r.class === name);
    expect(row('Item')).toEqual({
      class: 'Item',
      counts: [1, 5],
      shallow: [8, 40],
      // The weakly held Item retains only itself; the others sit under their holders (a class's topmost instances).
      retained: [8, 40],
      added: 4,
      removed: 0,
    });
    expect(row('Config')).toMatchObject({ counts: [1, 1], added: 1, removed: 1 });
    expect(row('Holder')).toMatchObject({ counts: [0, 1], retained: [0, 20], added: 1, removed: 0 });
    // By the count's growth, then the retained size's, then the name.
    expect(diff.rows.map((r) => r.class)).toEqual(['Item', 'Holder', 'global', 'Array', 'Config']);
    for (const r of diff.rows) expect(r.counts[1]! - r.counts[0]!).toBe(r.added - r.removed);
  });

  it('gives the top growers the tree of their new instances, the path holding most first', () => {
    const diff = snapshotDiff(tables([first, last]), snapshotIds(first), last, 10);
    expect(diff.paths.map((p) => p.class)).toEqual(['Item', 'Holder', 'Config']);
    const item = diff.paths[0]!;
    expect(item).toMatchObject({ instances: 4, walked: 4, unreachable: 1 });
    // Items 11 and 13 merge into one `[1..2]` step; Item 5 (old) is in no path.
    expect(item.path).toEqual([
      { node: '(root)', edge: '' },
      { node: 'global', edge: 'global' },
      { node: 'Array', edge: 'cache' },
      { node: 'Item', edge: '[1..2]' },
    ]);
    const global = item.tree.children[0]!;
    expect(item.tree.instances).toBe(3);
    expect(global.children.map((c) => [c.edge, c.node, c.instances])).toEqual([
      ['cache', 'Array', 2],
      ['holder', 'Holder', 1],
    ]);
    expect(global.children[1]!.children).toMatchObject([{ edge: 'items', node: 'Item', instances: 1, self: 1 }]);
  });

  it('compares more than two snapshots: counts from every table, ids from the first and the last', () => {
    const diff = snapshotDiff(tables([first, first, last]), snapshotIds(first), last, 2);
    expect(diff.rows).toHaveLength(2);
    expect(diff.rows[0]).toMatchObject({ class: 'Item', counts: [1, 1, 5], added: 4 });
  });

  it("puts the program's growing classes before V8's own, unless they barely moved", () => {
    const row = (className: string, count: number) => ({ className, count, shallowSize: count, retainedSize: count });
    const first = [row('(closure)', 100), row('Session', 10), row('(string)', 50), row('Object', 5)];
    const last = [row('(closure)', 9_000), row('Session', 8_910), row('(string)', 20_050), row('Object', 6)];
    const none = new Map<string, number>();
    const order = diffRows([first, last], none, none).map((r) => r.class);
    // Session grew by 8,900 (≥ 1% of the largest, 20,000): first. Object grew by 1 (< 200): with the rest, by growth.
    expect(order).toEqual(['Session', '(string)', '(closure)', 'Object']);
  });

  it('finds nothing new between a snapshot and itself', () => {
    const comparison = compareIds(snapshotIds(last), last);
    expect([...comparison.added.values()].every((n) => n === 0)).toBe(true);
    expect([...comparison.removed.values()].every((n) => n === 0)).toBe(true);
    const rows = diffRows(tables([last, last]), comparison.added, comparison.removed);
    expect(snapshotDiff(tables([last, last]), snapshotIds(last), last, 10).paths).toEqual([]);
    expect(rows.every((r) => r.counts[0] === r.counts[1])).toBe(true);
  });
});

describe('retainerTree', () => {
  const paths = shortestPaths(last, retainingEdgeMask(last));
  const newItems = [4, 5, 8, 9];

  it('walks at most maxObjects objects', () => {
    const tree = retainerTree(last, paths, newItems, { maxObjects: 2, maxNodes: 100, maxChildren: 10 });
    expect(tree).toMatchObject({ walked: 2, unreachable: 0 });
    expect(tree.tree.instances).toBe(2);
  });

  it('leaves children past the caps to `omitted`, but keeps the heaviest line whole', () => {
    const tree = retainerTree(last, paths, newItems, { maxObjects: 10, maxNodes: 1, maxChildren: 1 });
    const global = tree.tree.children[0]!;
    expect(global.omitted).toEqual({ children: 1, instances: 1 });
    expect(tree.path.map((s) => s.node)).toEqual(['(root)', 'global', 'Array', 'Item']);
  });

  it('stops the path where more of the objects end than go on', () => {
    // The Holder (index 6) is one of the objects, and holds one more below it: one ends there, one goes on.
    const tree = retainerTree(last, paths, [6], { maxObjects: 10, maxNodes: 100, maxChildren: 10 });
    expect(tree.path.map((s) => s.node)).toEqual(['(root)', 'global', 'Holder']);
    const both = retainerTree(last, paths, [6, 9], { maxObjects: 10, maxNodes: 100, maxChildren: 10 });
    expect(both.path.map((s) => s.node)).toEqual(['(root)', 'global', 'Holder']);
    expect(both.tree.children[0]!.children[0]).toMatchObject({ node: 'Holder', instances: 2, self: 1 });
  });
});
