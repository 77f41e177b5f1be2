/** A table header cell that sorts its column on click, showing the direction. */
import { flexRender, type Header, type Table } from '@tanstack/react-table';

const ARROWS = { asc: ' ▲', desc: ' ▼' } as const;

export function SortableHeader<Row>({ header }: { header: Header<Row, unknown> }) {
  const sorted = header.column.getIsSorted();
  const ariaSort = sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none';
  const numeric = header.column.columnDef.meta?.numeric === true;
  return (
    <th aria-sort={ariaSort} className={numeric ? 'numeric' : undefined}>
      <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
        {flexRender(header.column.columnDef.header, header.getContext())}
        {sorted ? ARROWS[sorted] : ''}
      </button>
    </th>
  );
}

/** The header rows of a sortable table. */
export function SortableTableHead<Row>({ table }: { table: Table<Row> }) {
  return (
    <thead>
      {table.getHeaderGroups().map((group) => (
        <tr key={group.id}>
          {group.headers.map((header) => (
            <SortableHeader key={header.id} header={header} />
          ))}
        </tr>
      ))}
    </thead>
  );
}
