/**
 * Per capture, the totals of some functions (by name and file) from `item_functions`, the per-item function totals
 * of each item's default sample type written at import: what a comparison's sparklines draw, one short indexed read
 * instead of a stacks read per capture. Functions that share a name and file (another start line) are summed.
 */
import type Database from 'better-sqlite3';

/** `name\0file` → item id → total. Items or functions without a row are absent (their total is 0). */
export function itemFunctionTotals(
  db: Database.Database,
  ids: readonly number[],
  functions: readonly { name: string; file: string }[],
): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>();
  if (ids.length === 0 || functions.length === 0) return out;
  const wanted = new Set(functions.map((f) => `${f.name}\0${f.file}`));
  const rows = db
    .prepare(
      `SELECT f.name AS name, f.file AS file, t.item AS item, SUM(t.total) AS total
       FROM functions f
       JOIN item_functions t ON t.function = f.id
       JOIN json_each(?) j ON j.value = t.item
       WHERE f.name IN (SELECT value FROM json_each(?))
       GROUP BY f.name, f.file, t.item`,
    )
    .all(JSON.stringify(ids), JSON.stringify([...new Set(functions.map((f) => f.name))])) as {
    name: string;
    file: string;
    item: number;
    total: number;
  }[];
  for (const row of rows) {
    const key = `${row.name}\0${row.file}`;
    if (!wanted.has(key)) continue;
    let byItem = out.get(key);
    if (!byItem) out.set(key, (byItem = new Map()));
    byItem.set(row.item, row.total);
  }
  return out;
}
