/** Functions ranked by self value (pprof "top"), sortable by any column. */
import { createColumnHelper, flexRender } from '@tanstack/react-table';
import { useMemo } from 'react';
import type { TopFunctionRow } from '../../shared/ipc/contract';
import type { ValueType } from '../../shared/profile/model';
import { formatPercent } from '../../shared/format/units';
import { formatViewValue } from './valueText';
import { PERCENT_RULE } from './percentRule';
import { SortableTableHead } from '../app/SortableHeader';
import { useSortedTable } from '../app/useSortedTable';

interface TopFunctionsTableProps {
  rows: TopFunctionRow[];
  sampleType: ValueType;
  /** The selection's total before filters, the denominator of the percentages (percentRule.ts). */
  grandTotal: number;
  /** Clicking a function name: show its sandwich view. */
  onFunctionClick?(functionName: string): void;
}

const column = createColumnHelper<TopFunctionRow>();

/** `data-col` of each column, the hook end-to-end tests use to read cells. */
const DATA_COL: Record<string, string> = {
  function: 'function',
  file: 'file',
  self: 'self',
  selfShare: 'self-percent',
  total: 'total',
  totalShare: 'total-percent',
};

export function TopFunctionsTable({ rows, sampleType, grandTotal, onFunctionClick }: TopFunctionsTableProps) {
  const columns = useMemo(() => {
    const share = (value: number): string => formatPercent(grandTotal > 0 ? value / grandTotal : 0);
    const value = (v: number): string => formatViewValue(v, sampleType.unit);
    return [
      column.accessor('function', {
        header: 'Function',
        sortingFn: 'text',
        cell: (c) =>
          onFunctionClick ? (
            <button
              type="button"
              className="link-button"
              data-testid="top-function-name"
              onClick={() => onFunctionClick(c.getValue())}
            >
              {c.getValue()}
            </button>
          ) : (
            c.getValue()
          ),
      }),
      column.accessor('file', { header: 'File', sortingFn: 'text' }),
      column.accessor('self', { header: 'Self', cell: (c) => value(c.getValue()), meta: { numeric: true } }),
      column.accessor('self', {
        id: 'selfShare',
        header: () => <span title={PERCENT_RULE}>Self %</span>,
        cell: (c) => share(c.getValue()),
        meta: { numeric: true },
      }),
      column.accessor('total', { header: 'Total', cell: (c) => value(c.getValue()), meta: { numeric: true } }),
      column.accessor('total', {
        id: 'totalShare',
        header: () => <span title={PERCENT_RULE}>Total %</span>,
        cell: (c) => share(c.getValue()),
        meta: { numeric: true },
      }),
    ];
  }, [sampleType.unit, grandTotal, onFunctionClick]);

  const table = useSortedTable(rows, columns, [{ id: 'self', desc: true }]);

  return (
    <section className="top-functions" aria-label="Top functions">
      <h3>Top functions</h3>
      <div className="table-scroll">
        <table className="data-table" data-testid="top-table">
          <SortableTableHead table={table} />
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} data-testid="top-row">
                {row.getVisibleCells().map((cell) => {
                  const id = cell.column.id;
                  return (
                    <td
                      key={cell.id}
                      data-col={DATA_COL[id]}
                      data-value={id === 'self' || id === 'total' ? String(cell.getValue()) : undefined}
                      className={cell.column.columnDef.meta?.numeric ? 'numeric' : 'text-cell'}
                      title={id === 'function' || id === 'file' ? String(cell.getValue()) : undefined}
                    >
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
