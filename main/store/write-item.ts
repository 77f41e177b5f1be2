/**
 * The rows every import writes: the original file once, and one catalogue
 * item (`profiles` row) per profile, GC log or heap snapshot the file holds.
 */
import type Database from 'better-sqlite3';
import type { ItemKind } from '../../shared/ipc/contract';
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
}

/** Where an item goes: its file, its position in the file, and its display name. */
export interface ItemPlace {
  fileId: number;
  part: number;
  /** Catalogue name: the file name, plus the item's own name when the file holds several. */
  name: string;
  itemName: string | null;
}

export interface ItemFacts {
  format: FileFormat;
  kind: ItemKind;
  capturedAtMs: number | null;
  durationNs: number | null;
  period?: number | null;
  periodType?: ValueType | null;
  defaultSampleType?: number;
  comments?: string[];
}

export function insertFileRow(db: Database.Database, origin: FileOrigin): number {
  const result = db
    .prepare(
      `INSERT INTO files (name, source, format, byte_size, content_hash, imported_at_ms)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(origin.name, origin.source, origin.format, origin.byteSize, origin.contentHash, Date.now());
  return Number(result.lastInsertRowid);
}

export function insertItemRow(db: Database.Database, place: ItemPlace, facts: ItemFacts): number {
  const result = db
    .prepare(
      `INSERT INTO profiles (file, part, name, item_name, format, kind, service, captured_at_ms, duration_ns,
         period, period_type, period_unit, default_sample_type, comments, imported_at_ms)
       VALUES (@file, @part, @name, @itemName, @format, @kind, NULL, @capturedAt, @duration,
         @period, @periodType, @periodUnit, @defaultSampleType, @comments, @importedAt)`,
    )
    .run({
      file: place.fileId,
      part: place.part,
      name: place.name,
      itemName: place.itemName,
      format: facts.format,
      kind: facts.kind,
      capturedAt: facts.capturedAtMs,
      duration: facts.durationNs,
      period: facts.period ?? null,
      periodType: facts.periodType?.type ?? null,
      periodUnit: facts.periodType?.unit ?? null,
      defaultSampleType: facts.defaultSampleType ?? 0,
      comments: JSON.stringify(facts.comments ?? []),
      importedAt: Date.now(),
    });
  return Number(result.lastInsertRowid);
}
