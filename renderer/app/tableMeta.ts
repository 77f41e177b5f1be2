/** Per-column extras the tables read from TanStack's column meta. */
import type { RowData } from '@tanstack/react-table';

declare module '@tanstack/react-table' {
  // The type parameters must repeat TanStack's declaration exactly, used or not.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Right-aligned, tabular figures. */
    numeric?: boolean;
    /** A cell's hover text, when the cell's value is not it. */
    title?: (row: TData) => string;
  }
}
