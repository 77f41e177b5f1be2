import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GcLog } from '../../shared/gc/model';
import type { Profile } from '../../shared/profile/model';
import { buildCallTree } from '../../shared/query/call-tree';
import { topFunctions } from '../../shared/query/function-totals';
import { weightedStacksFromProfile, type WeightedStacks } from '../../shared/query/weighted-stacks';
import { parseFileBytes, parseProfileBytes } from '../ingest/parse-bytes';
import { migrate, SCHEMA_VERSION } from './migrations';
import { ProfileStore } from './profile-store';
import { segmentOfBlob } from './stack-hash';
import { stackHash, type SegmentHash } from './stack-hash';
import { insertFileRow } from './write-item';
import { writeProfile } from './write-profile';

const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures');

function collapsed(text: string): Profile {
  return parseProfileBytes(new TextEncoder().encode(text), 'stacks.txt');
}

/** Stores one profile as the only item of a file named `name` whose bytes hash to `hash`. */
function add(store: ProfileStore, profile: Profile, name: string, hash: string): { id: number; duplicate: boolean } {
  const stored = store.addFile(
    { name, source: `/tmp/${name}`, contentHash: hash, byteSize: 10, format: profile.format },
    [{ type: 'profile', name: null, profile }],
  );
  return { id: stored.ids[0] as number, duplicate: stored.duplicate };
}

/** The row with only these columns. */
function pick(row: unknown, columns: string[]): Record<string, unknown> {
  const record = row as Record<string, unknown>;
  return Object.fromEntries(columns.map((c) => [c, record[c]]));
}

/** Every row of every table, to compare a database before and after. */
function snapshot(store: ProfileStore | Database.Database): Record<string, unknown[]> {
  const db = store instanceof ProfileStore ? store.db : store;
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'function_search%'")
    .pluck()
    .all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).all()]));
}

/** Stores a profile as `add` does, but with another stack hash (to force collisions). */
function addWithHash(store: ProfileStore, profile: Profile, name: string, hash: SegmentHash): number {
  return store.db.transaction(() => {
    const fileId = insertFileRow(store.db, {
      name,
      source: `/tmp/${name}`,
      contentHash: `h-${name}`,
      byteSize: 10,
      format: profile.format,
    });
    return writeProfile(store.db, profile, { fileId, part: 0, name, itemName: null }, { stackHash: hash });
  })();
}

/**
 * The merged stacks as `a;b;c value` lines (root first, values of equal name
 * paths summed, zeros left out), sorted: comparable between stores that number
 * stacks differently and with a profile's own stacks.
 */
function stackLines(stacks: WeightedStacks): string[] {
  const sums = new Map<string, number>([['', stacks.rootValue]]);
  const paths: string[] = [];
  stacks.parent.forEach((p, node) => {
    const name = stacks.functionNames[stacks.func[node] as number] as string;
    paths[node] = p < 0 ? name : `${paths[p]};${name}`;
    const path = paths[node] as string;
    sums.set(path, (sums.get(path) ?? 0) + (stacks.value[node] as number));
  });
  return [...sums]
    .filter(([, value]) => value !== 0)
    .map(([path, value]) => `${path} ${value}`)
    .sort();
}

/** `[id, frame ids]` of every stored stack: its segment, below its parent (`storedParents`). */
function storedStacks(db: Database.Database): [number, number[]][] {
  const rows = db.prepare('SELECT id, frames, depth FROM stacks ORDER BY id').raw().all() as [number, Buffer, number][];
  return rows.map(([id, blob, depth]) => [id, Array.from(segmentOfBlob(blob, depth))]);
}

/** `[id, parent]` of every stored stack (parent 0: the root). */
function storedParents(db: Database.Database): [number, number][] {
  return db.prepare('SELECT id, parent FROM stacks ORDER BY id').raw().all() as [number, number][];
}

/** Every stored stack's whole path of frame ids, root first: its parent's path, then its segment. */
function storedPaths(db: Database.Database): Map<number, number[]> {
  const paths = new Map<number, number[]>([[0, []]]);
  const parents = new Map(storedParents(db));
  for (const [id, frames] of storedStacks(db)) paths.set(id, [...(paths.get(parents.get(id) ?? 0) ?? []), ...frames]);
  return paths;
}

