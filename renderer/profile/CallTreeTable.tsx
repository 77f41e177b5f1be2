/**
 * The call tree as a tree table on TanStack Table: columns, headers and sort state are TanStack's; the rows are
 * the tree flattened by callTreeRows (siblings sorted within their parent) and windowed by hand. Every row is
 * CALL_TREE_ROW_HEIGHT pixels tall, so the rows in view follow from the scroll position alone, and only they
 * (plus a margin) are in the DOM: a tree of half a million open nodes scrolls like one of fifty.
 */
import { createColumnHelper, getCoreRowModel, useReactTable, type SortingState } from '@tanstack/react-table';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { formatPercent } from '../../shared/format/units';
import { formatViewValue } from './valueText';
import { PERCENT_RULE } from './percentRule';
import {
  callTreeKeyAction,
  flattenCallTree,
  nodeLocation,
  rowWindow,
  scrollToRevealRow,
  withExpanded,
  type CallTreeSort,
  type CallTreeSortKey,
} from './flame/callTreeRows';
import { nodeName } from './flame/frameLookup';
import type { FlameLayout } from './flame/layout';
import { CallTreeBody, type CallTreeRow } from './CallTreeBody';
import { hasCommandModifier } from '../app/keyTargets';
import { SortableHeader } from '../app/SortableHeader';

/** Height of every body row in CSS pixels; styles.css sets the same on `.call-tree-table tbody tr`. */
export const CALL_TREE_ROW_HEIGHT = 24;
/**
 * The rendered window moves in steps of this many rows and reaches at least this far past the viewport, so
 * most scroll events leave the DOM alone.
 */
const WINDOW_CHUNK_ROWS = 16;
const COLUMN_COUNT = 6;

const SORT_KEY: Record<string, CallTreeSortKey> = {
  function: 'function',
  self: 'self',
  selfShare: 'self',
  total: 'total',
  totalShare: 'total',
  file: 'file',
};

const column = createColumnHelper<CallTreeRow>();

interface CallTreeTableProps {
  layout: FlameLayout;
  /** 1 for each node whose children are shown. */
  expanded: Uint8Array;
  onExpandedChange(expanded: Uint8Array): void;
  /** What the percentages are of (percentRule.ts). */
  selectionTotal: number;
}

