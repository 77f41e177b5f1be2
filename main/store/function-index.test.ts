/**
 * The two ways an item gets into the function index — from the parsed profile
 * while it is written, and from the store's stacks afterwards — must give the
 * same rows, on real profiles from the corpus.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Profile } from '../../shared/profile/model';
import { parseProfileBytes } from '../ingest/parse-bytes';
import { ensureFunctionIndex, indexProfileFunctions, indexWrittenProfile } from './function-index';
import { searchFunctions } from './function-search';
import { migrate } from './migrations';
import { ProfileStore } from './profile-store';

const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures');

describe('function index', () => {
  let dir: string;
  let store: ProfileStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-function-index-'));
    store = new ProfileStore(join(dir, 'kiln.db'));
    ensureFunctionIndex(store.db);
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function add(profile: Profile, name: string): number {
    const origin = { name, source: name, contentHash: `h-${name}`, byteSize: 1, format: profile.format };
    return store.addFile(origin, [{ type: 'profile', name: null, profile }]).ids[0] as number;
  }

  /** The store id of each of the profile's functions, interned as write-profile.ts interns them. */
  function storeFunctionIds(profile: Profile): number[] {
    const find = store.db
      .prepare('SELECT id FROM functions WHERE name = ? AND system_name = ? AND file = ? AND start_line = ?')
      .pluck();
    const str = (i: number | undefined): string => profile.strings[i ?? 0] ?? '';
    const { name, systemName, file, startLine } = profile.functions;
    return name.map((n, f) => find.get(str(n), str(systemName[f]), str(file[f]), startLine[f] ?? 0) as number);
  }

  const rowsOf = (profileId: number): unknown[] =>
    store.db
      .prepare('SELECT function, self, total FROM profile_functions WHERE profile = ? ORDER BY function')
      .all(profileId);

  function clear(profileId: number): void {
    store.db.prepare('DELETE FROM profile_functions WHERE profile = ?').run(profileId);
    store.db.prepare('DELETE FROM profile_functions_indexed WHERE profile = ?').run(profileId);
  }

  it.each([
    ['pprof/cpu_1.pb.gz'],
    ['pprof/heap_1.pb.gz'],
    ['cpuprofile/node-leaky.cpuprofile'],
    ['collapsed/speedscope__stackcollapse__recursion.txt'],
  ])('gives the same rows from the parsed profile as from the store: %s', (relativePath) => {
    const name = relativePath.split('/').pop() as string;
    const profile = parseProfileBytes(readFileSync(join(FIXTURES, relativePath)), name);
    const id = add(profile, name);
    // Writing an item indexes it (write-profile.ts); the same call again, after clearing, gives the same rows.
    const writtenRows = rowsOf(id);
    clear(id);
    indexWrittenProfile(store.db, id, profile, storeFunctionIds(profile));
    const fromModel = rowsOf(id);
    expect(fromModel).toEqual(writtenRows);
    expect(fromModel.length).toBeGreaterThan(2);
    clear(id);
    indexProfileFunctions(store.db, id);
    expect(rowsOf(id)).toEqual(fromModel);
  });

  it('recreates its tables after a transaction that created them rolled back', () => {
    // A bare connection: ProfileStore itself creates the tables when it opens.
    const db = new Database(join(dir, 'fresh.db'));
    try {
      migrate(db);
      expect(() =>
        db.transaction(() => {
          ensureFunctionIndex(db);
          throw new Error('import failed');
        })(),
      ).toThrow('import failed');
      const tables = "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'profile_functions%'";
      expect(db.prepare(tables).pluck().get()).toBe(0);
      expect(searchFunctions(db, 'main', 5)).toEqual([]);
      expect(db.prepare(tables).pluck().get()).toBe(3);
    } finally {
      db.close();
    }
  });

  it('counts a function once per stack when two of a profile’s functions are one in the store', () => {
    // Functions 0 and 1 are the same (name, file, line): the store interns them as one, as a
    // pprof file that repeats a function would be. The stack a;b;a;b then holds it twice.
    const profile = parseProfileBytes(new TextEncoder().encode('a;b;a;b 4\nb 1\n'), 'twice.txt');
    const id = add(profile, 'twice.txt');
    const ids = storeFunctionIds(profile);
    clear(id);
    indexWrittenProfile(store.db, id, profile, [ids[0] as number, ids[0] as number]);
    expect(rowsOf(id)).toEqual([{ function: ids[0], self: 5, total: 5 }]);
  });
});
