/** The sampling period each item states (profile.proto period and period_type), which the catalogue row leaves out. */
import type Database from 'better-sqlite3';

export interface ItemPeriod {
  period: number | null;
  type: string | null;
  unit: string | null;
}

export function itemPeriods(db: Database.Database, ids: readonly number[]): Map<number, ItemPeriod> {
  const rows = db
    .prepare(
      `SELECT i.id, i.period, i.period_type, i.period_unit FROM json_each(?) AS j JOIN items i ON i.id = j.value`,
    )
    .all(JSON.stringify(ids)) as {
    id: number;
    period: number | null;
    period_type: string | null;
    period_unit: string | null;
  }[];
  return new Map(rows.map((r) => [r.id, { period: r.period, type: r.period_type, unit: r.period_unit }]));
}