export function CallTreeTable({ layout, expanded, onExpandedChange, selectionTotal }: CallTreeTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLTableSectionElement>(null);
  const [sorting, setSorting] = useState<SortingState>([{ id: 'total', desc: true }]);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(0);
  const [headerHeight, setHeaderHeight] = useState(0);
  const [selection, setSelection] = useState<{ layout: FlameLayout; node: number } | null>(null);
  const selectedNode = selection !== null && selection.layout === layout ? selection.node : -1;
  const { tree } = layout;

  const sort = useMemo<CallTreeSort | null>(() => {
    const first = sorting[0];
    const key = first ? SORT_KEY[first.id] : undefined;
    return first && key ? { key, desc: first.desc } : null;
  }, [sorting]);
  const rows = useMemo(() => flattenCallTree(layout, expanded, sort), [layout, expanded, sort]);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const head = headRef.current;
    const observer = new ResizeObserver(() => {
      setViewportHeight(element.clientHeight);
      setHeaderHeight(head?.offsetHeight ?? 0);
    });
    observer.observe(element);
    if (head) observer.observe(head);
    return () => observer.disconnect();
  }, []);

  // A new tree starts at the top.
  useEffect(() => {
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
    setScrollTop(0);
  }, [layout]);

  const { start, end } = rowWindow(
    scrollTop - headerHeight,
    viewportHeight,
    CALL_TREE_ROW_HEIGHT,
    rows.length,
    WINDOW_CHUNK_ROWS,
  );
  const data = useMemo(
    () => Array.from(rows.subarray(start, end), (node, k): CallTreeRow => ({ node, index: start + k })),
    [rows, start, end],
  );

  const columns = useMemo(() => {
    const unit = tree.sampleType.unit;
    const share = (value: number): string => formatPercent(selectionTotal > 0 ? value / selectionTotal : 0);
    return [
      column.accessor((r) => nodeName(layout, r.node), { id: 'function', header: 'Function' }),
      column.accessor((r) => tree.self[r.node] ?? 0, {
        id: 'self',
        header: 'Self',
        cell: (c) => formatViewValue(c.getValue(), unit),
        meta: { numeric: true },
      }),
      column.accessor((r) => tree.self[r.node] ?? 0, {
        id: 'selfShare',
        header: () => <span title={PERCENT_RULE}>Self %</span>,
        cell: (c) => share(c.getValue()),
        meta: { numeric: true },
      }),
      column.accessor((r) => tree.total[r.node] ?? 0, {
        id: 'total',
        header: 'Total',
        cell: (c) => formatViewValue(c.getValue(), unit),
        meta: { numeric: true },
      }),
      column.accessor((r) => tree.total[r.node] ?? 0, {
        id: 'totalShare',
        header: () => <span title={PERCENT_RULE}>Total %</span>,
        cell: (c) => share(c.getValue()),
        meta: { numeric: true },
      }),
      column.accessor((r) => nodeLocation(layout, r.node), { id: 'file', header: 'File:line' }),
    ];
  }, [layout, tree, selectionTotal]);

  // TanStack Table hands back fresh functions every render; nothing here memoizes them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    // Rows come sorted from flattenCallTree: sorting must order siblings, never the flattened list.
    manualSorting: true,
    enableMultiSort: false,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => String(row.node),
  });

  const select = useCallback((node: number): void => setSelection({ layout, node }), [layout]);
  const toggle = useCallback(
    (node: number): void => {
      onExpandedChange(withExpanded(expanded, node, expanded[node] !== 1));
      scrollRef.current?.focus();
    },
    [expanded, onExpandedChange],
  );

  const reveal = (index: number): void => {
    const element = scrollRef.current;
    if (!element || index < 0) return;
    const next = scrollToRevealRow(index, element.scrollTop, element.clientHeight, CALL_TREE_ROW_HEIGHT, headerHeight);
    if (next !== element.scrollTop) element.scrollTop = next;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (hasCommandModifier(event)) return;
    const selectedIndex = selectedNode >= 0 ? rows.indexOf(selectedNode) : -1;
    const pageRows = Math.max(1, Math.floor((viewportHeight - headerHeight) / CALL_TREE_ROW_HEIGHT) - 1);
    const action = callTreeKeyAction(layout, rows, expanded, selectedIndex, event.key, pageRows);
    if (action.type === 'none') return;
    event.preventDefault();
    select(action.node);
    if (action.type === 'select') reveal(rows.indexOf(action.node));
    else onExpandedChange(withExpanded(expanded, action.node, action.type === 'expand'));
  };

  return (
    <div
      ref={scrollRef}
      className="call-tree-scroll table-scroll"
      data-testid="call-tree-scroll"
      tabIndex={0}
      aria-label="Call tree rows. Arrow keys move and open or close rows."
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <table
        className="data-table call-tree-table"
        data-testid="call-tree-table"
        data-row-count={rows.length}
        data-node-count={layout.nodeCount}
        data-selected-node={selectedNode}
        role="treegrid"
        aria-rowcount={rows.length + 1}
      >
        <colgroup>
          <col />
          <col className="call-tree-value-col" />
          <col className="call-tree-share-col" />
          <col className="call-tree-value-col" />
          <col className="call-tree-share-col" />
          <col className="call-tree-file-col" />
        </colgroup>
        <thead ref={headRef}>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <SortableHeader key={header.id} header={header} />
              ))}
            </tr>
          ))}
        </thead>
        <CallTreeBody
          layout={layout}
          rows={table.getRowModel().rows}
          rowsBefore={start}
          rowsAfter={rows.length - end}
          rowHeight={CALL_TREE_ROW_HEIGHT}
          columnCount={COLUMN_COUNT}
          expanded={expanded}
          selectedNode={selectedNode}
          onSelect={select}
          onToggle={toggle}
        />
      </table>
    </div>
  );
}
