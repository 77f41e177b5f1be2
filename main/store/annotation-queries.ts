/**
 * Annotations on a service's time axis (migration 14) and the captures the timeline draws. Every query of one
 * service is answered from an index on (service, time): the timeline of one service costs what that service holds.
 */
import type Database from 'better-sqlite3';
import type { Annotation, ItemKind } from '../../shared/ipc/contract';
import type { AnnotationRow } from '../../shared/timeline/annotation-file';
import { writeTransaction } from './write-lock';

interface AnnotationDbRow {
  id: number;
  service: string;
  at_ms: number;
  label: string;
  source: 'user' | 'file';
  origin: string | null;
  created_at_ms: number;
}

const COLUMNS = 'id, service, at_ms, label, source, origin, created_at_ms';

function fromRow(row: AnnotationDbRow): Annotation {
  return {
    id: row.id,
    service: row.service,
    atMs: row.at_ms,
    label: row.label,
    source: row.source,
    origin: row.origin,
    createdAtMs: row.created_at_ms,
  };
}

export function getAnnotation(db: Database.Database, id: number): Annotation | null {
  const row = db.prepare(`SELECT ${COLUMNS} FROM annotations WHERE id = ?`).get(id) as AnnotationDbRow | undefined;
  return row ? fromRow(row) : null;
}

/** One service's annotations (annotations_by_service), or all when `service` is undefined; in time order. */
export function listAnnotations(db: Database.Database, service?: string): Annotation[] {
  const rows = (
    service === undefined
      ? db.prepare(`SELECT ${COLUMNS} FROM annotations ORDER BY service, at_ms, id`).all()
      : db.prepare(`SELECT ${COLUMNS} FROM annotations WHERE service = ? ORDER BY at_ms, id`).all(service)
  ) as AnnotationDbRow[];
  return rows.map(fromRow);
}

export function insertAnnotation(
  db: Database.Database,
  note: { service: string; atMs: number; label: string },
  nowMs: number,
): Annotation {
  const { lastInsertRowid } = db
    .prepare(`INSERT INTO annotations (service, at_ms, label, source, created_at_ms) VALUES (?, ?, ?, 'user', ?)`)
    .run(note.service, note.atMs, note.label, nowMs);
  return getAnnotation(db, Number(lastInsertRowid)) as Annotation;
}

/** A file's rows, all or none (one transaction); `service` fills rows whose file names none. */
export function insertAnnotationFile(
  db: Database.Database,
  rows: readonly (AnnotationRow & { service: string })[],
  origin: string,
  nowMs: number,
): number {
  const insert = db.prepare(
    `INSERT INTO annotations (service, at_ms, label, source, origin, created_at_ms) VALUES (?, ?, ?, 'file', ?, ?)`,
  );
  // Waits for another process's write as imports do (write-lock.ts), then writes every row or none.
  writeTransaction(db, () => {
    for (const row of rows) insert.run(row.service, row.atMs, row.label, origin, nowMs);
  });
  return rows.length;
}

/** Changes an annotation's time or label; null when there is none with this id. */
export function updateAnnotation(
  db: Database.Database,
  id: number,
  change: { atMs?: number; label?: string },
): Annotation | null {
  db.prepare('UPDATE annotations SET at_ms = coalesce(?, at_ms), label = coalesce(?, label) WHERE id = ?').run(
    change.atMs ?? null,
    change.label ?? null,
    id,
  );
  return getAnnotation(db, id);
}

export function deleteAnnotation(db: Database.Database, id: number): boolean {
  return db.prepare('DELETE FROM annotations WHERE id = ?').run(id).changes > 0;
}

export interface TimelineItemRow {
  id: number;
  kind: ItemKind;
  service: string | null;
  capturedAtMs: number | null;
  durationNs: number | null;
}

/** One service's items in time order (items_by_service), or every item when `service` is undefined. */
export function timelineItems(db: Database.Database, service?: string): TimelineItemRow[] {
  const select = `SELECT id, kind, service, captured_at_ms AS capturedAtMs, duration_ns AS durationNs FROM items`;
  return (
    service === undefined
      ? db.prepare(`${select} ORDER BY captured_at_ms IS NULL, captured_at_ms, id`).all()
      : db.prepare(`${select} WHERE service = ? ORDER BY captured_at_ms IS NULL, captured_at_ms, id`).all(service)
  ) as TimelineItemRow[];
}
