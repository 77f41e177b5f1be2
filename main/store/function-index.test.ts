/**
 * The two ways an item gets into the function index — from what the writer
 * holds while it writes, and from the store's stacks afterwards — must give
 * the same rows, on real profiles from the corpus.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Profile } from '../../shared/profile/model';
import { parseProfileBytes } from '../ingest/parse-bytes';
import { ensureFunctionIndex, indexProfileFunctions } from './function-index';
import { FunctionTotalsAccumulator } from './function-totals-accumulator';
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
  ])('gives the same rows while writing as from the store afterwards: %s', (relativePath) => {
    const name = relativePath.split('/').pop() as string;
    const profile = parseProfileBytes(readFileSync(join(FIXTURES, relativePath)), name);
    const id = add(profile, name);
    // Writing an item indexes it (write-profile.ts).
    const writtenRows = rowsOf(id);
    expect(writtenRows.length).toBeGreaterThan(2);
    clear(id);
    indexProfileFunctions(store.db, id);
    expect(rowsOf(id)).toEqual(writtenRows);
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

  it('counts a function once per stack when two frames are of one store function', () => {
    // Frames 11 and 12 are of the same store function 7, as two of a pprof file's functions that repeat one
    // (name, file, line) become: the stack 11;12;11;12 then holds function 7 four times.
    const totals = new FunctionTotalsAccumulator((frame) => (frame === 11 || frame === 12 ? 7 : 8));
    totals.add(Int32Array.of(11, 12, 11, 12), 4, 4);
    totals.add(Int32Array.of(12, 99), 2, 1);
    // A zero value counts for nothing.
    totals.add(Int32Array.of(99), 1, 0);
    const db = store.db;
    db.prepare("INSERT INTO functions (id, name, system_name, file, start_line) VALUES (7, 'a', '', '', 0)").run();
    // Its functions a and b take ids 8 and 9.
    const id = add(parseProfileBytes(new TextEncoder().encode('a;b 1\n'), 'x.txt'), 'x.txt');
    clear(id);
    totals.write(db, id);
    expect(rowsOf(id)).toEqual([
      { function: 7, self: 4, total: 5 },
      { function: 8, self: 1, total: 1 },
    ]);
  });
});
