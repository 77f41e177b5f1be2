/**
 * Heap snapshots compared per class (Chrome DevTools' Comparison view, over two or more snapshots): the count,
 * shallow and retained size in each snapshot with their change from the first to the last, and the instances new in
 * the last and freed since the first. In the service's order (by growth, the program's classes first); every column
 * sorts; a row chooses the class whose retainer tree shows below.
 */
import { createColumnHelper, flexRender } from '@tanstack/react-table';
import { useMemo } from 'react';
import type { HeapDiff, HeapDiffRow } from '../../shared/ipc/memory-contract';
import { formatValue } from '../../shared/format/units';
import { SortableHeader } from '../app/SortableHeader';
import { useSortedTable } from '../app/useSortedTable';
import { snapshotLabel } from './snapshotLabel';

const column = createColumnHelper<HeapDiffRow>();

const last = (values: readonly number[]): number => values[values.length - 1] ?? 0;
const delta = (values: readonly number[]): number => last(values) - (values[0] ?? 0);

function signed(value: number, unit: string): string {
  if (value === 0) return '0';
  return `${value > 0 ? '+' : '−'}${formatValue(Math.abs(value), unit)}`;
}

export function HeapDiffTable({
  diff,
  selectedClass,
  onSelect,
}: {
  diff: HeapDiff;
  selectedClass: string | null;
  onSelect(className: string): void;
}) {
  const columns = useMemo(() => {
    const n = diff.snapshots.length;
    // A group per measure ("Count", "Shallow size", "Retained size") over a narrow column per snapshot and its Δ.
    const perSnapshot = (field: 'counts' | 'shallow' | 'retained', name: string, unit: string) =>
      column.group({
        id: field,
        header: name,
        columns: [
          ...diff.snapshots.map((_, i) =>
            column.accessor((row) => row[field][i] ?? 0, {
              id: `${field}-${i}`,
              header: snapshotLabel(i, n),
              cell: (c) => formatValue(c.getValue<number>(), unit),
              meta: { numeric: true },
            }),
          ),
          column.accessor((row) => delta(row[field]), {
            id: `${field}-delta`,
            header: 'Δ',
            cell: (c) => signed(c.getValue<number>(), unit),
            meta: { numeric: true },
          }),
        ],
      });
    return [
      column.accessor('class', { header: 'Class', sortingFn: 'text' }),
      perSnapshot('counts', 'Count', 'count'),
      column.accessor('added', {
        header: 'New',
        cell: (c) => formatValue(c.getValue(), 'count'),
        meta: { numeric: true },
      }),
      column.accessor('removed', {
        header: 'Freed',
        cell: (c) => formatValue(c.getValue(), 'count'),
        meta: { numeric: true },
      }),
      perSnapshot('shallow', 'Shallow size', 'bytes'),
      perSnapshot('retained', 'Retained size', 'bytes'),
    ];
  }, [diff.snapshots]);

  // Unsorted at first: the service's order (by growth, the program's classes before V8's, docs/MEMORY.md); any
  // column header sorts.
  const table = useSortedTable(diff.rows, columns, [], (row) => row.class);

  return (
    <div className="table-scroll heap-diff-scroll">
      <table className="data-table heap-diff-table" data-testid="heap-diff-table">
        <thead>
          {table.getHeaderGroups().map((group, depth) => (
            <tr key={group.id}>
              {group.headers.map((header) =>
                header.isPlaceholder ? (
                  <th key={header.id} colSpan={header.colSpan} aria-hidden={depth === 0} />
                ) : header.subHeaders.length > 0 ? (
                  <th key={header.id} colSpan={header.colSpan} className="column-group">
                    {flexRender(header.column.columnDef.header, header.getContext())}
                  </th>
                ) : (
                  <SortableHeader key={header.id} header={header} />
                ),
              )}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => {
            const name = row.original.class;
            const selected = name === selectedClass;
            return (
              <tr
                key={row.id}
                data-testid="heap-diff-row"
                data-class-name={name}
                data-counts={row.original.counts.join(',')}
                aria-selected={selected}
                className={selected ? 'selectable selected' : 'selectable'}
                tabIndex={0}
                onClick={() => onSelect(name)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter' || event.key === ' ') {
                    event.preventDefault();
                    onSelect(name);
                  }
                }}
              >
                {row.getVisibleCells().map((cell) => {
                  const numeric = cell.column.columnDef.meta?.numeric === true;
                  const value = cell.getValue<number>();
                  const sign = cell.column.id.endsWith('-delta') ? (value > 0 ? 'up' : value < 0 ? 'down' : '') : '';
                  return (
                    <td
                      key={cell.id}
                      data-col={cell.column.id}
                      data-value={numeric ? String(value) : undefined}
                      className={numeric ? `numeric ${sign ? `delta-${sign}` : ''}` : 'text-cell class-name'}
                      title={numeric ? undefined : name}
                    >
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  );
                })}
              </tr>
            );
          })}
          {diff.rows.length === 0 && (
            <tr>
              <td colSpan={table.getVisibleLeafColumns().length} className="empty-hint">
                The snapshots hold no classes.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
