/**
 * The call-tree table's rows: the flame tree (pre-order arrays) flattened to the
 * rows an expandable table shows, siblings sorted within each parent so the tree
 * shape survives any sort. Everything is a loop over typed arrays with an
 * explicit stack: trees are half a million nodes and 20,000 frames deep.
 */
import type { FlameLayout } from './layout';
import { heaviestChild } from './keyNav';

export type CallTreeSortKey = 'function' | 'self' | 'total' | 'file';

export interface CallTreeSort {
  key: CallTreeSortKey;
  desc: boolean;
}

/** Children of a node in tree (name) order. */
export function childrenOf(layout: FlameLayout, node: number): number[] {
  const end = layout.subtreeEnd[node] ?? node + 1;
  const children: number[] = [];
  for (let child = node + 1; child < end; child = layout.subtreeEnd[child] ?? end) children.push(child);
  return children;
}

export function hasChildren(layout: FlameLayout, node: number): boolean {
  return (layout.subtreeEnd[node] ?? node + 1) > node + 1;
}

/** `file:line` of a node's function, `file` when the line is unknown, '' for none (the root, a folded sliver). */
export function nodeLocation(layout: FlameLayout, node: number): string {
  if (node === 0) return '';
  const { func, functionFiles, functionLines } = layout.tree;
  const f = func[node] ?? -1;
  const file = functionFiles[f] ?? '';
  const line = functionLines[f] ?? 0;
  return file === '' ? '' : line > 0 ? `${file}:${line}` : file;
}

/** Orders sibling nodes in place; ties keep tree order, so every sort is deterministic. */
export function sortSiblings(layout: FlameLayout, siblings: number[], sort: CallTreeSort): number[] {
  const { self, total, func, functionNames } = layout.tree;
  const sign = sort.desc ? -1 : 1;
  const text = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const compare: (a: number, b: number) => number =
    sort.key === 'self'
      ? (a, b) => (self[a] ?? 0) - (self[b] ?? 0)
      : sort.key === 'total'
        ? (a, b) => (total[a] ?? 0) - (total[b] ?? 0)
        : sort.key === 'function'
          ? (a, b) => text(functionNames[func[a] ?? -1] ?? '', functionNames[func[b] ?? -1] ?? '')
          : (a, b) => text(nodeLocation(layout, a), nodeLocation(layout, b));
  return siblings.sort((a, b) => sign * compare(a, b) || a - b);
}

/**
 * The rows of the table, in display order: the root, then each expanded node's
 * children (sorted when `sort` is given, else in tree order) right after it.
 */
export function flattenCallTree(layout: FlameLayout, expanded: Uint8Array, sort: CallTreeSort | null): Int32Array {
  const rows = new Int32Array(layout.nodeCount);
  if (layout.nodeCount === 0) return rows;
  let count = 0;
  const pending: number[] = [0];
  while (pending.length > 0) {
    const node = pending.pop() as number;
    rows[count++] = node;
    if (expanded[node] !== 1 || !hasChildren(layout, node)) continue;
    const children = childrenOf(layout, node);
    if (sort) sortSiblings(layout, children, sort);
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i] as number);
  }
  return rows.subarray(0, count);
}

/** From the root down through the heaviest child at each level, to a leaf. */
export function hottestPath(layout: FlameLayout): number[] {
  const path: number[] = [];
  for (let node = layout.nodeCount > 0 ? 0 : -1; node >= 0; node = heaviestChild(layout, node)) path.push(node);
  return path;
}

/** Expansion state with the hottest path open: every node on it but the leaf shows its children. */
export function expandHottestPath(layout: FlameLayout): Uint8Array {
  const expanded = new Uint8Array(layout.nodeCount);
  for (const node of hottestPath(layout)) if (hasChildren(layout, node)) expanded[node] = 1;
  return expanded;
}

/** Every node open. */
export function expandEverything(layout: FlameLayout): Uint8Array {
  const expanded = new Uint8Array(layout.nodeCount);
  for (let node = 0; node < layout.nodeCount; node++) if (hasChildren(layout, node)) expanded[node] = 1;
  return expanded;
}

