/**
 * A token for what a connection keeps between queries (a service's items, the function-path index): it changes
 * whenever the store does. data_version moves when another connection commits (the ingest worker, the main thread
 * for a query worker), total_changes() when this one writes (https://www.sqlite.org/pragma.html#pragma_data_version).
 * Inside a transaction it is null and nothing may be kept: what is read there may yet be rolled back, and a
 * rollback moves neither number (the next write would then reuse the rolled-back row ids).
 */
import type Database from 'better-sqlite3';

const statements = new WeakMap<Database.Database, Database.Statement>();

export function storeVersion(db: Database.Database): string | null {
  if (db.inTransaction) return null;
  let statement = statements.get(db);
  if (statement === undefined) {
    statement = db.prepare('SELECT data_version, total_changes() FROM pragma_data_version').raw();
    statements.set(db, statement);
  }
  const [data, changes] = statement.get() as [number, number];
  return `${data}:${changes}`;
}