function frameBlob(frameIds: number[]): Buffer {
  return Buffer.from(Int32Array.from(frameIds).buffer);
}

/**
 * A profile's values summed per (sample type, call path, label set) as the
 * store should hold them: paths as `function:line` root first, label sets as
 * their labels sorted by key (pprof Sample.label), zero values left out.
 */
function expectedValues(profile: Profile): Map<string, number> {
  const str = (i: number): string => profile.strings[i] ?? '';
  const { functions, frames, stacks, labels } = profile;
  const labelsOf = new Map<number, unknown[][]>();
  labels.sample.forEach((sample, i) => {
    const isString = labels.str[i] !== 0;
    const label = [
      str(labels.key[i] as number),
      isString ? str(labels.str[i] as number) : null,
      isString ? null : labels.num[i],
      isString || !labels.unit[i] ? null : str(labels.unit[i] as number),
    ];
    labelsOf.set(sample, [...(labelsOf.get(sample) ?? []), label]);
  });
  const sums = new Map<string, number>();
  profile.samples.stack.forEach((leaf, i) => {
    const path: string[] = [];
    for (let s = leaf; s >= 0; s = stacks.parent[s] as number) {
      const frame = stacks.frame[s] as number;
      path.unshift(`${str(functions.name[frames.func[frame] as number] as number)}:${frames.line[frame]}`);
    }
    const set = labelsOf.get(i);
    const byKey = (a: unknown[], b: unknown[]): number => (String(a[0]) < String(b[0]) ? -1 : a[0] === b[0] ? 0 : 1);
    const canonical = set ? JSON.stringify([...set].sort(byKey)) : '';
    profile.samples.values.forEach((column, type) => {
      const value = column[i] as number;
      if (value === 0) return;
      const key = `${type}|${path.join(';')}|${canonical}`;
      sums.set(key, (sums.get(key) ?? 0) + value);
    });
  });
  return sums;
}

/** What the store holds for a profile, keyed as expectedValues keys it. */
function storedValues(db: Database.Database, profileId: number): Map<string, number> {
  const frameNames = new Map(
    (
      db
        .prepare('SELECT fr.id, fn.name, fr.line FROM frames fr JOIN functions fn ON fn.id = fr.function')
        .raw()
        .all() as [number, string, number][]
    ).map(([id, name, line]) => [id, `${name}:${line}`]),
  );
  const rows = db
    .prepare(
      `SELECT pst.position, v.stack, COALESCE(ls.canonical, ''), v.value
       FROM stack_values v
       JOIN item_sample_types pst ON pst.item = v.item AND pst.sample_type = v.sample_type
       LEFT JOIN label_sets ls ON ls.id = v.label_set
       WHERE v.item = ?`,
    )
    .raw()
    .all(profileId) as [number, number, string, number][];
  const paths = storedPaths(db);
  const stored = new Map<string, number>();
  for (const [position, stack, canonical, value] of rows) {
    const path = (paths.get(stack) ?? []).map((frame) => frameNames.get(frame));
    const key = `${position}|${path.join(';')}|${canonical}`;
    expect(stored.has(key), `one row per stack and label set: ${key}`).toBe(false);
    stored.set(key, value);
  }
  return stored;
}

