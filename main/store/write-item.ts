/**
 * The rows every import writes: the original file once, and one catalogue
 * item (`items` row) per profile, GC log or heap snapshot the file holds,
 * with its capture fields (shared/capture): service, wall-clock start and
 * where it comes from, item labels.
 */
import type Database from 'better-sqlite3';
import { captureStart, type CaptureTags } from '../../shared/capture/capture';
import { withImportTags } from '../../shared/capture/import-tags';
import type { ImportTags, ItemKind } from '../../shared/ipc/contract';
import type { FileFormat } from '../../shared/import/result';
import type { ValueType } from '../../shared/profile/model';

export interface FileOrigin {
  /** File name shown in the catalogue (no directories). */
  name: string;
  /** Where the bytes came from: a path, an upload, later an S3 key or URL. */
  source: string;
  contentHash: string;
  byteSize: number;
  format: FileFormat;
  /** The file's modification time (ms since the epoch), when known: the estimated start of items whose file states none. */
  modifiedAtMs?: number | null;
  /** Service and labels the user gave at import, for every item of the file (over what the file says). */
  importTags?: ImportTags | undefined;
}

/** A file's items in the store: new, or found stored already (the same bytes, by content hash). */
export interface StoredFile {
  /** Catalogue ids of the file's items, in the file's order. */
  ids: number[];
  duplicate: boolean;
}

/** Catalogue ids of the items of the file with these bytes, or null when it is not stored. */
export function storedItemIds(db: Database.Database, contentHash: string): number[] | null {
  const ids = db
    .prepare('SELECT p.id FROM files f JOIN items p ON p.file = f.id WHERE f.content_hash = ? ORDER BY p.part')
    .pluck()
    .all(contentHash) as number[];
  return ids.length > 0 ? ids : null;
}

/** Where an item goes: its file, its position in the file, and its display name. */
export interface ItemPlace {
  fileId: number;
  part: number;
  /** Catalogue name: the file name, plus the item's own name when the file holds several. */
  name: string;
  itemName: string | null;
  /** The user's service and labels for the item (FileOrigin.importTags), over the ones the file names. */
  importTags?: ImportTags | undefined;
  /**
   * The span in ns the file records, the longest of its items' that state no start (recordedSpanNs): an estimated
   * start is the file's modification time minus it, the same for every item of the file. Absent: the item's own
   * durationNs (a file of one item).
   */
  fileSpanNs?: number | null | undefined;
}

export interface ItemFacts {
  format: FileFormat;
  kind: ItemKind;
  /** The wall-clock start the file states; null: the item is anchored at the file's modification time, if known. */
  capturedAtMs: number | null;
  durationNs: number | null;
  /** Service and item-level labels the file names. */
  tags?: CaptureTags | undefined;
  period?: number | null;
  periodType?: ValueType | null;
  defaultSampleType?: number;
  comments?: string[];
}

export function insertFileRow(db: Database.Database, origin: FileOrigin): number {
  const result = db
    .prepare(
      `INSERT INTO files (name, source, format, byte_size, content_hash, imported_at_ms, modified_at_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      origin.name,
      origin.source,
      origin.format,
      origin.byteSize,
      origin.contentHash,
      Date.now(),
      origin.modifiedAtMs ?? null,
    );
  return Number(result.lastInsertRowid);
}

/** Writes the item's catalogue row, its capture fields (service, start and where it comes from) and its labels. */
export function insertItemRow(db: Database.Database, place: ItemPlace, facts: ItemFacts): number {
  const modifiedAtMs = db.prepare('SELECT modified_at_ms FROM files WHERE id = ?').pluck().get(place.fileId) as
    number | null | undefined;
  const start = captureStart(
    facts.capturedAtMs,
    modifiedAtMs ?? null,
    (place.fileSpanNs ?? facts.durationNs ?? 0) / 1e6,
  );
  const tags = withImportTags(facts.tags, place.importTags);
  const result = db
    .prepare(
      `INSERT INTO items (file, part, name, item_name, format, kind, service, captured_at_ms, time_source,
         duration_ns, period, period_type, period_unit, default_sample_type, comments, imported_at_ms)
       VALUES (@file, @part, @name, @itemName, @format, @kind, @service, @capturedAt, @timeSource,
         @duration, @period, @periodType, @periodUnit, @defaultSampleType, @comments, @importedAt)`,
    )
    .run({
      file: place.fileId,
      part: place.part,
      name: place.name,
      itemName: place.itemName,
      format: facts.format,
      kind: facts.kind,
      service: tags.service,
      capturedAt: start.capturedAtMs,
      timeSource: start.timeSource,
      duration: facts.durationNs,
      period: facts.period ?? null,
      periodType: facts.periodType?.type ?? null,
      periodUnit: facts.periodType?.unit ?? null,
      defaultSampleType: facts.defaultSampleType ?? 0,
      comments: JSON.stringify(facts.comments ?? []),
      importedAt: Date.now(),
    });
  const id = Number(result.lastInsertRowid);
  const labels = Object.entries(tags.labels);
  if (labels.length > 0) {
    const insert = db.prepare('INSERT OR REPLACE INTO item_labels (item, key, value) VALUES (?, ?, ?)');
    for (const [key, value] of labels) insert.run(id, key, value);
  }
  return id;
}
