/**
 * The capture side of catalogue items (shared/capture): item labels read
 * back, and the start a user sets for an item whose file states none.
 */
import type Database from 'better-sqlite3';
import type { CaptureSourceKind } from '../../shared/capture/capture';

/** Item labels per item id, for the given items (all items when `ids` is absent), each found by its id. */
export function itemLabels(db: Database.Database, ids?: readonly number[]): Map<number, Record<string, string>> {
  const rows = (
    ids === undefined
      ? db.prepare('SELECT item, key, value FROM item_labels ORDER BY item, key').all()
      : db
          .prepare(
            `SELECT l.item, l.key, l.value FROM json_each(?) AS j JOIN item_labels l ON l.item = j.value
             ORDER BY l.item, l.key`,
          )
          .all(JSON.stringify(ids))
  ) as { item: number; key: string; value: string }[];
  const byItem = new Map<number, Record<string, string>>();
  for (const row of rows) {
    let labels = byItem.get(row.item);
    if (!labels) {
      labels = {};
      byItem.set(row.item, labels);
    }
    labels[row.key] = row.value;
  }
  return byItem;
}

/** How a file's bytes reached the store, from files.source (a path, or "upload:<name>" as the importer writes it). */
export function sourceKindOf(source: string): CaptureSourceKind {
  return source.startsWith('upload:') ? 'upload' : 'path';
}

/**
 * Sets the start of an item whose file states none, and moves the file's other such items by the same amount:
 * they share the file's relative clock. False when the item does not exist; throws when its start is the file's.
 */
export function setCaptureStart(db: Database.Database, id: number, startMs: number): boolean {
  const row = db.prepare('SELECT file, captured_at_ms, time_source FROM items WHERE id = ?').get(id) as
    { file: number; captured_at_ms: number | null; time_source: string } | undefined;
  if (!row) return false;
  if (row.time_source === 'file') throw new Error(`item ${id}: its file states its start; it cannot be set`);
  db.transaction(() => {
    const shift = row.captured_at_ms === null ? null : startMs - row.captured_at_ms;
    db.prepare(
      `UPDATE items SET time_source = 'user',
         captured_at_ms = CASE WHEN ? IS NULL OR captured_at_ms IS NULL THEN ? ELSE captured_at_ms + ? END
       WHERE file = ? AND time_source != 'file'`,
    ).run(shift, startMs, shift, row.file);
  })();
  return true;
}
