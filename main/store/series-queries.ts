/**
 * What the timeline's series are computed from (shared/timeline/series.ts): each placed capture's stored totals per
 * sample type, and the GC events of placed GC logs (JFR recordings' GC parts are GC-log items too). One statement
 * for the per-capture measures and one for GC events, each a join on primary keys from items (items_by_service with
 * a service): no stacks are read.
 */
import type Database from 'better-sqlite3';
import type { CaptureTotals, GcEventRow } from '../../shared/timeline/series';

interface TotalsRow {
  id: number;
  service: string | null;
  kind: CaptureTotals['kind'];
  captured_at_ms: number;
  duration_ns: number | null;
  period: number | null;
  period_type: string | null;
  period_unit: string | null;
  sample_type: number;
  total: number;
}

const serviceFilter = (service: string | undefined): string => (service === undefined ? '' : 'AND i.service = ?');
const params = (service: string | undefined): unknown[] => (service === undefined ? [] : [service]);

/**
 * Placed CPU, heap and goroutine captures with each sample type's total: one statement over the items of those kinds
 * (of one service through items_by_service) and their item_sample_types rows by primary key. Sample types are named
 * from their small table read once, rather than by a third join per row.
 */
export function captureTotals(db: Database.Database, service?: string): CaptureTotals[] {
  const types = new Map(
    (db.prepare('SELECT id, type, unit FROM sample_types').all() as { id: number; type: string; unit: string }[]).map(
      (t) => [t.id, t],
    ),
  );
  const rows = db
    .prepare(
      `SELECT i.id, i.service, i.kind, i.captured_at_ms, i.duration_ns, i.period, i.period_type, i.period_unit,
         s.sample_type, s.total
       FROM items i JOIN item_sample_types s ON s.item = i.id
       WHERE i.kind IN ('cpu', 'heap', 'goroutines') AND i.captured_at_ms IS NOT NULL ${serviceFilter(service)}`,
    )
    .all(...params(service)) as TotalsRow[];
  const byId = new Map<number, CaptureTotals>();
  for (const row of rows) {
    let capture = byId.get(row.id);
    if (!capture) {
      capture = {
        itemId: row.id,
        service: row.service,
        kind: row.kind,
        startMs: row.captured_at_ms,
        durationNs: row.duration_ns,
        period: row.period,
        periodType: row.period_type,
        periodUnit: row.period_unit,
        types: [],
      };
      byId.set(row.id, capture);
    }
    const type = types.get(row.sample_type);
    if (type) capture.types.push({ type: type.type, unit: type.unit, total: row.total });
  }
  return [...byId.values()];
}

/** Every GC event of the placed GC logs, with its log's start. */
export function gcEventRows(db: Database.Database, service?: string): GcEventRow[] {
  return db
    .prepare(
      `SELECT i.id AS itemId, i.service, i.captured_at_ms AS startMs, e.time_ms AS timeMs, e.pause_ns AS pauseNs,
         e.heap_after AS heapAfterBytes
       FROM items i JOIN gc_events e ON e.item = i.id
       WHERE i.kind = 'gc-log' AND i.captured_at_ms IS NOT NULL ${serviceFilter(service)}
       ORDER BY i.id, e.seq`,
    )
    .all(...params(service)) as GcEventRow[];
}
