import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Profile } from '../../shared/profile/model';
import { buildCallTree } from '../../shared/query/call-tree';
import { topFunctions } from '../../shared/query/function-totals';
import { weightedStacksFromProfile } from '../../shared/query/weighted-stacks';
import { parseProfileBytes } from '../ingest/parse-bytes';
import { SCHEMA_VERSION } from './migrations';
import { ProfileStore } from './profile-store';

const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures');

function collapsed(text: string): Profile {
  return parseProfileBytes(new TextEncoder().encode(text), 'stacks.txt');
}

function origin(name: string, hash: string) {
  return { name, source: `/tmp/${name}`, contentHash: hash, byteSize: 10 };
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
    const first = store.addProfile(collapsed('a;b 3\n'), origin('one.txt', 'hash-1'));
    const second = store.addProfile(collapsed('a;b 3\n'), origin('copy.txt', 'hash-1'));
    expect(second).toEqual({ id: first.id, duplicate: true });
    expect(store.db.prepare('SELECT COUNT(*) FROM profiles').pluck().get()).toBe(1);
    expect(store.listProfiles().map((p) => p.name)).toEqual(['one.txt']);
  });

  it('shares stacks, frames and functions between profiles', () => {
    store.addProfile(collapsed('main;work;hash 5\nmain;idle 1\n'), origin('a.txt', 'h-a'));
    const before = store.db.prepare('SELECT COUNT(*) FROM stacks').pluck().get();
    store.addProfile(collapsed('main;work;hash 2\n'), origin('b.txt', 'h-b'));
    expect(store.db.prepare('SELECT COUNT(*) FROM stacks').pluck().get()).toBe(before);
    expect(store.db.prepare('SELECT COUNT(*) FROM functions').pluck().get()).toBe(4);
  });

  it('merges three profiles by summing values per stack', () => {
    const ids = [
      store.addProfile(collapsed('main;work;hash 5\nmain;idle 1\n'), origin('1.txt', 'h1')).id,
      store.addProfile(collapsed('main;work;hash 2\nmain;work 4\n'), origin('2.txt', 'h2')).id,
      store.addProfile(collapsed('main;idle 10\ngc;sweep 7\n'), origin('3.txt', 'h3')).id,
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
    store.addProfile(collapsed('main;work 5\n'), origin('good.txt', 'h-good'));
    const before = snapshot(store);
    const broken = collapsed('main;other;deeper 3\n');
    // A frame pointing at a function that does not exist fails after rows were already written.
    broken.frames.func[1] = 999;
    expect(() => store.addProfile(broken, origin('broken.txt', 'h-broken'))).toThrow();
    expect(snapshot(store)).toEqual(before);
  });

  it('round-trips a real Go CPU profile: totals and top functions equal the in-memory profile', () => {
    const bytes = readFileSync(join(FIXTURES, 'pprof', 'cpu_1.pb.gz'));
    const profile = parseProfileBytes(bytes, 'cpu_1.pb.gz');
    const { id } = store.addProfile(profile, origin('cpu_1.pb.gz', 'h-go'));
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
