/**
 * The rendered rows of the call-tree table, between two spacer rows that stand for the rows outside the
 * window. Memoized: a scroll that stays inside the current window re-renders none of it.
 */
import { flexRender, type Row } from '@tanstack/react-table';
import { memo } from 'react';
import { SMALLER_FRAMES_NAME } from '../../shared/query/call-tree';
import { hasChildren } from './flame/callTreeRows';
import { nodeName } from './flame/frameLookup';
import type { FlameLayout } from './flame/layout';

export interface CallTreeRow {
  node: number;
  /** Position among all rows of the table (not just the rendered ones). */
  index: number;
}

const INDENT_PX = 14;
/** Deeper rows indent no further, so names stay readable in stacks hundreds of frames deep. */
const MAX_INDENT_LEVELS = 32;

/** `data-col` of each column, the hook end-to-end tests use to read cells (as in the top functions table). */
const DATA_COL: Record<string, string> = {
  function: 'function',
  self: 'self',
  selfShare: 'self-percent',
  total: 'total',
  totalShare: 'total-percent',
  file: 'file',
};

interface CallTreeBodyProps {
  layout: FlameLayout;
  rows: Row<CallTreeRow>[];
  /** Rows before and after the rendered ones. */
  rowsBefore: number;
  rowsAfter: number;
  rowHeight: number;
  columnCount: number;
  expanded: Uint8Array;
  selectedNode: number;
  onSelect(node: number): void;
  onToggle(node: number): void;
}

export const CallTreeBody = memo(function CallTreeBody({
  layout,
  rows,
  rowsBefore,
  rowsAfter,
  rowHeight,
  columnCount,
  expanded,
  selectedNode,
  onSelect,
  onToggle,
}: CallTreeBodyProps) {
  const { tree } = layout;
  return (
    <tbody>
      {rowsBefore > 0 && <SpacerRow height={rowsBefore * rowHeight} columnCount={columnCount} />}
      {rows.map((row) => {
        const { node, index } = row.original;
        const depth = tree.depth[node] ?? 0;
        const open = expanded[node] === 1;
        const parent = hasChildren(layout, node);
        const folded = nodeName(layout, node) === SMALLER_FRAMES_NAME;
        const classes = ['call-tree-row', node === selectedNode ? 'selected' : '', folded ? 'folded-row' : ''];
        return (
          <tr
            key={row.id}
            className={classes.filter(Boolean).join(' ')}
            data-testid="call-tree-row"
            data-node={node}
            data-depth={depth}
            data-total={tree.total[node] ?? 0}
            data-self={tree.self[node] ?? 0}
            aria-level={depth + 1}
            aria-rowindex={index + 2}
            aria-expanded={parent ? open : undefined}
            aria-selected={node === selectedNode}
            onClick={() => onSelect(node)}
          >
            {row.getVisibleCells().map((cell) => {
              const id = cell.column.id;
              if (id === 'function') {
                const name = String(cell.getValue());
                return (
                  <td key={cell.id} data-col="function" className="text-cell" title={name}>
                    <span
                      className="call-tree-indent"
                      style={{ width: `${Math.min(depth, MAX_INDENT_LEVELS) * INDENT_PX}px` }}
                    />
                    {parent ? (
                      // The arrow is drawn by CSS, so the cell's text is the function name alone.
                      <button
                        type="button"
                        className={open ? 'tree-toggle open' : 'tree-toggle'}
                        data-testid="call-tree-toggle"
                        aria-label={open ? 'Collapse' : 'Expand'}
                        tabIndex={-1}
                        // Keep focus on the scroll area, where the arrow keys are handled.
                        onMouseDown={(event) => event.preventDefault()}
                        onClick={(event) => {
                          event.stopPropagation();
                          onSelect(node);
                          onToggle(node);
                        }}
                      />
                    ) : (
                      <span className="tree-toggle-spacer" />
                    )}
                    <span className="call-tree-name">{name}</span>
                  </td>
                );
              }
              const numeric = cell.column.columnDef.meta?.numeric === true;
              return (
                <td
                  key={cell.id}
                  data-col={DATA_COL[id]}
                  className={numeric ? 'numeric' : 'text-cell'}
                  title={id === 'file' ? String(cell.getValue()) : undefined}
                >
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              );
            })}
          </tr>
        );
      })}
      {rowsAfter > 0 && <SpacerRow height={rowsAfter * rowHeight} columnCount={columnCount} />}
    </tbody>
  );
});

/** Stands for rows outside the window, so the scroll height is that of all rows. */
function SpacerRow({ height, columnCount }: { height: number; columnCount: number }) {
  return (
    <tr className="call-tree-spacer" aria-hidden="true">
      <td colSpan={columnCount} style={{ height: `${height}px` }} />
    </tr>
  );
}
