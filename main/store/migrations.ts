/**
 * Schema migrations, keyed on SQLite's `PRAGMA user_version`: migration i
 * brings a database from version i to i+1, inside one transaction.
 *
 * Design (ARCHITECTURE.md, "The store"): functions, frames and stacks (a
 * parent stack plus a segment of frames, since migration 8) are interned
 * globally, so merging any set of profiles is `SUM(value) GROUP BY stack`
 * plus the ancestors of the stacks found.
 */
import type Database from 'better-sqlite3';
import { cacheByStackIds, cacheOldItems, linearStacks } from './migrate-linear-stacks';
import { KILN_APPLICATION_ID } from './store-file';
import { int32sOfBlob, stackHash } from './stack-hash';

/** A migration is SQL, or a function for steps that need JS (both run inside the step's transaction). */
type Migration = string | ((db: Database.Database) => void);

const MIGRATIONS: readonly Migration[] = [
  `
  CREATE TABLE functions (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    system_name TEXT NOT NULL,
    file TEXT NOT NULL,
    start_line INTEGER NOT NULL,
    UNIQUE (name, system_name, file, start_line)
  );
  -- Frame identity leaves out the instruction address: the same source line in
  -- two builds of a binary is the same frame when profiles are merged.
  CREATE TABLE frames (
    id INTEGER PRIMARY KEY,
    function INTEGER NOT NULL REFERENCES functions (id),
    line INTEGER NOT NULL,
    col INTEGER NOT NULL,
    inlined INTEGER NOT NULL,
    UNIQUE (function, line, col, inlined)
  );
  -- Whole stacks, interned by their frame sequence: frames is the global frame
  -- ids from root to leaf as little-endian int32s. One row per distinct call
  -- path in the whole store, shared by every profile that has it.
  CREATE TABLE stacks (
    id INTEGER PRIMARY KEY,
    frames BLOB NOT NULL UNIQUE,
    depth INTEGER NOT NULL
  );
  CREATE TABLE sample_types (
    id INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    unit TEXT NOT NULL,
    UNIQUE (type, unit)
  );
  -- The original files, once each: the same bytes twice are one file.
  CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    source TEXT NOT NULL,
    format TEXT NOT NULL,
    byte_size INTEGER NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    imported_at_ms REAL NOT NULL
  );
  -- Catalogue items: the profiles, GC logs and heap snapshots a file holds
  -- (a Chrome trace has a profile per thread; a JFR recording CPU, allocation and GC parts).
  CREATE TABLE profiles (
    id INTEGER PRIMARY KEY,
    file INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
    part INTEGER NOT NULL,
    name TEXT NOT NULL,
    item_name TEXT,
    format TEXT NOT NULL,
    kind TEXT NOT NULL,
    service TEXT,
    captured_at_ms REAL,
    duration_ns REAL,
    period REAL,
    period_type TEXT,
    period_unit TEXT,
    default_sample_type INTEGER NOT NULL,
    comments TEXT NOT NULL,
    imported_at_ms REAL NOT NULL,
    UNIQUE (file, part)
  );
  CREATE TABLE profile_sample_types (
    profile INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    sample_type INTEGER NOT NULL REFERENCES sample_types (id),
    total REAL NOT NULL,
    PRIMARY KEY (profile, position)
  ) WITHOUT ROWID;
  -- A distinct set of sample labels (pprof Sample.label), shared across profiles.
  CREATE TABLE label_sets (
    id INTEGER PRIMARY KEY,
    canonical TEXT NOT NULL UNIQUE
  );
  CREATE TABLE labels (
    label_set INTEGER NOT NULL REFERENCES label_sets (id),
    key TEXT NOT NULL,
    str TEXT,
    num REAL,
    unit TEXT
  );
  CREATE INDEX labels_by_key ON labels (key, str);
  -- Sample values aggregated per profile, sample type, stack and label set.
  -- label_set 0 means "no labels".
  CREATE TABLE stack_values (
    profile INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    sample_type INTEGER NOT NULL REFERENCES sample_types (id),
    stack INTEGER NOT NULL REFERENCES stacks (id),
    label_set INTEGER NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (profile, sample_type, stack, label_set)
  ) WITHOUT ROWID;
  -- Raw sample order and times, for formats that record them (V8 cpuprofile).
  CREATE TABLE sample_times (
    profile INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    stack INTEGER NOT NULL,
    time_ns REAL NOT NULL,
    PRIMARY KEY (profile, seq)
  ) WITHOUT ROWID;
  CREATE VIRTUAL TABLE function_search USING fts5 (name, content = 'functions', content_rowid = 'id');
  CREATE TABLE gc_logs (
    profile INTEGER PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE,
    collector TEXT,
    skipped_lines INTEGER NOT NULL
  );
  CREATE TABLE gc_events (
    profile INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    time_ms REAL NOT NULL,
    kind TEXT NOT NULL,
    generation TEXT,
    cause TEXT,
    pause_ns REAL NOT NULL,
    duration_ns REAL,
    heap_before REAL,
    heap_after REAL,
    heap_capacity REAL,
    PRIMARY KEY (profile, seq)
  ) WITHOUT ROWID;
  CREATE TABLE heap_snapshots (
    profile INTEGER PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE,
    node_count INTEGER NOT NULL,
    edge_count INTEGER NOT NULL,
    self_size REAL NOT NULL,
    -- JSON: nodeTypeNames, edgeTypeNames.
    type_names TEXT NOT NULL
  );
  -- The snapshot graph and its analysis as typed arrays, in chunks (SQLite caps a
  -- blob at 1 GB; a 500 MB snapshot's edge arrays come close).
  CREATE TABLE heap_arrays (
    profile INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    array TEXT NOT NULL,
    chunk INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (profile, array, chunk)
  ) WITHOUT ROWID;
  CREATE TABLE heap_strings (
    profile INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (profile, idx)
  ) WITHOUT ROWID;
  CREATE TABLE heap_classes (
    profile INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    class_name TEXT NOT NULL,
    count INTEGER NOT NULL,
    shallow_size REAL NOT NULL,
    retained_size REAL NOT NULL,
    PRIMARY KEY (profile, class_name)
  ) WITHOUT ROWID;
  `,
  hashStacks,
  // 3: the label keys and values of one item (getLabelKeys) start from its label sets; without this index each
  // lookup scanned the whole labels table (65 s for 5,000 span-id label sets).
  `CREATE INDEX labels_by_set ON labels (label_set);`,
  // 4: each timed sample keeps its label set (0: none), so the stack chart applies label filters as every other
  // view does (perf script's pid/tid/comm, for one). Rows written before keep 0.
  `ALTER TABLE sample_times ADD COLUMN label_set INTEGER NOT NULL DEFAULT 0;`,
  // 5: each item's distinct stacks and per-type totals packed in blobs, so opening an item reads a few rows instead of
  // joining and grouping one row per stack (stack-cache.ts). Derived data: items written before have none.
  `CREATE TABLE stack_cache_frames (
    profile INTEGER PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE,
    offsets BLOB NOT NULL,
    frames BLOB NOT NULL
  );
  CREATE TABLE stack_cache (
    profile INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    sample_type INTEGER NOT NULL,
    paths BLOB NOT NULL,
    totals BLOB NOT NULL,
    PRIMARY KEY (profile, sample_type)
  ) WITHOUT ROWID;`,
  // 6, captures (shared/capture): every item is a capture with a service, a wall-clock start, where that start comes
  // from (time_source: file, user, estimated from the file's modification time, none) and item-level labels; indexes
  // for the timeline of captures per service. A GC log's captured_at_ms becomes its events' time 0 (it was its first
  // event's), so the start survives reading the log back.
  `ALTER TABLE profiles ADD COLUMN time_source TEXT NOT NULL DEFAULT 'none';
  UPDATE profiles SET time_source = 'file' WHERE captured_at_ms IS NOT NULL;
  UPDATE profiles SET captured_at_ms = captured_at_ms -
      (SELECT e.time_ms FROM gc_events e WHERE e.profile = profiles.id AND e.seq = 0)
    WHERE kind = 'gc-log' AND captured_at_ms IS NOT NULL
      AND EXISTS (SELECT 1 FROM gc_events e WHERE e.profile = profiles.id AND e.seq = 0);
  ALTER TABLE files ADD COLUMN modified_at_ms REAL;
  CREATE TABLE item_labels (
    profile INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (profile, key)
  ) WITHOUT ROWID;
  CREATE INDEX item_labels_by_key ON item_labels (key, value);
  CREATE INDEX profiles_by_time ON profiles (captured_at_ms);
  CREATE INDEX profiles_by_service ON profiles (service, captured_at_ms);`,
  // 7, selections (shared/capture/selection.ts): a time window cuts inside an item whose samples have times, so each
  // timed sample keeps its values, one row per sample type with a non-zero value (sample-window-queries.ts sums
  // them per stack). Items written before have none: a window over them reads nothing from them.
  `CREATE TABLE sample_weights (
    profile INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    sample_type INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (profile, sample_type, seq)
  ) WITHOUT ROWID;`,
  // 8, stacks stored linearly (sample-writer.ts, migrate-linear-stacks.ts): a stack is a parent stack plus a segment
  // of frames; the stack cache takes that form for every item; the function index becomes part of the schema.
  linearStacks,
  // 9, GC heap values (shared/gc/model.ts): heap_after is what the collection left, the live heap of Go gctrace's
  // `A->B->C MB` (C); heap_end keeps B, the heap when the cycle ended. Go logs written before stored B as heap_after
  // and never read C: B moves to heap_end and heap_after becomes unknown (NULL) rather than a wrong live heap.
  `ALTER TABLE gc_events ADD COLUMN heap_end REAL;
  UPDATE gc_events SET heap_end = heap_after, heap_after = NULL
    WHERE profile IN (SELECT id FROM profiles WHERE format = 'go-gctrace');`,
  // 10, one name per GC format: the file formats of JVM GC logs were 'jvm-gc-unified' / 'jvm-gc-legacy' while their
  // GC logs said 'jvm-unified' / 'jvm-legacy' (shared/gc/model.ts GcFormat); the shorter names are now both.
  `UPDATE files SET format = 'jvm-unified' WHERE format = 'jvm-gc-unified';
  UPDATE files SET format = 'jvm-legacy' WHERE format = 'jvm-gc-legacy';
  UPDATE profiles SET format = 'jvm-unified' WHERE format = 'jvm-gc-unified';
  UPDATE profiles SET format = 'jvm-legacy' WHERE format = 'jvm-gc-legacy';`,
  // 11, the stack cache lists each node's store stack and its values are the item's stack_values rows, no longer a
  // copy (stack-cache.ts): 240 MB less to write on a heap profile of 5M stacks; caches written before are dropped
  // here and rebuilt by migration 13 (migrate-linear-stacks.ts).
  cacheByStackIds,
  // 12, one word for a catalogue item: the contract and the renderer say "item", so the store's SQL does too. The
  // table profiles becomes items, profile_sample_types, profile_functions and profile_functions_indexed become
  // item_*, and every column that names an item (profile) becomes item. RENAME TO and RENAME COLUMN carry the
  // foreign keys and index columns along; indexes, which SQLite cannot rename, are made again under the new names.
  `ALTER TABLE profiles RENAME TO items;
  ALTER TABLE profile_sample_types RENAME TO item_sample_types;
  ALTER TABLE item_sample_types RENAME COLUMN profile TO item;
  ALTER TABLE profile_functions RENAME TO item_functions;
  ALTER TABLE item_functions RENAME COLUMN profile TO item;
  ALTER TABLE profile_functions_indexed RENAME TO item_functions_indexed;
  ALTER TABLE item_functions_indexed RENAME COLUMN profile TO item;
  ALTER TABLE sample_times RENAME COLUMN profile TO item;
  ALTER TABLE gc_logs RENAME COLUMN profile TO item;
  ALTER TABLE gc_events RENAME COLUMN profile TO item;
  ALTER TABLE heap_snapshots RENAME COLUMN profile TO item;
  ALTER TABLE heap_arrays RENAME COLUMN profile TO item;
  ALTER TABLE heap_strings RENAME COLUMN profile TO item;
  ALTER TABLE heap_classes RENAME COLUMN profile TO item;
  ALTER TABLE stack_values RENAME COLUMN profile TO item;
  ALTER TABLE item_labels RENAME COLUMN profile TO item;
  ALTER TABLE sample_weights RENAME COLUMN profile TO item;
  ALTER TABLE stack_cache_nodes RENAME COLUMN profile TO item;
  DROP INDEX profiles_by_time;
  CREATE INDEX items_by_time ON items (captured_at_ms);
  DROP INDEX profiles_by_service;
  CREATE INDEX items_by_service ON items (service, captured_at_ms);
  DROP INDEX profile_functions_by_profile;
  CREATE INDEX item_functions_by_item ON item_functions (item);`,
  // 13, the stack caches of items written before migration 11, and the function index of items not indexed yet
  // (migrate-linear-stacks.ts): after migration 12, as the store's code they call uses its names.
  cacheOldItems,
  // 14, annotations on a service's time axis (annotation-queries.ts): added by the user ('user') or imported from a
  // deploy log ('file', origin: the file's name); indexed by service and time, as the timeline reads them.
  `CREATE TABLE annotations (
    id INTEGER PRIMARY KEY,
    service TEXT NOT NULL,
    at_ms REAL NOT NULL,
    label TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('user', 'file')),
    origin TEXT,
    created_at_ms INTEGER NOT NULL
  );
  CREATE INDEX annotations_by_service ON annotations (service, at_ms);`,
];

