/** Writes a GC log's events as a catalogue item (inside the caller's transaction). */
import type Database from 'better-sqlite3';
import type { GcLog } from '../../shared/gc/model';
import type { FileFormat } from '../../shared/import/result';
import { insertItemRow, type ItemPlace } from './write-item';

export function writeGcLog(db: Database.Database, log: GcLog, format: FileFormat, place: ItemPlace): number {
  const first = log.events[0];
  const last = log.events[log.events.length - 1];
  const profileId = insertItemRow(db, place, {
    format,
    kind: 'gc-log',
    // A log's events are relative to process start; its wall-clock start is known only when the log states it.
    capturedAtMs: log.startTimeMs === null ? null : log.startTimeMs + (first?.timeMs ?? 0),
    durationNs: first && last ? (last.timeMs - first.timeMs) * 1e6 : null,
  });
  db.prepare('INSERT INTO gc_logs (profile, collector, skipped_lines) VALUES (?, ?, ?)').run(
    profileId,
    log.collector,
    log.skippedLines,
  );
  const insert = db.prepare(
    `INSERT INTO gc_events (profile, seq, time_ms, kind, generation, cause, pause_ns, duration_ns,
       heap_before, heap_after, heap_capacity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  log.events.forEach((e, seq) =>
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
      e.heapCapacityBytes,
    ),
  );
  return profileId;
}
