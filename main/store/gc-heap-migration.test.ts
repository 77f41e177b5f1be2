/**
 * The GC heap migration (migrations.ts, "GC heap values"): a Go gctrace log stored before it kept the heap at
 * the end of each cycle (`A->B->C MB`: B) as heap_after and never read the live heap C. After it, B is heap_end
 * and heap_after is unknown; other formats' rows keep their heap_after, whose meaning did not change.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from './migrations';

/** The schema version just before the step that added gc_events.heap_end. */
function versionBeforeHeapEnd(): number {
  const probe = new Database(':memory:');
  try {
    for (let version = 1; ; version++) {
      migrate(probe, version);
      const columns = probe.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('gc_events') as string[];
      if (columns.includes('heap_end')) return version - 1;
    }
  } finally {
    probe.close();
  }
}

describe('migration: gc_events.heap_end', () => {
  it('moves a Go log’s end-of-cycle heap to heap_end and leaves other logs alone', () => {
    const db = new Database(':memory:');
    migrate(db, versionBeforeHeapEnd());
    db.exec(`INSERT INTO files (id, name, source, format, byte_size, content_hash, imported_at_ms)
      VALUES (1, 'go.txt', 'x', 'go-gctrace', 1, 'h1', 0), (2, 'node.txt', 'x', 'node-trace-gc', 1, 'h2', 0)`);
    db.exec(`INSERT INTO profiles (id, file, part, name, format, kind, default_sample_type, comments, imported_at_ms)
      VALUES (1, 1, 0, 'go.txt', 'go-gctrace', 'gc-log', 0, '[]', 0), (2, 2, 0, 'node.txt', 'node-trace-gc', 'gc-log', 0, '[]', 0)`);
    db.exec(`INSERT INTO gc_events (profile, seq, time_ms, kind, pause_ns, heap_before, heap_after, heap_capacity)
      VALUES (1, 0, 52, 'gc', 1, 3145728, 4194304, 4194304), (2, 0, 7, 'scavenge', 1, 2202010, 2097152, 38797312)`);
    migrate(db);
    const rows = db.prepare('SELECT item, heap_after, heap_end FROM gc_events ORDER BY item').all();
    expect(rows).toEqual([
      { item: 1, heap_after: null, heap_end: 4194304 },
      { item: 2, heap_after: 2097152, heap_end: null },
    ]);
    db.close();
  });
});

describe('migration: one name per GC format', () => {
  it('renames the JVM GC logs’ file formats to the names their GC logs carry', () => {
    const db = new Database(':memory:');
    // The step before the rename: the version where heap_end already exists.
    migrate(db, versionBeforeHeapEnd() + 1);
    db.exec(`INSERT INTO files (id, name, source, format, byte_size, content_hash, imported_at_ms)
      VALUES (1, 'u.log', 'x', 'jvm-gc-unified', 1, 'h1', 0), (2, 'l.log', 'x', 'jvm-gc-legacy', 1, 'h2', 0),
             (3, 'g.txt', 'x', 'go-gctrace', 1, 'h3', 0)`);
    db.exec(`INSERT INTO profiles (id, file, part, name, format, kind, default_sample_type, comments, imported_at_ms)
      VALUES (1, 1, 0, 'u.log', 'jvm-gc-unified', 'gc-log', 0, '[]', 0),
             (2, 2, 0, 'l.log', 'jvm-gc-legacy', 'gc-log', 0, '[]', 0),
             (3, 3, 0, 'g.txt', 'go-gctrace', 'gc-log', 0, '[]', 0)`);
    migrate(db);
    expect(db.prepare('SELECT format FROM files ORDER BY id').pluck().all()).toEqual([
      'jvm-unified',
      'jvm-legacy',
      'go-gctrace',
    ]);
    expect(db.prepare('SELECT format FROM items ORDER BY id').pluck().all()).toEqual([
      'jvm-unified',
      'jvm-legacy',
      'go-gctrace',
    ]);
    db.close();
  });
});
