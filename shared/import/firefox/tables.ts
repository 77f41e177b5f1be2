/**
 * The two table layouts of Firefox Profiler files, behind one reader:
 * - Gecko profiles (what Firefox emits) store a table as
 *   `{schema: {column: position}, data: [[…row…], …]}`; rows may be shorter
 *   than the schema, the missing cells being null (Firefox Profiler's
 *   gecko-profile-format.md).
 * - Processed profiles (what profiler.firefox.com saves) store a table as
 *   columns, `{length, column: [...], …}` (processed-profile-format.md).
 * A cell that is missing reads as undefined; callers check every value.
 */
import { fail } from '../errors';
import { isObject, type JsonObject } from '../json-read';

export interface Table {
  /** Where the table is, for messages: "threads[0].stackTable". */
  where: string;
  length: number;
  /** A reader for the column, or null when the table has no such column. */
  column(name: string): ((row: number) => unknown) | null;
}

/**
 * Reads `value` as a table. The first of `lengthColumns` that exists gives
 * the row count of a column-form table without `length` (old processed files).
 */
export function readTable(value: unknown, where: string, lengthColumns: string[]): Table {
  if (!isObject(value)) return fail(`${where} is not an object`);
  if (isObject(value.schema) || Array.isArray(value.data)) return schemaTable(value, where);
  return columnTable(value, where, lengthColumns);
}

function schemaTable(value: JsonObject, where: string): Table {
  const schema = value.schema;
  const data = value.data;
  if (!isObject(schema)) return fail(`${where}.schema is not an object`);
  if (!Array.isArray(data)) return fail(`${where}.data is not an array`);
  return {
    where,
    length: data.length,
    column(name) {
      const position = Object.prototype.hasOwnProperty.call(schema, name) ? schema[name] : undefined;
      if (typeof position !== 'number' || !Number.isInteger(position) || position < 0) return null;
      return (row) => {
        const cells = data[row];
        if (!Array.isArray(cells)) return fail(`${where}.data[${row}] is not an array`);
        return cells[position];
      };
    },
  };
}

function columnTable(value: JsonObject, where: string, lengthColumns: string[]): Table {
  let length = value.length;
  for (const name of lengthColumns) {
    const cells = value[name];
    if (length === undefined && Array.isArray(cells)) length = cells.length;
  }
  if (typeof length !== 'number' || !Number.isInteger(length) || length < 0) {
    return fail(`${where}.length is not a non-negative integer`);
  }
  return {
    where,
    length,
    column(name) {
      const cells = Object.prototype.hasOwnProperty.call(value, name) ? value[name] : undefined;
      if (!Array.isArray(cells)) return null;
      return (row) => cells[row];
    },
  };
}

/** A column every row needs, or a failure naming it. */
export function requiredColumn(table: Table, name: string): (row: number) => unknown {
  const column = table.column(name);
  if (column === null) return fail(`${table.where} has no "${name}" column`);
  return column;
}
