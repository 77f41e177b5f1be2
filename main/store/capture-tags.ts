/**
 * Renaming and reassigning captures after import (setCaptureTags): a new service for items, labels set or removed.
 * The catalogue's service grouping and service selections (items_by_service) read these columns, so they see the
 * change at once.
 */
import type Database from 'better-sqlite3';

export interface CaptureTagChange {
  /** The items' new service; absent: each keeps its own. */
  service?: string | undefined;
  /** Labels to set on every item (overriding the key's value); an empty value removes the key. */
  labels?: Record<string, string> | undefined;
}

/**
 * Applies the change to every item, in one transaction; returns the ids that name no item, in which case nothing
 * is written.
 */
export function setCaptureTags(db: Database.Database, ids: readonly number[], change: CaptureTagChange): number[] {
  return db
    .transaction((): number[] => {
      const found = new Set(
        db
          .prepare('SELECT p.id FROM json_each(?) AS j JOIN items p ON p.id = j.value')
          .pluck()
          .all(JSON.stringify(ids)) as number[],
      );
      const missing = ids.filter((id) => !found.has(id));
      if (missing.length > 0) return missing;
      if (change.service !== undefined) {
        db.prepare('UPDATE items SET service = ? WHERE id IN (SELECT value FROM json_each(?))').run(
          change.service,
          JSON.stringify(ids),
        );
      }
      const set = db.prepare('INSERT OR REPLACE INTO item_labels (item, key, value) VALUES (?, ?, ?)');
      const remove = db.prepare('DELETE FROM item_labels WHERE item = ? AND key = ?');
      for (const [key, value] of Object.entries(change.labels ?? {})) {
        for (const id of ids) {
          if (value === '') remove.run(id, key);
          else set.run(id, key, value);
        }
      }
      return [];
      // Immediate: the write lock first (waiting the connection's busy timeout), so the read above stays true.
    })
    .immediate();
}
