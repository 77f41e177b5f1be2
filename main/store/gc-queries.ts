/** GC-log queries over the store. */
import type Database from 'better-sqlite3';
import type { GcEvent, GcLog } from '../../shared/gc/model';

interface GcEventRow {
  time_ms: number;
  kind: string;
  generation: string | null;
  cause: string | null;
  pause_ns: number;
  duration_ns: number | null;
  heap_before: number | null;
  heap_after: number | null;
  heap_end: number | null;
  heap_capacity: number | null;
}

export function gcEvents(db: Database.Database, profileId: number): GcEvent[] {
  const rows = db
    .prepare(
      `SELECT time_ms, kind, generation, cause, pause_ns, duration_ns, heap_before, heap_after, heap_end,
         heap_capacity FROM gc_events WHERE item = ? ORDER BY seq`,
    )
    .all(profileId) as GcEventRow[];
  return rows.map((r) => ({
    timeMs: r.time_ms,
    kind: r.kind,
    generation: r.generation,
    cause: r.cause,
    pauseNs: r.pause_ns,
    durationNs: r.duration_ns,
    heapBeforeBytes: r.heap_before,
    heapAfterBytes: r.heap_after,
    heapCapacityBytes: r.heap_capacity,
    ...(r.heap_end === null ? {} : { heapEndBytes: r.heap_end }),
  }));
}

/** The stored log of a GC-log item, or null when the item is not one. */
export function gcLog(db: Database.Database, profileId: number): GcLog | null {
  const row = db
    .prepare(
      `SELECT g.collector, g.skipped_lines, p.format, p.captured_at_ms FROM gc_logs g JOIN items p ON p.id = g.item
       WHERE g.item = ?`,
    )
    .get(profileId) as
    | { collector: string | null; skipped_lines: number; format: GcLog['format']; captured_at_ms: number | null }
    | undefined;
  if (!row) return null;
  return {
    format: row.format,
    collector: row.collector,
    // The item's start is the events' time 0 (write-gc-log.ts); estimated or set by the user when the log has none.
    startTimeMs: row.captured_at_ms,
    events: gcEvents(db, profileId),
    skippedLines: row.skipped_lines,
  };
}

/** Event count and pause per GC log: of the logs with these ids (each found by its id), or of all when null. */
export function gcTotalsByProfile(
  db: Database.Database,
  ids: readonly number[] | null = null,
): Map<number, { gcEvents: number; totalPauseMs: number }> {
  const rows = (
    ids === null
      ? db.prepare('SELECT item, COUNT(*) AS n, SUM(pause_ns) AS pause FROM gc_events GROUP BY item').all()
      : db
          .prepare(
            `SELECT j.value AS item, COUNT(*) AS n, SUM(e.pause_ns) AS pause
             FROM json_each(?) AS j JOIN gc_events e ON e.item = j.value GROUP BY j.value`,
          )
          .all(JSON.stringify(ids))
  ) as {
    item: number;
    n: number;
    pause: number;
  }[];
  return new Map(rows.map((r) => [r.item, { gcEvents: r.n, totalPauseMs: r.pause / 1e6 }]));
}
