import { describe, expect, it } from 'vitest';
import type { FlameTree } from '../../../shared/ipc/contract';
import {
  callTreeKeyAction,
  childrenOf,
  expandEverything,
  expandHottestPath,
  flattenCallTree,
  hottestPath,
  nodeLocation,
  rowWindow,
  scrollToRevealRow,
  withExpanded,
} from './callTreeRows';
import { computeFlameLayout } from './layout';
import { recursiveTree } from './testTrees';

// recursiveTree: 0 root 10 ─ 1 a 6 (self 1) ─ 2 b 3 (self 3)
//                                           └ 3 c 2 ─ 4 a 2 (self 2)
//                          └ 5 d 4 (self 4)
const layout = computeFlameLayout(recursiveTree());
const all = expandEverything(layout);

describe('flattenCallTree', () => {
  it('lists every node in tree order when all are open and nothing is sorted', () => {
    expect(Array.from(flattenCallTree(layout, all, null))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('hides the children of closed nodes', () => {
    expect(Array.from(flattenCallTree(layout, new Uint8Array(6), null))).toEqual([0]);
    expect(Array.from(flattenCallTree(layout, withExpanded(all, 1, false), null))).toEqual([0, 1, 5]);
  });

  it('sorts siblings within each parent and keeps every subtree under its parent', () => {
    const bySelfDesc = flattenCallTree(layout, all, { key: 'self', desc: true });
    // Under the root: d (self 4) before a (self 1); under a: b (self 3) before c (self 0).
    expect(Array.from(bySelfDesc)).toEqual([0, 5, 1, 2, 3, 4]);
    const byTotalAsc = flattenCallTree(layout, all, { key: 'total', desc: false });
    expect(Array.from(byTotalAsc)).toEqual([0, 5, 1, 3, 4, 2]);
    const byNameDesc = flattenCallTree(layout, all, { key: 'function', desc: true });
    expect(Array.from(byNameDesc)).toEqual([0, 5, 1, 3, 4, 2]);
  });

  it('sorts by file:line, nodes without a file first', () => {
    // Under a: c has no file, b is b.go:20.
    expect(Array.from(flattenCallTree(layout, all, { key: 'file', desc: false }))).toEqual([0, 1, 3, 4, 2, 5]);
    expect(nodeLocation(layout, 2)).toBe('b.go:20');
    expect(nodeLocation(layout, 3)).toBe('');
    expect(nodeLocation(layout, 0)).toBe('');
  });

  it('breaks ties by tree order', () => {
    const tied: FlameTree = { ...recursiveTree(), self: [0, 2, 2, 0, 2, 2] };
    const rows = flattenCallTree(computeFlameLayout(tied), all, { key: 'self', desc: true });
    expect(Array.from(rows)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('flattens a chain 20,000 deep without recursion', () => {
    const depth = 20_000;
    const chain: FlameTree = {
      ...recursiveTree(),
      func: Array.from({ length: depth }, (_, i) => (i === 0 ? 0 : 1)),
      parent: Array.from({ length: depth }, (_, i) => i - 1),
      depth: Array.from({ length: depth }, (_, i) => i),
      self: Array.from({ length: depth }, (_, i) => (i === depth - 1 ? 1 : 0)),
      total: Array.from({ length: depth }, () => 1),
    };
    const chainLayout = computeFlameLayout(chain);
    expect(flattenCallTree(chainLayout, expandEverything(chainLayout), { key: 'total', desc: true }).length).toBe(
      depth,
    );
    expect(hottestPath(chainLayout)).toHaveLength(depth);
  });
});

describe('opening the table', () => {
  it('follows the heaviest child from the root to a leaf', () => {
    expect(hottestPath(layout)).toEqual([0, 1, 2]);
  });

  it('opens every node on the hottest path but its leaf', () => {
    const expanded = expandHottestPath(layout);
    expect(Array.from(expanded)).toEqual([1, 1, 0, 0, 0, 0]);
    expect(Array.from(flattenCallTree(layout, expanded, null))).toEqual([0, 1, 2, 3, 5]);
  });

  it('lists children in tree order', () => {
    expect(childrenOf(layout, 0)).toEqual([1, 5]);
    expect(childrenOf(layout, 5)).toEqual([]);
  });
});

describe('rowWindow', () => {
  it('renders the rows in view plus a chunk on each side, rounded to chunks', () => {
    // 24 px rows, 240 px viewport: rows 10..20 are (partly) in view at 250 px; chunks of 8.
    expect(rowWindow(250, 240, 24, 1000, 8)).toEqual({ start: 0, end: 32 });
    expect(rowWindow(24 * 100, 240, 24, 1000, 8)).toEqual({ start: 88, end: 120 });
  });

  it('keeps the same window while scrolling within a chunk', () => {
    const windows = [0, 5, 10, 20, 23].map((px) => rowWindow(24 * 100 + px, 240, 24, 1000, 8));
    expect(new Set(windows.map((w) => `${w.start}-${w.end}`)).size).toBe(1);
    expect(rowWindow(24 * 104, 240, 24, 1000, 8)).not.toEqual(windows[0]);
  });

  it('clamps at both ends', () => {
    expect(rowWindow(0, 240, 24, 1000, 8)).toEqual({ start: 0, end: 24 });
    expect(rowWindow(24 * 990, 240, 24, 1000, 8)).toEqual({ start: 976, end: 1000 });
    expect(rowWindow(1e9, 240, 24, 1000, 8)).toEqual({ start: 984, end: 1000 });
    expect(rowWindow(0, 240, 24, 0, 8)).toEqual({ start: 0, end: 0 });
    expect(rowWindow(0, 240, 24, 3, 8)).toEqual({ start: 0, end: 3 });
  });

  it('covers the viewport wherever it is, with a DOM that stays small for half a million rows', () => {
    for (const scrollTop of [0, 13, 24 * 250_000 + 7, 24 * 499_990, 24 * 500_000]) {
      const { start, end } = rowWindow(scrollTop, 600, 24, 500_000, 16);
      const firstInView = Math.min(Math.floor(scrollTop / 24), 499_999);
      const lastInView = Math.min(Math.floor((scrollTop + 600) / 24), 499_999);
      expect(start).toBeLessThanOrEqual(firstInView);
      expect(end).toBeGreaterThan(lastInView);
      expect(end - start).toBeLessThan(100);
    }
  });
});

describe('scrollToRevealRow', () => {
  // 24 px rows, a 300 px viewport with a 30 px header: 270 px of rows.
  it('leaves the scroll alone for a row in view', () => {
    expect(scrollToRevealRow(5, 0, 300, 24, 30)).toBe(0);
  });

  it('scrolls up to a row above the view and down to one below it', () => {
    expect(scrollToRevealRow(2, 100, 300, 24, 30)).toBe(48);
    expect(scrollToRevealRow(20, 0, 300, 24, 30)).toBe(21 * 24 - 270);
  });
});

describe('callTreeKeyAction', () => {
  const expanded = expandHottestPath(layout); // rows 0 1 2 3 5
  const rows = flattenCallTree(layout, expanded, null);
  const key = (index: number, k: string) => callTreeKeyAction(layout, rows, expanded, index, k, 3);

  it('moves the selection by rows, pages and to the ends', () => {
    expect(key(0, 'ArrowDown')).toEqual({ type: 'select', node: 1 });
    expect(key(4, 'ArrowDown')).toEqual({ type: 'select', node: 5 });
    expect(key(2, 'ArrowUp')).toEqual({ type: 'select', node: 1 });
    expect(key(0, 'PageDown')).toEqual({ type: 'select', node: 3 });
    expect(key(4, 'Home')).toEqual({ type: 'select', node: 0 });
    expect(key(0, 'End')).toEqual({ type: 'select', node: 5 });
    expect(key(-1, 'ArrowDown')).toEqual({ type: 'select', node: 0 });
  });

  it('opens a closed row with Right and steps into an open one', () => {
    expect(key(3, 'ArrowRight')).toEqual({ type: 'expand', node: 3 });
    expect(key(1, 'ArrowRight')).toEqual({ type: 'select', node: 2 });
    expect(key(2, 'ArrowRight')).toEqual({ type: 'none' }); // b is a leaf
  });

  it('closes an open row with Left and steps out of a closed one', () => {
    expect(key(1, 'ArrowLeft')).toEqual({ type: 'collapse', node: 1 });
    expect(key(3, 'ArrowLeft')).toEqual({ type: 'select', node: 1 });
    expect(key(0, 'ArrowLeft')).toEqual({ type: 'collapse', node: 0 });
    expect(callTreeKeyAction(layout, new Int32Array([0]), new Uint8Array(6), 0, 'ArrowLeft', 3)).toEqual({
      type: 'none',
    });
  });

  it('toggles with Enter and Space', () => {
    expect(key(1, 'Enter')).toEqual({ type: 'collapse', node: 1 });
    expect(key(3, ' ')).toEqual({ type: 'expand', node: 3 });
    expect(key(1, 'x')).toEqual({ type: 'none' });
  });
});
