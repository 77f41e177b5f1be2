/** A heap snapshot's classes, sortable, heaviest retainers first; choosing a row shows its retaining paths. */
import { createColumnHelper, flexRender } from '@tanstack/react-table';
import { useMemo } from 'react';
import type { HeapClassRow } from '../../shared/heap/model';
import { formatPercent, formatValue } from '../../shared/format/units';
import { HEAP_CLASSES_LIMIT } from './heapClassesStore';
import { SortableTableHead } from '../app/SortableHeader';
import { useSortedTable } from '../app/useSortedTable';

interface HeapClassesTableProps {
  classes: HeapClassRow[];
  /** The snapshot's total self size, the denominator of "Retained %". */
  totalSelfSize: number;
  selectedClass: string | null;
  onSelect(className: string): void;
}

const column = createColumnHelper<HeapClassRow>();

/** `data-col` of each column, the hook end-to-end tests use to read cells. */
const DATA_COL: Record<string, string> = {
  className: 'class',
  count: 'count',
  shallowSize: 'shallow-size',
  retainedSize: 'retained-size',
  retainedShare: 'retained-percent',
};

export function HeapClassesTable({ classes, totalSelfSize, selectedClass, onSelect }: HeapClassesTableProps) {
  const columns = useMemo(() => {
    const bytes = (v: number): string => formatValue(v, 'bytes');
    return [
      column.accessor('className', { header: 'Class', sortingFn: 'text' }),
      column.accessor('count', {
        header: 'Count',
        cell: (c) => formatValue(c.getValue(), 'count'),
        meta: { numeric: true },
      }),
      column.accessor('shallowSize', {
        header: 'Shallow size',
        cell: (c) => bytes(c.getValue()),
        meta: { numeric: true },
      }),
      column.accessor('retainedSize', {
        header: 'Retained size',
        cell: (c) => bytes(c.getValue()),
        meta: { numeric: true },
      }),
      column.accessor((row) => (totalSelfSize > 0 ? row.retainedSize / totalSelfSize : 0), {
        id: 'retainedShare',
        header: 'Retained %',
        cell: (c) => formatPercent(c.getValue()),
        meta: { numeric: true },
      }),
    ];
  }, [totalSelfSize]);

  const table = useSortedTable(classes, columns, [{ id: 'retainedSize', desc: true }]);

  return (
    <section className="heap-classes" aria-label="Classes">
      <h3>
        Classes
        {classes.length >= HEAP_CLASSES_LIMIT && (
          <span className="heading-note"> (the {HEAP_CLASSES_LIMIT} that retain the most)</span>
        )}
      </h3>
      <div className="table-scroll">
        <table className="data-table" data-testid="heap-classes">
          <SortableTableHead table={table} />
          <tbody>
            {table.getRowModel().rows.map((row) => {
              const { className } = row.original;
              const selected = className === selectedClass;
              return (
                <tr
                  key={row.id}
                  data-testid="heap-class-row"
                  data-class-name={className}
                  aria-selected={selected}
                  className={selected ? 'selectable selected' : 'selectable'}
                  tabIndex={0}
                  onClick={() => onSelect(className)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter' || event.key === ' ') {
                      event.preventDefault();
                      onSelect(className);
                    }
                  }}
                >
                  {row.getVisibleCells().map((cell) => {
                    const numeric = cell.column.columnDef.meta?.numeric === true;
                    return (
                      <td
                        key={cell.id}
                        data-col={DATA_COL[cell.column.id]}
                        data-value={numeric ? String(cell.getValue()) : undefined}
                        className={numeric ? 'numeric' : 'text-cell'}
                        title={numeric ? undefined : className}
                      >
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
            {classes.length === 0 && (
              <tr>
                <td colSpan={columns.length} className="empty-hint">
                  This snapshot has no classes.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
