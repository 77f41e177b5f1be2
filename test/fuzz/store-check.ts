/**
 * What an intact store looks like, as SQL over the tables of main/store/migrations.ts: the fuzz harness and the
 * kill -9 test run it after every import. Each check returns a list of defects, empty when the store is intact.
 */
import type Database from 'better-sqlite3';

/** Rows that name an item that does not exist, per table holding an `item` column (migrations 1–12). */
const ITEM_TABLES = [
  'item_sample_types',
  'stack_values',
  'sample_times',
  'sample_weights',
  'gc_logs',
  'gc_events',
  'heap_snapshots',
  'heap_arrays',
  'heap_strings',
  'heap_classes',
  'item_labels',
  'item_functions',
  'stack_cache_nodes',
];

export function storeDefects(db: Database.Database): string[] {
  const defects: string[] = [];
  const quick = db.pragma('quick_check', { simple: true });
  if (quick !== 'ok') defects.push(`quick_check: ${String(quick)}`);
  const count = (sql: string): number => db.prepare(sql).pluck().get() as number;
  const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  for (const table of ITEM_TABLES) {
    if (!tables.has(table)) continue;
    const orphans = count(
      `SELECT COUNT(*) FROM ${table} t WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.id = t.item)`,
    );
    if (orphans > 0) defects.push(`${orphans} ${table} rows without their item`);
  }
  const checks: [string, string][] = [
    [
      'items without their file',
      'SELECT COUNT(*) FROM items i WHERE NOT EXISTS (SELECT 1 FROM files f WHERE f.id = i.file)',
    ],
    [
      'files without items',
      'SELECT COUNT(*) FROM files f WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.file = f.id)',
    ],
    [
      'profiles without sample types',
      `SELECT COUNT(*) FROM items i WHERE i.kind NOT IN ('gc-log', 'heap-snapshot')
         AND NOT EXISTS (SELECT 1 FROM item_sample_types t WHERE t.item = i.id)`,
    ],
    [
      'GC logs without their log row',
      "SELECT COUNT(*) FROM items i WHERE i.kind = 'gc-log' AND NOT EXISTS (SELECT 1 FROM gc_logs g WHERE g.item = i.id)",
    ],
    [
      'heap snapshots without their snapshot row',
      `SELECT COUNT(*) FROM items i WHERE i.kind = 'heap-snapshot'
         AND NOT EXISTS (SELECT 1 FROM heap_snapshots h WHERE h.item = i.id)`,
    ],
    [
      'sample types whose total differs from their values',
      `SELECT COUNT(*) FROM item_sample_types t
         WHERE EXISTS (SELECT 1 FROM stack_values v WHERE v.item = t.item)
           AND abs(t.total - (SELECT COALESCE(SUM(v.value), 0) FROM stack_values v
                              WHERE v.item = t.item AND v.sample_type = t.sample_type)) > 1e-6 * max(1, abs(t.total))`,
    ],
  ];
  for (const [what, sql] of checks) {
    const n = count(sql);
    if (n > 0) defects.push(`${n} ${what}`);
  }
  const foreign = db.pragma('foreign_key_check') as unknown[];
  if (foreign.length > 0) defects.push(`${foreign.length} foreign key violations`);
  return defects;
}