/**
 * 2, for import speed (a 310k-stack profile was 9 s to write, now under 2 s):
 *
 * Stacks are found by a 53-bit hash of their frames (stack-hash.ts) kept in
 * their own table, instead of a UNIQUE index on the frames blob. That index
 * held a second copy of every blob (hundreds of bytes for deep stacks) and
 * made each insert a blob-keyed B-tree search; uniqueness is now kept by the
 * writer (now sample-writer.ts), which compares frames when hashes are equal.
 * stack_hashes is a table rather than an index on a stacks.hash column so
 * that the writer can add an import's hashes in sorted order: an index would
 * receive them in id order, i.e. at random, which costs more than writing the
 * stacks themselves.
 *
 * stack_values loses its foreign keys on stack and sample_type (it keeps the
 * one on profile, for ON DELETE CASCADE): checking them was a third of the
 * cost of writing the values, and the writer takes both ids from rows it has
 * just found or written, as it already did for sample_times.stack and
 * stack_values.label_set, which never had one.
 *
 * SQLite can drop neither a UNIQUE constraint nor a foreign key, so both
 * tables are rebuilt as in https://www.sqlite.org/lang_altertable.html#otheralter:
 * create, copy (ids kept), drop, rename. The caller has turned foreign keys
 * off, as that procedure requires. (Its last step, foreign_key_check, has
 * nothing to find here: the copies keep every row and key, and the only
 * constraints that change are removed ones.)
 */
