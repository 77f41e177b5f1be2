/** Writes a GC log's events as a catalogue item (inside the caller's transaction). */
import type Database from 'better-sqlite3';
import type { GcLog } from '../../shared/gc/model';
import type { FileFormat } from '../../shared/import/result';
import { batchCheckpoint } from './batch-checkpoint';
import { insertItemRow, type ItemPlace } from './write-item';

/**
 * What a GC log records, from its time 0 to the end of its last event (its start plus its pause or duration):
 * the item's durationNs. Null without events.
 */
export function gcLogSpanNs(log: GcLog): number | null {
  let endNs: number | null = null;
  // Events are in start order; a long concurrent phase may end after a later pause, so the latest end is taken.
  for (const e of log.events)
    endNs = Math.max(endNs ?? 0, Math.round(e.timeMs * 1e6 + Math.max(e.pauseNs, e.durationNs ?? 0)));
  return endNs;
}

export function writeGcLog(db: Database.Database, log: GcLog, format: FileFormat, place: ItemPlace): number {
  const profileId = insertItemRow(db, place, {
    format,
    kind: 'gc-log',
    // Event times are relative to the log's time 0 (process or recording start), which is the item's start, so
    // capturedAtMs + timeMs is an event's wall-clock time; the span runs from time 0 to the last event's end.
    capturedAtMs: log.startTimeMs,
    durationNs: gcLogSpanNs(log),
    tags: log.capture,
  });
  db.prepare('INSERT INTO gc_logs (item, collector, skipped_lines) VALUES (?, ?, ?)').run(
    profileId,
    log.collector,
    log.skippedLines,
  );
  const insert = db.prepare(
    `INSERT INTO gc_events (item, seq, time_ms, kind, generation, cause, pause_ns, duration_ns,
       heap_before, heap_after, heap_end, heap_capacity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  log.events.forEach((e, seq) => {
    // The store's cancellation point (batch-checkpoint.ts), every few thousand events.
    if (seq % 4096 === 0) batchCheckpoint(db);
    insert.run(
      profileId,
      seq,
      e.timeMs,
      e.kind,
      e.generation,
      e.cause,
      e.pauseNs,
      e.durationNs,
      e.heapBeforeBytes,
      e.heapAfterBytes,
      e.heapEndBytes ?? null,
      e.heapCapacityBytes,
    );
  });
  return profileId;
}
