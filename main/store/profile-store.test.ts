import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GcLog } from '../../shared/gc/model';
import type { Profile } from '../../shared/profile/model';
import { buildCallTree } from '../../shared/query/call-tree';
import { topFunctions } from '../../shared/query/function-totals';
import { weightedStacksFromProfile } from '../../shared/query/weighted-stacks';
import { parseFileBytes, parseProfileBytes } from '../ingest/parse-bytes';
import { SCHEMA_VERSION } from './migrations';
import { ProfileStore } from './profile-store';

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

/** Every row of every table, to compare a database before and after. */
function snapshot(store: ProfileStore): Record<string, unknown[]> {
  const tables = store.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'function_search%'")
    .pluck()
    .all() as string[];
  return Object.fromEntries(tables.map((t) => [t, store.db.prepare(`SELECT * FROM "${t}"`).all()]));
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
    expect(store.db.prepare('SELECT COUNT(*) FROM profiles').pluck().get()).toBe(1);
    expect(store.listProfiles().map((p) => p.name)).toEqual(['one.txt']);
  });

  it('shares stacks, frames and functions between profiles', () => {
    add(store, collapsed('main;work;hash 5\nmain;idle 1\n'), 'a.txt', 'h-a');
    const before = store.db.prepare('SELECT COUNT(*) FROM stacks').pluck().get();
    add(store, collapsed('main;work;hash 2\n'), 'b.txt', 'h-b');
    expect(store.db.prepare('SELECT COUNT(*) FROM stacks').pluck().get()).toBe(before);
    expect(store.db.prepare('SELECT COUNT(*) FROM functions').pluck().get()).toBe(4);
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
    expect(summary?.durationNs).toBeCloseTo(25.5e6);
    expect(store.gcEvents(id)).toEqual(log.events);
    expect(store.gcLog(id)).toMatchObject({ collector: 'Go', skippedLines: 1 });
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
        .listProfiles()
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
    const labelled = store.db.prepare('SELECT COUNT(*) FROM stack_values WHERE profile = ?').pluck().get(id);
    expect(labelled).toBeGreaterThan(0);
  });
});
