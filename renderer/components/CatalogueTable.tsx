/** Every imported profile; clicking a row (or Enter on it) selects it. */
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type SortingState,
} from '@tanstack/react-table';
import { useState } from 'react';
import type { ProfileSummary } from '../../shared/ipc/contract';
import { formatValue } from '../../shared/format/units';
import { useCatalogueStore } from '../state/catalogueStore';
import { useViewStore } from '../state/viewStore';
import { formatLocalDateTime } from './formatDate';
import { SortableTableHead } from './SortableHeader';

const column = createColumnHelper<ProfileSummary>();

/** Total of the default sample type, which is what the row shows. */
function defaultTotal(profile: ProfileSummary): number {
  return profile.totals[profile.defaultSampleType] ?? 0;
}

const columns = [
  column.accessor('name', { header: 'Name', sortingFn: 'text' }),
  column.accessor('format', { header: 'Format' }),
  column.accessor('kind', { header: 'Kind' }),
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
  column.accessor(defaultTotal, {
    id: 'total',
    header: 'Total',
    cell: (c) => {
      const unit = c.row.original.sampleTypes[c.row.original.defaultSampleType]?.unit ?? '';
      return formatValue(c.getValue(), unit);
    },
    meta: { numeric: true },
  }),
];

export function CatalogueTable() {
  const profiles = useCatalogueStore((s) => s.profiles);
  const loaded = useCatalogueStore((s) => s.loaded);
  const error = useCatalogueStore((s) => s.error);
  const selectedProfileId = useViewStore((s) => s.selectedProfileId);
  const selectProfile = useViewStore((s) => s.selectProfile);
  const [sorting, setSorting] = useState<SortingState>([]);

  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: profiles,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getRowId: (profile) => String(profile.id),
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });

  const select = (profile: ProfileSummary): void => {
    if (profile.id !== selectedProfileId) selectProfile(profile.id, profile.defaultSampleType);
  };

  return (
    <section className="catalogue" aria-label="Profiles">
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
                  No profiles yet. Drop pprof, .cpuprofile or collapsed-stack files anywhere in this window, or use
                  Open….
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