describe('ProfileStore', () => {
  let dir: string;
  let store: ProfileStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-store-'));
    store = new ProfileStore(join(dir, 'kiln.db'));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens in WAL mode at the current schema version', () => {
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });

  it('stores the same bytes once', () => {
    const first = add(store, collapsed('a;b 3\n'), 'one.txt', 'hash-1');
    const second = add(store, collapsed('a;b 3\n'), 'copy.txt', 'hash-1');
    expect(second).toEqual({ id: first.id, duplicate: true });
    expect(store.db.prepare('SELECT COUNT(*) FROM items').pluck().get()).toBe(1);
    expect(store.listItems().map((p) => p.name)).toEqual(['one.txt']);
  });

  it('shares stacks, frames and functions between profiles', () => {
    add(store, collapsed('main;work;hash 5\nmain;idle 1\n'), 'a.txt', 'h-a');
    const before = store.db.prepare('SELECT COUNT(*) FROM stacks').pluck().get();
    // Stacks are stored as the profile's compressed trie (main, then work;hash and idle below it): a profile of the
    // same shape finds every one of them.
    add(store, collapsed('main;idle 3\nmain;work;hash 2\n'), 'b.txt', 'h-b');
    expect(store.db.prepare('SELECT COUNT(*) FROM stacks').pluck().get()).toBe(before);
    expect(store.db.prepare('SELECT COUNT(*) FROM functions').pluck().get()).toBe(4);
  });

  it('stores frame ids in 2 bytes when they fit, and still finds stacks stored in 4 bytes before', () => {
    add(store, collapsed('main;work;hash 5\nmain;idle 1\n'), 'a.txt', 'h-a');
    const blobs = () => store.db.prepare('SELECT length(frames), depth FROM stacks ORDER BY id').raw().all();
    expect(blobs()).toEqual((blobs() as [number, number][]).map(([, depth]) => [2 * depth, depth]));
    // A store written before narrow blobs: every segment in int32s.
    const widen = store.db.prepare('UPDATE stacks SET frames = ? WHERE id = ?');
    for (const [id, blob, depth] of store.db.prepare('SELECT id, frames, depth FROM stacks').raw().all() as [
      number,
      Buffer,
      number,
    ][])
      widen.run(Buffer.from(Int32Array.from(segmentOfBlob(blob, depth)).buffer), id);
    const before = store.db.prepare('SELECT COUNT(*) FROM stacks').pluck().get();
    add(store, collapsed('main;idle 3\nmain;work;hash 2\n'), 'b.txt', 'h-b');
    expect(store.db.prepare('SELECT COUNT(*) FROM stacks').pluck().get()).toBe(before);
  });

  it('merges three profiles by summing values per stack', () => {
    const ids = [
      add(store, collapsed('main;work;hash 5\nmain;idle 1\n'), '1.txt', 'h1').id,
      add(store, collapsed('main;work;hash 2\nmain;work 4\n'), '2.txt', 'h2').id,
      add(store, collapsed('main;idle 10\ngc;sweep 7\n'), '3.txt', 'h3').id,
    ];
    const typeId = store.sampleTypeId(ids[0] as number, 0) as number;
    const merged = store.mergedStacks(ids, typeId);
    const tree = buildCallTree(merged, { type: 'samples', unit: 'count' });
    const line = (i: number): string =>
      `${'  '.repeat(tree.depth[i] as number)}${(tree.func[i] as number) < 0 ? 'root' : tree.functionNames[tree.func[i] as number]} ${tree.total[i]}`;
    expect(tree.func.map((_, i) => line(i))).toEqual([
      'root 29',
      '  gc 7',
      '    sweep 7',
      '  main 22',
      '    idle 11',
      '    work 11',
      '      hash 7',
    ]);
    const top = topFunctions(merged, 10).map((r) => [r.function, r.self, r.total]);
    expect(top).toEqual([
      ['idle', 11, 11],
      ['hash', 7, 7],
      ['sweep', 7, 7],
      ['work', 4, 11],
      ['gc', 0, 7],
      ['main', 0, 22],
    ]);
    // A subset merges only its members.
    const firstTwo = buildCallTree(store.mergedStacks(ids.slice(0, 2), typeId), { type: 'samples', unit: 'count' });
    expect(firstTwo.total[0]).toBe(12);
  });

  it('keeps the database unchanged when an import fails midway', () => {
    add(store, collapsed('main;work 5\n'), 'good.txt', 'h-good');
    const before = snapshot(store);
    const broken = collapsed('main;other;deeper 3\n');
    // A frame pointing at a function that does not exist fails after rows were already written.
    broken.frames.func[1] = 999;
    expect(() => add(store, broken, 'broken.txt', 'h-broken')).toThrow();
    expect(snapshot(store)).toEqual(before);
  });

  it('stores a GC log as a catalogue item with its events and totals', () => {
    const log: GcLog = {
      format: 'go-gctrace',
      collector: 'Go',
      startTimeMs: null,
      skippedLines: 1,
      events: [
        {
          timeMs: 10,
          kind: 'gc',
          generation: null,
          cause: null,
          pauseNs: 250_000,
          durationNs: 3e6,
          heapBeforeBytes: 4 << 20,
          heapAfterBytes: 1 << 20,
          heapCapacityBytes: 8 << 20,
        },
        {
          timeMs: 35.5,
          kind: 'gc',
          generation: null,
          cause: 'forced',
          pauseNs: 1_250_000,
          durationNs: 4e6,
          heapBeforeBytes: null,
          heapAfterBytes: null,
          heapCapacityBytes: null,
        },
      ],
    };
    const stored = store.addFile(
      { name: 'gctrace.txt', source: '/tmp/gctrace.txt', contentHash: 'h-gc', byteSize: 99, format: 'go-gctrace' },
      [{ type: 'gc-log', name: null, gcLog: log }],
    );
    const id = stored.ids[0] as number;
    const summary = store.getProfile(id);
    expect(summary).toMatchObject({ kind: 'gc-log', format: 'go-gctrace', sampleTypes: [], totals: [], heap: null });
    expect(summary?.gc).toEqual({ gcEvents: 2, totalPauseMs: 1.5 });
    // From the log's time 0 to the end of its last event (35.5 ms + its 4 ms duration).
    expect(summary?.durationNs).toBeCloseTo(39.5e6);
    // No wall clock in the log and no file modification time: no start.
    expect(summary).toMatchObject({ capturedAtMs: null, timeSource: 'none' });
    expect(store.gcEvents(id)).toEqual(log.events);
    expect(store.gcLog(id)).toMatchObject({ collector: 'Go', skippedLines: 1, startTimeMs: null });
    expect(store.gcLog(999)).toBeNull();
  });

  it('stores every item of a multi-item file under one file, in order, once', () => {
    const items = [
      { type: 'profile' as const, name: 'main thread', profile: collapsed('main;work 5\n') },
      { type: 'profile' as const, name: 'worker', profile: collapsed('worker;idle 2\n') },
    ];
    const origin = {
      name: 'trace.json',
      source: '/tmp/trace.json',
      contentHash: 'h-trace',
      byteSize: 1,
      format: 'chrome-trace' as const,
    };
    const first = store.addFile(origin, items);
    expect(first.ids).toHaveLength(2);
    expect(
      store
        .listItems()
        .map((p) => [p.name, p.item])
        .sort(),
    ).toEqual([
      ['trace.json — main thread', 'main thread'],
      ['trace.json — worker', 'worker'],
    ]);
    expect(store.addFile(origin, items)).toEqual({ ids: first.ids, duplicate: true });
    expect(store.findFile('h-trace')).toEqual(first.ids);
    expect(store.db.prepare('SELECT COUNT(*) FROM files').pluck().get()).toBe(1);
  });

  it('stores a heap snapshot graph, its analysis and class table, and reads them back exactly', () => {
    const bytes = readFileSync(join(FIXTURES, 'heapsnapshot', 'leaky-things-1000x1024.heapsnapshot.gz'));
    const parsed = parseFileBytes(bytes, 'leaky.heapsnapshot.gz');
    const item = parsed.items[0];
    if (item?.type !== 'heap-snapshot') throw new Error('expected a heap snapshot');
    const stored = store.addFile(
      {
        name: 'leaky.heapsnapshot.gz',
        source: '/tmp/x',
        contentHash: 'h-heap',
        byteSize: bytes.length,
        format: 'heapsnapshot',
      },
      parsed.items,
    );
    const id = stored.ids[0] as number;
    const back = store.heapSnapshot(id);
    expect(back).not.toBeNull();
    expect(back?.snapshot.edgeTarget).toEqual(item.snapshot.edgeTarget);
    expect(back?.snapshot.nodeSelfSize).toEqual(item.snapshot.nodeSelfSize);
    expect(back?.snapshot.strings).toEqual(item.snapshot.strings);
    expect(back?.analysis.retainedSize).toEqual(item.analysis.retainedSize);
    expect(back?.analysis.dominator).toEqual(item.analysis.dominator);
    const leaky = store.heapClasses(id, 1000).find((row) => row.className === 'LeakyThing');
    expect(leaky?.count).toBe(1000);
    const summary = store.getProfile(id);
    expect(summary?.kind).toBe('heap-snapshot');
    expect(summary?.heap?.nodes).toBe(item.snapshot.nodeType.length);
    expect(store.heapSnapshot(999)).toBeNull();
  });

  it('round-trips a real Go CPU profile: totals and top functions equal the in-memory profile', () => {
    const bytes = readFileSync(join(FIXTURES, 'pprof', 'cpu_1.pb.gz'));
    const profile = parseProfileBytes(bytes, 'cpu_1.pb.gz');
    const { id } = add(store, profile, 'cpu_1.pb.gz', 'h-go');
    const summary = store.getProfile(id);
    expect(summary?.format).toBe('pprof');
    expect(summary?.sampleTypes).toEqual(profile.sampleTypes);
    profile.sampleTypes.forEach((_, t) => {
      const fromStore = topFunctions(store.mergedStacks([id], store.sampleTypeId(id, t) as number), 10);
      expect(fromStore).toEqual(topFunctions(weightedStacksFromProfile(profile, t), 10));
    });
    const labelled = store.db.prepare('SELECT COUNT(*) FROM stack_values WHERE item = ?').pluck().get(id);
    expect(labelled).toBeGreaterThan(0);
  });

  it('stores a labelled Go allocation profile: every value under its stack and label set', () => {
    const profile = parseProfileBytes(readFileSync(join(FIXTURES, 'pprof', 'allocs.pb.gz')), 'allocs.pb.gz');
    expect(profile.labels.sample.length).toBeGreaterThan(0);
    const { id } = add(store, profile, 'allocs.pb.gz', 'h-allocs');
    const expected = expectedValues(profile);
    expect(expected.size).toBeGreaterThan(profile.sampleTypes.length);
    expect(storedValues(store.db, id)).toEqual(expected);
    // Label sets are shared: the same file under another hash adds none, nor stacks.
    const counts = (): unknown => store.db.prepare('SELECT COUNT(*) FROM label_sets').pluck().get();
    const before = [counts(), storedStacks(store.db)];
    const again = add(store, profile, 'allocs-copy.pb.gz', 'h-allocs-2');
    expect([counts(), storedStacks(store.db)]).toEqual(before);
    expect(storedValues(store.db, again.id)).toEqual(expected);
  });

  it('interns label sets by their labels, whatever order a sample lists them in', () => {
    const profile = collapsed('main;work 1\nmain;idle 4\n');
    const intern = (text: string): number => {
      const at = profile.strings.indexOf(text);
      return at >= 0 ? at : profile.strings.push(text) - 1;
    };
    // A third sample on main;work.
    appendSample(profile, profile.samples.stack[0] as number, 2);
    const label = (sample: number, key: string, str: string | null, num = 0, unit = ''): void => {
      profile.labels.sample.push(sample);
      profile.labels.key.push(intern(key));
      profile.labels.str.push(str === null ? 0 : intern(str));
      profile.labels.num.push(num);
      profile.labels.unit.push(unit ? intern(unit) : 0);
    };
    label(0, 'tenant', 'acme');
    label(0, 'entry', '/api');
    label(2, 'entry', '/api');
    label(2, 'tenant', 'acme');
    label(1, 'bytes', null, 1024, 'bytes');
    const { id } = add(store, profile, 'labelled.txt', 'h-labelled');
    expect(store.db.prepare('SELECT canonical FROM label_sets ORDER BY id').pluck().all()).toEqual([
      '[["entry","/api",null,null],["tenant","acme",null,null]]',
      '[["bytes",null,1024,"bytes"]]',
    ]);
    expect(storedValues(store.db, id)).toEqual(expectedValues(profile));
    expect(
      storedValues(store.db, id).get('0|main:0;work:0|[["entry","/api",null,null],["tenant","acme",null,null]]'),
    ).toBe(3);
  });

  it('writes the same profile twice (under two file hashes) onto the same stacks', () => {
    const profile = parseProfileBytes(readFileSync(join(FIXTURES, 'pprof', 'cpu_1.pb.gz')), 'cpu_1.pb.gz');
    const first = add(store, profile, 'cpu_1.pb.gz', 'h-cpu-1').id;
    const stacks = storedStacks(store.db);
    const hashes = store.db.prepare('SELECT hash, stack FROM stack_hashes ORDER BY stack').raw().all();
    const second = add(store, profile, 'cpu_1-copy.pb.gz', 'h-cpu-1-copy').id;
    expect(storedStacks(store.db)).toEqual(stacks);
    expect(store.db.prepare('SELECT hash, stack FROM stack_hashes ORDER BY stack').raw().all()).toEqual(hashes);
    const typeId = store.sampleTypeId(first, 1) as number;
    expect(store.mergedStacks([second], typeId)).toEqual(store.mergedStacks([first], typeId));
    expect(stackLines(store.mergedStacks([first], typeId))).toEqual(stackLines(weightedStacksFromProfile(profile, 1)));
  });

  it('keeps one stack per (parent, segment), with its hash, when two local stacks are the same path', () => {
    // Functions 1 and 2 are one function listed twice: both leaves are the path main;work.
    const profile = collapsed('main;work 3\n');
    const strings = profile.strings;
    const work = strings.indexOf('work');
    profile.functions.name.push(work);
    profile.functions.systemName.push(0);
    profile.functions.file.push(0);
    profile.functions.startLine.push(0);
    const twin = profile.functions.name.length - 1;
    profile.frames.func.push(twin);
    profile.frames.line.push(0);
    profile.frames.column.push(0);
    profile.frames.address.push(0x1234);
    profile.frames.inlined.push(0);
    profile.stacks.frame.push(profile.frames.func.length - 1);
    profile.stacks.parent.push(profile.stacks.parent[profile.samples.stack[0] as number] as number);
    appendSample(profile, profile.stacks.frame.length - 1, 4);
    const { id } = add(store, profile, 'twins.txt', 'h-twins');
    // The two work frames are one store frame, so main;work is one path: one root-parented stack with its hash.
    const stacks = storedStacks(store.db);
    expect(stacks).toHaveLength(1);
    const [[stackId, frames]] = stacks as [[number, number[]]];
    expect(frames).toHaveLength(2);
    expect(storedParents(store.db)).toEqual([[stackId, 0]]);
    expect(store.db.prepare('SELECT hash, stack FROM stack_hashes ORDER BY stack').raw().all()).toEqual([
      [stackHash(Int32Array.from(frames)), stackId],
    ]);
    expect(stackLines(store.mergedStacks([id], store.sampleTypeId(id, 0) as number))).toEqual(['main;work 7']);
  });

  it('tells stacks apart when their hashes collide', () => {
    const collide: SegmentHash = () => 42;
    const a = addWithHash(store, collapsed('main;work;hash 5\nmain;idle 1\nmain 2\n'), 'a.txt', collide);
    const b = addWithHash(store, collapsed('main;idle 4\ngc;sweep 7\nmain;work;hash 1\n'), 'b.txt', collide);
    const stacks = storedStacks(store.db);
    expect(stacks).toHaveLength(4);
    expect(new Set(stacks.map(([, frames]) => frames.join(','))).size).toBe(4);
    expect(store.db.prepare('SELECT DISTINCT hash FROM stack_hashes').pluck().all()).toEqual([42]);
    expect(store.db.prepare('SELECT COUNT(*) FROM stack_hashes').pluck().get()).toBe(4);
    const typeId = store.sampleTypeId(a, 0) as number;
    expect(stackLines(store.mergedStacks([a], typeId))).toEqual(['main 2', 'main;idle 1', 'main;work;hash 5']);
    expect(stackLines(store.mergedStacks([a, b], typeId))).toEqual([
      'gc;sweep 7',
      'main 2',
      'main;idle 5',
      'main;work;hash 6',
    ]);
  });

  it('adds every new function to the function search index, and no function twice', () => {
    const ids = (name: string): unknown[] =>
      store.db.prepare('SELECT rowid FROM function_search WHERE function_search MATCH ?').pluck().all(name);
    const functionId = (name: string): unknown =>
      store.db.prepare('SELECT id FROM functions WHERE name = ?').pluck().get(name);
    add(store, collapsed('main;work;hash 5\n'), 'a.txt', 'h-a');
    add(store, collapsed('main;idle 1\ngc;sweep 2\n'), 'b.txt', 'h-b');
    for (const name of ['main', 'work', 'hash', 'idle', 'gc', 'sweep']) expect(ids(name)).toEqual([functionId(name)]);
    // FTS5's integrity check compares the index with its content table (functions); it throws when they differ.
    store.db.prepare("INSERT INTO function_search (function_search) VALUES ('integrity-check')").run();
  });

  it('migrates a schema 11 store to the names of items: rows, foreign keys and indexes follow', () => {
    const db = new Database(':memory:');
    migrate(db, 11);
    // Schema 11 names a catalogue item a profile: table profiles, column profile.
    db.exec(`
      INSERT INTO functions (id, name, system_name, file, start_line) VALUES (1, 'main', '', '', 0);
      INSERT INTO frames (id, function, line, col, inlined) VALUES (1, 1, 0, 0, 0);
      INSERT INTO stacks (id, frames, depth, parent) VALUES (1, x'01000000', 1, 0);
      INSERT INTO sample_types (id, type, unit) VALUES (1, 'samples', 'count');
      INSERT INTO files (id, name, source, format, byte_size, content_hash, imported_at_ms)
        VALUES (1, 'old.txt', '/tmp/old.txt', 'collapsed', 10, 'h-old', 1000);
      INSERT INTO profiles (id, file, part, name, item_name, format, kind, default_sample_type, comments, imported_at_ms)
        VALUES (1, 1, 0, 'old.txt', NULL, 'collapsed', 'cpu', 0, '[]', 1000);
      INSERT INTO profile_sample_types (profile, position, sample_type, total) VALUES (1, 0, 1, 7);
      INSERT INTO stack_values (profile, sample_type, stack, label_set, value) VALUES (1, 1, 1, 0, 7);
    `);
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT item FROM stack_values').pluck().all()).toEqual([1]);
    expect(db.prepare('SELECT id FROM items').pluck().all()).toEqual([1]);
    expect(db.prepare('SELECT item, total FROM item_sample_types').raw().all()).toEqual([[1, 7]]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // The stack cache and the function index of an item written before are built under the new names (migration 13).
    expect(db.prepare('SELECT item FROM stack_cache_nodes').pluck().all()).toEqual([1]);
    expect(db.prepare('SELECT function, item, self, total FROM item_functions').raw().all()).toEqual([[1, 1, 7, 7]]);
    expect(db.prepare('SELECT item FROM item_functions_indexed').pluck().all()).toEqual([1]);
    const names = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' ORDER BY 1",
      )
      .pluck()
      .all() as string[];
    expect(names.filter((name) => name.includes('profile'))).toEqual([]);
    expect(names).toEqual(expect.arrayContaining(['items_by_time', 'items_by_service', 'item_functions_by_item']));
    // Deleting the item still cascades to its rows, through the renamed foreign keys.
    db.pragma('foreign_keys = ON');
    db.exec('DELETE FROM items');
    expect(db.prepare('SELECT COUNT(*) FROM stack_values').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM item_functions').pluck().get()).toBe(0);
    db.close();
  });

  it('migrates a schema 1 store: stacks keep their ids and frames, gain hashes, and are found again', () => {
    store.close();
    const path = join(dir, 'v1.db');
    const v1 = new Database(path);
    migrate(v1, 1);
    expect(v1.pragma('user_version', { simple: true })).toBe(1);
    v1.exec(`
      INSERT INTO functions (id, name, system_name, file, start_line)
        VALUES (1, 'main', '', '', 0), (2, 'work', '', '', 0), (3, 'hash', '', '', 0);
      INSERT INTO function_search (rowid, name) SELECT id, name FROM functions;
      INSERT INTO frames (id, function, line, col, inlined) VALUES (1, 1, 0, 0, 0), (2, 2, 0, 0, 0), (3, 3, 0, 0, 0);
      INSERT INTO sample_types (id, type, unit) VALUES (1, 'samples', 'count');
      INSERT INTO files (id, name, source, format, byte_size, content_hash, imported_at_ms)
        VALUES (1, 'old.txt', '/tmp/old.txt', 'collapsed', 10, 'h-old', 1000);
      INSERT INTO profiles (id, file, part, name, item_name, format, kind, default_sample_type, comments, imported_at_ms)
        VALUES (1, 1, 0, 'old.txt', NULL, 'collapsed', 'cpu', 0, '[]', 1000);
      INSERT INTO profile_sample_types (profile, position, sample_type, total) VALUES (1, 0, 1, 12);
    `);
    // Ids with gaps, as a store that has seen deletions has them.
    const oldStacks: [number, number[]][] = [
      [5, [1, 2, 3]],
      [9, [1, 2]],
      [12, [1]],
    ];
    const insertStack = v1.prepare('INSERT INTO stacks (id, frames, depth) VALUES (?, ?, ?)');
    for (const [id, frames] of oldStacks) insertStack.run(id, frameBlob(frames), frames.length);
    v1.exec(`INSERT INTO stack_values (profile, sample_type, stack, label_set, value)
      VALUES (1, 1, 5, 0, 5), (1, 1, 9, 0, 4), (1, 1, 12, 0, 3)`);
    const before = snapshot(v1);
    v1.close();

    store = new ProfileStore(path);
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(
      store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'labels_by_set'").pluck().get(),
    ).toBe('labels_by_set');
    expect(storedStacks(store.db)).toEqual(oldStacks);
    const after = snapshot(store);
    // Migration 12 renames the tables and columns named for profiles to items.
    const renamed = (name: string): string =>
      ({ profiles: 'items', profile_sample_types: 'item_sample_types', profile: 'item' })[name] ?? name;
    for (const table of Object.keys(before).filter((t) => t !== 'stacks')) {
      // Later migrations add columns (files.modified_at_ms, items.time_source): the old rows' values stay.
      const rows = before[table]?.map((row) =>
        Object.fromEntries(Object.entries(row as object).map(([column, value]) => [renamed(column), value])),
      );
      const kept = after[renamed(table)]?.map((row) => pick(row, Object.keys(rows?.[0] ?? {})));
      expect(kept, table).toEqual(rows);
    }
    expect(store.db.prepare('SELECT hash, stack FROM stack_hashes ORDER BY stack').raw().all()).toEqual(
      oldStacks.map(([id, frames]) => [stackHash(Int32Array.from(frames)), id]),
    );
    expect(stackLines(store.mergedStacks([1], 1))).toEqual(['main 3', 'main;work 4', 'main;work;hash 5']);

    // A new import finds the migrated stacks by their hashes (main, a whole stack under the root, is one of them)
    // and adds its other stacks below it, after the last id.
    const { id } = add(store, collapsed('main;work;hash 2\nmain;idle 1\n'), 'new.txt', 'h-new');
    expect(storedStacks(store.db)).toEqual([...oldStacks, [13, [2, 3]], [14, [4]]]);
    expect(storedParents(store.db).slice(3)).toEqual([
      [13, 12],
      [14, 12],
    ]);
    expect(stackLines(store.mergedStacks([1, id], 1))).toEqual([
      'main 3',
      'main;idle 1',
      'main;work 4',
      'main;work;hash 7',
    ]);
  });
});

/** Adds one sample to a one-type profile (its columns are typed arrays, which do not grow). */
function appendSample(profile: Profile, stack: number, value: number): void {
  profile.samples.stack = Int32Array.from([...profile.samples.stack, stack]);
  profile.samples.values[0] = Float64Array.from([...(profile.samples.values[0] ?? []), value]);
}
