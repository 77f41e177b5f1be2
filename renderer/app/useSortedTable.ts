/**
 * A client-sorted TanStack table (@tanstack/react-table 8) over rows already
 * in memory: what the top-functions, heap-classes and catalogue tables share.
 */
import {
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
  type Table,
} from '@tanstack/react-table';
import { useState } from 'react';

export function useSortedTable<Row>(
  data: Row[],
  // TanStack's own column type: accessor columns of different value types in one list.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<Row, any>[],
  initialSorting: SortingState,
  /** Stable row ids (TanStack uses the index otherwise). */
  getRowId?: (row: Row) => string,
): Table<Row> {
  const [sorting, setSorting] = useState<SortingState>(initialSorting);
  // TanStack Table hands back fresh functions every render; nothing here memoizes them.
  // eslint-disable-next-line react-hooks/incompatible-library
  return useReactTable({
    data,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    ...(getRowId ? { getRowId } : {}),
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
}