function hashStacks(db: Database.Database): void {
  db.function('kiln_stack_hash', { deterministic: true }, (frames) => stackHash(int32sOfBlob(frames as Buffer)));
  db.exec(`
    CREATE TABLE stacks_v2 (
      id INTEGER PRIMARY KEY,
      frames BLOB NOT NULL,
      depth INTEGER NOT NULL
    );
    INSERT INTO stacks_v2 (id, frames, depth) SELECT id, frames, depth FROM stacks ORDER BY id;
    DROP TABLE stacks;
    ALTER TABLE stacks_v2 RENAME TO stacks;
    -- Every stack's hash, to look stacks up by; several stacks may share one.
    CREATE TABLE stack_hashes (
      hash INTEGER NOT NULL,
      stack INTEGER NOT NULL,
      PRIMARY KEY (hash, stack)
    ) WITHOUT ROWID;
    INSERT INTO stack_hashes (hash, stack) SELECT kiln_stack_hash(frames), id FROM stacks ORDER BY 1, 2;

    CREATE TABLE stack_values_v2 (
      profile INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
      sample_type INTEGER NOT NULL,
      stack INTEGER NOT NULL,
      label_set INTEGER NOT NULL,
      value REAL NOT NULL,
      PRIMARY KEY (profile, sample_type, stack, label_set)
    ) WITHOUT ROWID;
    INSERT INTO stack_values_v2 (profile, sample_type, stack, label_set, value)
      SELECT profile, sample_type, stack, label_set, value FROM stack_values
      ORDER BY profile, sample_type, stack, label_set;
    DROP TABLE stack_values;
    ALTER TABLE stack_values_v2 RENAME TO stack_values;
  `);
}

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the database to `target` (default: this build's schema), one transaction per step. */
export function migrate(db: Database.Database, target: number = SCHEMA_VERSION): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `the database was written by a newer Kiln (schema ${current}, this build knows ${SCHEMA_VERSION}); refusing to open it`,
    );
  }
  // Marks the file as a Kiln store (store-file.ts): new stores, and stores from before the mark when first written.
  if ((db.pragma('application_id', { simple: true }) as number) !== KILN_APPLICATION_ID) {
    db.pragma(`application_id = ${KILN_APPLICATION_ID}`);
  }
  if (current >= target) return;
  // A table rebuild drops a table that others reference: foreign keys must be
  // off meanwhile, and that pragma is a no-op inside a transaction.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    for (let version = current; version < target; version++) {
      const step = MIGRATIONS[version] as Migration;
      // IMMEDIATE takes the write lock first; another process that opened the
      // store at the same moment may have run this step already.
      db.transaction(() => {
        if ((db.pragma('user_version', { simple: true }) as number) !== version) return;
        if (typeof step === 'string') db.exec(step);
        else step(db);
        db.pragma(`user_version = ${version + 1}`);
      }).immediate();
    }
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
}
