/**
 * Checkpoints inside the store's one write transaction per file, where an
 * import can be cancelled (and report that it is alive) while main/store
 * writes rows for seconds.
 *
 * better-sqlite3 does not expose SQLite's progress handler, and the writers in
 * main/store are plain synchronous code that knows nothing of imports. The
 * bulk writers (stacks, values, sample times) call a per-connection hook
 * before each batch (main/store/batch-checkpoint.ts); for the tables written
 * row by row, this connection gets TEMP triggers (they live in the connection's temp schema:
 * nothing is written to the database file, and other connections never see
 * them) that call a JavaScript function every few hundred rows of the tables
 * a large import fills. When that function throws, the INSERT fails, the
 * exception reaches the store's transaction wrapper, and the whole file's
 * transaction rolls back (SQLite lang_createtrigger.html: a TEMP trigger may
 * watch a table of another schema; FOR EACH ROW fires per inserted row, also
 * for multi-row INSERTs).
 */
import type Database from 'better-sqlite3';
import { setBatchCheckpoint } from '../store/batch-checkpoint';

const FUNCTION_NAME = 'kiln_import_checkpoint';

/**
 * Table → a condition on the new row that holds for about one row in N, so
 * the call into JavaScript costs nothing measurable. WITHOUT ROWID tables use
 * a column that grows row by row.
 */
const WATCHED: readonly { table: string; column: string; every: number }[] = [
  // Stacks, stack hashes, stack values and sample times, the bulk of a profile, are written in batches that call the
  // batch checkpoint (main/store/batch-checkpoint.ts); these tables are written row by row.
  { table: 'functions', column: 'id', every: 256 },
  { table: 'frames', column: 'id', every: 256 },
  { table: 'label_sets', column: 'id', every: 256 },
  { table: 'gc_events', column: 'seq', every: 4096 },
  { table: 'heap_strings', column: 'idx', every: 4096 },
  // Each row is a chunk of up to 64 MB.
  { table: 'heap_arrays', column: 'chunk', every: 1 },
];

const registered = new WeakSet<Database.Database>();
let current: (() => void) | null = null;

/**
 * Runs `write` (a synchronous store write) with `checkpoint` called every few
 * hundred rows; `checkpoint` throws to abort the write. The triggers exist only
 * while `write` runs: left in place they would cost every later insert on the
 * connection a WHEN test (the streamed pprof writer checks per batch instead,
 * and measured 0.45 s faster on deep-go.pb.gz without them).
 */
export function withWriteCheckpoints<T>(db: Database.Database, checkpoint: () => void, write: () => T): T {
  if (!registered.has(db)) {
    db.function(FUNCTION_NAME, { deterministic: false, varargs: false }, () => {
      current?.();
      return null;
    });
    registered.add(db);
  }
  const created = createTriggers(db);
  current = checkpoint;
  setBatchCheckpoint(db, checkpoint);
  try {
    return write();
  } finally {
    current = null;
    setBatchCheckpoint(db, null);
    for (const table of created) db.exec(`DROP TRIGGER IF EXISTS temp.kiln_checkpoint_${table}`);
  }
}

/** Creates the TEMP triggers on the watched tables that exist; returns their tables. */
function createTriggers(db: Database.Database): string[] {
  const created: string[] = [];
  for (const { table, column, every } of WATCHED) {
    // The schema may grow or change under other work; watch what exists.
    if (!hasColumn(db, table, column)) continue;
    const when = every > 1 ? `WHEN new.${column} % ${every} = 0` : '';
    db.exec(
      `CREATE TEMP TRIGGER IF NOT EXISTS kiln_checkpoint_${table} AFTER INSERT ON main.${table} FOR EACH ROW ${when}
       BEGIN SELECT ${FUNCTION_NAME}(); END`,
    );
    created.push(table);
  }
  return created;
}

function hasColumn(db: Database.Database, table: string, column: string): boolean {
  const columns = db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[];
  return columns.includes(column);
}
