/** Every imported item (profiles, GC logs, heap snapshots); clicking a row (or Enter on it) selects it. */
import { createColumnHelper, flexRender } from '@tanstack/react-table';
import type { ProfileSummary } from '../../shared/ipc/contract';
import { formatValue } from '../../shared/format/units';
import { catalogueTotal } from '../items/catalogueTotal';
import { kindLabel } from '../items/itemKinds';
import { useCatalogueStore } from '../state/catalogueStore';
import { useSortedTable } from './useSortedTable';
import { useViewStore } from '../state/viewStore';
import { formatLocalDateTime } from './formatDate';
import { SortableTableHead } from './SortableHeader';

const column = createColumnHelper<ProfileSummary>();

const columns = [
  column.accessor('name', { header: 'Name', sortingFn: 'text' }),
  column.accessor('format', { header: 'Format' }),
  column.accessor((p) => kindLabel(p.kind), { id: 'kind', header: 'Kind', sortingFn: 'text' }),
  column.accessor((p) => p.service ?? '', { id: 'service', header: 'Service', sortingFn: 'text' }),
  column.accessor((p) => p.capturedAtMs ?? -1, {
    id: 'capturedAt',
    header: 'Captured at',
    cell: (c) => (c.row.original.capturedAtMs === null ? '—' : formatLocalDateTime(c.row.original.capturedAtMs)),
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

export function CatalogueTable() {
  const profiles = useCatalogueStore((s) => s.profiles);
  const loaded = useCatalogueStore((s) => s.loaded);
  const error = useCatalogueStore((s) => s.error);
  const selectedProfileId = useViewStore((s) => s.selectedProfileId);
  const selectProfile = useViewStore((s) => s.selectProfile);
  const table = useSortedTable(profiles, columns, [], (profile) => String(profile.id));

  const select = (profile: ProfileSummary): void => {
    if (profile.id !== selectedProfileId) selectProfile(profile.id, profile.defaultSampleType);
  };

  return (
    <section className="catalogue" aria-label="Catalogue">
      {error !== null && (
        <p className="error-text" role="alert" data-testid="catalogue-error">
          Could not load the profile list: {error}
        </p>
      )}
      <div className="table-scroll catalogue-scroll">
        <table className="data-table" data-testid="catalogue">
          <SortableTableHead table={table} />
          <tbody>
            {table.getRowModel().rows.map((row) => {
              const selected = row.original.id === selectedProfileId;
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
                      title={typeof cell.getValue() === 'string' ? (cell.getValue() as string) : undefined}
                    >
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              );
            })}
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
