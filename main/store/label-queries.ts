/**
 * Sample-label queries (pprof Sample.label, stored as `label_sets`/`labels`
 * and referenced by `stack_values.label_set`, 0 meaning "no labels", which no
 * condition keeps): which samples a label filter keeps, and which keys and
 * values a set of items has.
 */
import type Database from 'better-sqlite3';
import type { LabelKey, LabelValue } from '../../shared/ipc/contract';
import { labelKeyConditions, labelValueText, type LabelFilter } from '../../shared/query/label-filter';

/**
 * A `stack_values` condition keeping the samples whose label set meets the
 * filters (shared/query/label-filter.ts): per key, `label_set IN` the sets
 * with a label of that key and one of its values, found through the
 * `labels (key, str)` index; the keys' conditions are ANDed.
 */
export function labelSetCondition(filters: readonly LabelFilter[]): { sql: string; params: string[] } {
  const sql: string[] = [];
  const params: string[] = [];
  for (const { key, strings, numbers } of labelKeyConditions(filters)) {
    const sets = ['SELECT label_set FROM labels WHERE key = ? AND str IN (SELECT value FROM json_each(?))'];
    params.push(key, JSON.stringify(strings));
    if (numbers.length > 0) {
      sets.push(
        'SELECT label_set FROM labels WHERE key = ? AND str IS NULL AND num IN (SELECT value FROM json_each(?))',
      );
      params.push(key, JSON.stringify(numbers));
    }
    sql.push(`label_set IN (${sets.join(' UNION ALL ')})`);
  }
  return { sql: sql.join(' AND '), params };
}

/**
 * The label keys of the items' samples, sorted, each with its values: the
 * `maxValues` found on the most distinct stacks first (a key like `span_id`
 * can have a value per sample). A stack the items share is one stack.
 *
 * Counted here rather than by one SQL join: `labels` has no index on
 * `label_set`, and SQLite then joins it to the items' stack rows by nested
 * scans, which took a minute for 5,000 samples with a span id each. These two
 * queries each read their table once, and the counting is a sort.
 */
export function labelKeys(db: Database.Database, itemIds: readonly number[], maxValues: number): LabelKey[] {
  const items = JSON.stringify(itemIds);
  // Every label of every label set the profile uses, as an index into `values` (one per key and value).
  const values: { key: string; value: string }[] = [];
  const valueIndex = new Map<string, number>();
  const labelsOfSet = new Map<number, number[]>();
  const labelRows = db
    .prepare(
      `SELECT label_set, key, str, num FROM labels
       WHERE label_set IN (
         SELECT label_set FROM stack_values WHERE item IN (SELECT value FROM json_each(?)) AND label_set != 0
       )`,
    )
    .raw()
    .iterate(items) as Iterable<[number, string, string | null, number | null]>;
  for (const [labelSet, key, str, num] of labelRows) {
    const value = labelValueText({ str, num });
    const id = `${key}\0${value}`;
    let index = valueIndex.get(id);
    if (index === undefined) {
      index = values.length;
      valueIndex.set(id, index);
      values.push({ key, value });
    }
    const list = labelsOfSet.get(labelSet);
    if (list) list.push(index);
    else labelsOfSet.set(labelSet, [index]);
  }
  if (values.length === 0) return [];

  // (value, stack) pairs as value * 2^32 + stack (stack ids are SQLite rowids below 2^32 here), sorted to count
  // each value's distinct stacks.
  let pairs = new Float64Array(1024);
  let length = 0;
  const stackRows = db
    .prepare(
      'SELECT label_set, stack FROM stack_values WHERE item IN (SELECT value FROM json_each(?)) AND label_set != 0',
    )
    .raw()
    .iterate(items) as Iterable<[number, number]>;
  for (const [labelSet, stack] of stackRows) {
    for (const index of labelsOfSet.get(labelSet) ?? []) {
      if (length === pairs.length) {
        const grown = new Float64Array(pairs.length * 2);
        grown.set(pairs);
        pairs = grown;
      }
      pairs[length++] = index * STACK_STRIDE + stack;
    }
  }
  const sorted = pairs.subarray(0, length).sort();
  const stacksPerValue = new Int32Array(values.length);
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) {
      const index = Math.floor((sorted[i] as number) / STACK_STRIDE);
      stacksPerValue[index] = (stacksPerValue[index] as number) + 1;
    }
  }

  const byKey = new Map<string, LabelValue[]>();
  values.forEach(({ key, value }, index) => {
    const list = byKey.get(key) ?? [];
    list.push({ value, count: stacksPerValue[index] as number });
    byKey.set(key, list);
  });
  return [...byKey.keys()].sort(compareText).map((key) => ({
    key,
    values: (byKey.get(key) ?? [])
      .sort((a, b) => b.count - a.count || compareText(a.value, b.value))
      .slice(0, maxValues),
  }));
}

const STACK_STRIDE = 4294967296;

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
