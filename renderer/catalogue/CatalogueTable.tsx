/**
 * Every imported item (profiles, GC logs, heap snapshots); clicking a row (or Enter on it) selects it. A long
 * catalogue (10,000 captures) draws only the rows its box shows (useRowWindow): drawing them all took React and
 * the browser seconds on every change of the selection.
 */
import { useDeferredValue, useRef } from 'react';
import { createColumnHelper, flexRender } from '@tanstack/react-table';
import type { ItemSummary } from '../../shared/ipc/contract';
import { formatValue } from '../../shared/format/units';
import { catalogueTotal } from './catalogueTotal';
import { kindLabel } from '../app/itemKinds';
import { useCatalogueStore } from './catalogueStore';
import { useSortedTable } from '../app/useSortedTable';
import { selectedIds, useViewStore } from '../app/viewStore';
import { openItem } from '../app/openItem';
import { CaptureStart } from './CaptureStart';
import { compareByService, serviceTitle } from './captureText';
import { SortableTableHead } from '../app/SortableHeader';
import { useRowWindow } from '../app/useRowWindow';

const column = createColumnHelper<ItemSummary>();

const columns = [
  column.accessor('name', { header: 'Name', sortingFn: 'text' }),
  column.accessor('format', { header: 'Format' }),
  column.accessor((p) => kindLabel(p.kind), { id: 'kind', header: 'Kind', sortingFn: 'text' }),
  // Sorting by service groups each service's captures, in time order (compareByService); the hover lists the labels.
  column.accessor((p) => p.service ?? '', {
    id: 'service',
    header: 'Service',
    sortingFn: (a, b) => compareByService(a.original, b.original),
    meta: { title: serviceTitle },
  }),
  column.accessor((p) => p.capturedAtMs ?? -1, {
    id: 'capturedAt',
    header: 'Captured at',
    cell: (c) => <CaptureStart capture={c.row.original} />,
  }),
  column.accessor((p) => p.durationNs ?? -1, {
    id: 'duration',
    header: 'Duration',
    cell: (c) => (c.row.original.durationNs === null ? '—' : formatValue(c.row.original.durationNs, 'nanoseconds')),
    meta: { numeric: true },
  }),
  column.accessor((p) => p.sampleTypes.map((t) => `${t.type}/${t.unit}`).join(', '), {
    id: 'sampleTypes',
    header: 'Sample types',
    enableSorting: false,
  }),
  // Sorts by the headline number, which is only comparable between items of one kind (and unit).
  column.accessor((p) => catalogueTotal(p).value, {
    id: 'total',
    header: 'Total',
    cell: (c) => catalogueTotal(c.row.original).text,
    meta: { numeric: true },
  }),
];

/**
 * Column widths of the catalogue, whose table is laid out fixed to its box: long file names and JFR's dozen sample
 * types are cut with an ellipsis (the full text is the cell's title) instead of widening the table past the window,
 * which pushed the Total column out of sight at 1400 px. Name takes what is left.
 */
const COLUMN_WIDTHS: Record<string, string> = {
  format: '9em',
  kind: '7em',
  service: '9em',
  // Date, time and an "estimated" mark.
  capturedAt: '18.5em',
  duration: '6.5em',
  sampleTypes: '11em',
  total: '9em',
};

export function CatalogueTable() {
  // Deferred (both, so they switch together): when 10,000 captures arrive the timeline paints first in a commit of
  // its own and asks for its series; the table follows in a background render.
  const profiles = useDeferredValue(useCatalogueStore((s) => s.profiles));
  const loaded = useDeferredValue(useCatalogueStore((s) => s.loaded));
  const error = useCatalogueStore((s) => s.error);
  const selection = useViewStore((s) => s.selection);
  const table = useSortedTable(profiles, columns, [], (profile) => String(profile.id));
  const select = openItem;
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = table.getRowModel().rows;
  const shown = useRowWindow(scrollRef, rows.length, 'tr[data-testid="catalogue-row"]');
  const picked = new Set(selectedIds(selection));

  return (
    <section className="catalogue" aria-label="Catalogue">
      {error !== null && (
        <p className="error-text" role="alert" data-testid="catalogue-error">
          Could not load the profile list: {error}
        </p>
      )}
      <div className="table-scroll catalogue-scroll" ref={scrollRef}>
        <table className="data-table catalogue-table" data-testid="catalogue">
          <colgroup>
            {table.getVisibleLeafColumns().map((c) => (
              <col key={c.id} style={COLUMN_WIDTHS[c.id] ? { width: COLUMN_WIDTHS[c.id] } : undefined} />
            ))}
          </colgroup>
          <SortableTableHead table={table} />
          <tbody>
            {shown.padTop > 0 && <tr aria-hidden="true" style={{ height: shown.padTop }} />}
            {rows.slice(shown.start, shown.end).map((row) => {
              const selected = picked.has(row.original.id);
              return (
                <tr
                  key={row.id}
                  data-testid="catalogue-row"
                  data-profile-id={row.original.id}
                  data-kind={row.original.kind}
                  aria-selected={selected}
                  className={selected ? 'selectable selected' : 'selectable'}
                  tabIndex={0}
                  onClick={() => select(row.original)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter' || event.key === ' ') {
                      event.preventDefault();
                      select(row.original);
                    }
                  }}
                >
                  {row.getVisibleCells().map((cell) => (
                    <td
                      key={cell.id}
                      data-col={cell.column.id}
                      className={cell.column.columnDef.meta?.numeric ? 'numeric' : 'text-cell'}
                      title={cellTitle(cell.column.columnDef.meta?.title, row.original, cell.getValue())}
                    >
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              );
            })}
            {shown.padBottom > 0 && <tr aria-hidden="true" style={{ height: shown.padBottom }} />}
            {loaded && profiles.length === 0 && (
              <tr>
                <td colSpan={columns.length} className="empty-hint">
                  Nothing imported yet. Drop profiles, GC logs or heap snapshots anywhere in this window, or use Open….
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A cell's hover text: the column's own, else the whole text of a cell that may be cut with an ellipsis. */
function cellTitle(
  title: ((row: ItemSummary) => string) | undefined,
  row: ItemSummary,
  value: unknown,
): string | undefined {
  if (title) return title(row);
  return typeof value === 'string' ? value : undefined;
}