/** A copy of the expansion state with one node opened or closed. */
export function withExpanded(expanded: Uint8Array, node: number, open: boolean): Uint8Array {
  const next = expanded.slice();
  next[node] = open ? 1 : 0;
  return next;
}

export interface RowWindow {
  /** First row rendered. */
  start: number;
  /** One past the last row rendered. */
  end: number;
}

/**
 * Rows to put in the DOM for a scroll position: those in the viewport plus at least
 * `chunk` more on each side, with both ends rounded to multiples of `chunk`. The
 * rounding means the window (and so the DOM) changes only once every `chunk` rows of
 * scrolling, not on every scroll event; the margin means a quick scroll does not show
 * blank space before React catches up. Every row is `rowHeight` pixels tall.
 */
export function rowWindow(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  rowCount: number,
  chunk: number,
): RowWindow {
  if (rowCount <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const step = Math.max(1, Math.floor(chunk));
  const first = Math.min(Math.floor(Math.max(0, scrollTop) / rowHeight), rowCount - 1);
  const last = Math.min(Math.floor((Math.max(0, scrollTop) + Math.max(0, viewportHeight)) / rowHeight), rowCount - 1);
  const start = Math.max(0, (Math.floor(first / step) - 1) * step);
  const end = Math.min(rowCount, (Math.floor(last / step) + 2) * step);
  return { start, end };
}

/**
 * The scroll position that brings a row fully into view, or `scrollTop` when it is
 * already there. `headerHeight` pixels at the top of the viewport are covered by the
 * sticky header; rows start below it.
 */
export function scrollToRevealRow(
  index: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  headerHeight: number,
): number {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  const visibleRows = viewportHeight - headerHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + visibleRows) return bottom - visibleRows;
  return scrollTop;
}

export type CallTreeKeyAction =
  | { type: 'select'; node: number }
  | { type: 'expand'; node: number }
  | { type: 'collapse'; node: number }
  | { type: 'none' };

/**
 * What a key does in the table (the tree-grid pattern of WAI-ARIA): Up/Down move the
 * selection by a row, PageUp/PageDown by a page, Home/End to the ends; Right opens a
 * closed row, or steps into an open one; Left closes an open row, or steps out to the
 * parent; Enter and Space open or close.
 */
export function callTreeKeyAction(
  layout: FlameLayout,
  rows: Int32Array,
  expanded: Uint8Array,
  selectedIndex: number,
  key: string,
  pageRows: number,
): CallTreeKeyAction {
  if (rows.length === 0) return { type: 'none' };
  const index = Math.min(Math.max(selectedIndex, 0), rows.length - 1);
  const node = rows[index] as number;
  const at = (i: number): CallTreeKeyAction => ({
    type: 'select',
    node: rows[Math.min(Math.max(i, 0), rows.length - 1)] as number,
  });
  const open = expanded[node] === 1 && hasChildren(layout, node);
  switch (key) {
    case 'ArrowDown':
      return at(selectedIndex < 0 ? 0 : index + 1);
    case 'ArrowUp':
      return at(index - 1);
    case 'PageDown':
      return at(index + pageRows);
    case 'PageUp':
      return at(index - pageRows);
    case 'Home':
      return at(0);
    case 'End':
      return at(rows.length - 1);
    case 'ArrowRight':
      if (!hasChildren(layout, node)) return { type: 'none' };
      return open ? at(index + 1) : { type: 'expand', node };
    case 'ArrowLeft': {
      if (open) return { type: 'collapse', node };
      const parent = layout.tree.parent[node] ?? -1;
      return parent >= 0 ? { type: 'select', node: parent } : { type: 'none' };
    }
    case 'Enter':
    case ' ':
      if (!hasChildren(layout, node)) return { type: 'none' };
      return open ? { type: 'collapse', node } : { type: 'expand', node };
    default:
      return { type: 'none' };
  }
}
