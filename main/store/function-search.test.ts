/**
 * Catalogue-wide function search over real profiles: a Go CPU and heap
 * profile and a Node .cpuprofile from the corpus (test/fixtures), stored as
 * the app stores them. Values are checked against what `go tool pprof -top`
 * printed for the same file (test/fixtures/pprof-expected.json) and against
 * the top table `kiln top` gets from the services.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectedPprof } from '../../e2e/support/pprof-expected';
import {
  FUNCTION_SEARCH_MAX_PROFILES,
  type FunctionSearchHit,
  type KilnServices,
  type TopFunctionRow,
} from '../../shared/ipc/contract';
import { parseFileBytes, parseProfileBytes } from '../ingest/parse-bytes';
import type { Importer } from '../ingest/import-files';
import { createServices } from '../services/kiln-services';
import { ProfileStore } from './profile-store';

const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures');
const NOT_USED = {} as Importer;

describe('searchFunctions', () => {
  let dir: string;
  let store: ProfileStore;
  let services: KilnServices;
  const ids: Record<string, number> = {};

  /** Stores a fixture file the way the importer does (one file row, all its items); returns its first item id. */
  function addFixture(relativePath: string): number {
    const bytes = readFileSync(join(FIXTURES, relativePath));
    const name = relativePath.split('/').pop() as string;
    const parsed = parseFileBytes(bytes, name);
    const origin = {
      name,
      source: relativePath,
      contentHash: `h-${name}`,
      byteSize: bytes.length,
      format: parsed.format,
    };
    return store.addFile(origin, parsed.items).ids[0] as number;
  }

  function addCollapsed(name: string, text: string): number {
    const profile = parseProfileBytes(new TextEncoder().encode(text), name);
    const origin = { name, source: name, contentHash: `h-${name}`, byteSize: text.length, format: profile.format };
    return store.addFile(origin, [{ type: 'profile', name: null, profile }]).ids[0] as number;
  }

  /** `kiln top ID --limit 100000 --json` for the item's default sample type. */
  async function kilnTop(profileId: number): Promise<TopFunctionRow[]> {
    const sampleType = store.getProfile(profileId)?.defaultSampleType as number;
    return (await services.getTopFunctions({ selection: { items: [profileId] }, sampleType, limit: 100_000 })).rows;
  }

  const search = (query: string, limit = 100): FunctionSearchHit[] => store.searchFunctions(query, limit);
  const names = (hits: FunctionSearchHit[]): string[] => hits.map((h) => h.function);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-search-'));
    store = new ProfileStore(join(dir, 'kiln.db'));
    services = createServices(store, NOT_USED);
    ids['cpu'] = addFixture('pprof/cpu_1.pb.gz');
    ids['heap'] = addFixture('pprof/heap_1.pb.gz');
    ids['node'] = addFixture('cpuprofile/node-leaky.cpuprofile');
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds runtime.mallocgc by a word, a word prefix and a dotted prefix, with go tool pprof values', () => {
    const cpu = expectedPprof('cpu_1.pb.gz').sampleTypes['cpu'];
    const pprofRow = cpu?.top.find((row) => row.name === 'runtime.mallocgc');
    expect(pprofRow).toBeDefined();
    for (const query of ['mallocgc', 'malloc', 'runtime.malloc', 'RUNTIME.MallocGC', '  runtime.mallocgc  ']) {
      const hit = search(query).find((h) => h.function === 'runtime.mallocgc');
      expect(hit, query).toBeDefined();
      expect(hit?.file).toBe('/usr/lib/go-1.19/src/runtime/malloc.go');
      const inCpu = hit?.profiles.find((p) => p.itemId === ids['cpu']);
      expect(inCpu).toEqual({
        itemId: ids['cpu'],
        name: 'cpu_1.pb.gz',
        self: pprofRow?.flat,
        total: pprofRow?.cum,
        profileTotal: cpu?.total,
        sampleTypeIndex: 1,
        sampleType: { type: 'cpu', unit: 'nanoseconds' },
      });
    }
    // A dotted prefix is a phrase: both words, adjacent and in that order.
    expect(names(search('malloc.runtime'))).not.toContain('runtime.mallocgc');
  });

  it('gives every item of every hit the self and total that kiln top shows for it', async () => {
    const hits = search('a', 1000);
    expect(hits.length).toBeGreaterThan(50);
    const tops = new Map<number, TopFunctionRow[]>();
    for (const id of Object.values(ids)) tops.set(id, await kilnTop(id));
    let checked = 0;
    for (const hit of hits) {
      for (const p of hit.profiles) {
        // Several store functions may share a name and file (other start lines); one of kiln top's rows is this one.
        const rows = tops.get(p.itemId)?.filter((r) => r.function === hit.function && r.file === hit.file) ?? [];
        expect(rows, `${hit.function} in #${p.itemId}`).toContainEqual({
          function: hit.function,
          file: hit.file,
          self: p.self,
          total: p.total,
        });
        expect(p.profileTotal).toBe(store.getProfile(p.itemId)?.totals[p.sampleTypeIndex]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('indexes each item exactly as kiln top lists it: every function with a value, no other', async () => {
    for (const id of Object.values(ids)) {
      const indexed = store.db
        .prepare(
          `SELECT fn.name AS function, fn.file, pf.self, pf.total FROM item_functions pf
           JOIN functions fn ON fn.id = pf.function WHERE pf.item = ?`,
        )
        .all(id) as TopFunctionRow[];
      const key = (r: TopFunctionRow): string => JSON.stringify([r.function, r.file, r.self, r.total]);
      expect(indexed.map(key).sort()).toEqual((await kilnTop(id)).map(key).sort());
    }
  });

  it('orders hits by their largest total share in any item, and its items the same way', () => {
    const hits = search('e', 1000);
    const best = hits.map((h) => Math.max(...h.profiles.map((p) => Math.abs(p.total / p.profileTotal))));
    expect(best.length).toBeGreaterThan(20);
    expect(best).toEqual([...best].sort((a, b) => b - a));
    for (const hit of hits) {
      const shares = hit.profiles.map((p) => Math.abs(p.total / p.profileTotal));
      expect(shares).toEqual([...shares].sort((a, b) => b - a));
    }
    // The first hit is the heaviest function of all: a root that holds (nearly) a whole profile.
    expect(best[0]).toBeGreaterThan(0.85);
    expect(search('e', 1)).toEqual(hits.slice(0, 1));
  });

  it('finds Node functions, and keeps same-named functions of different files apart', async () => {
    const tokenize = search('tokenize');
    expect(names(tokenize)).toEqual(['tokenize']);
    const nodeTop = (await kilnTop(ids['node'] as number)).find((r) => r.function === 'tokenize');
    expect(tokenize[0]?.profiles).toMatchObject([
      { itemId: ids['node'], self: nodeTop?.self, total: nodeTop?.total, sampleType: { type: 'wall' } },
    ]);
    const digests = search('digest').filter((h) => h.function === 'digest');
    expect(digests.map((h) => h.file).sort()).toEqual([
      'file:///srv/kiln/src/generators/node/leaky.js',
      'node:internal/crypto/hash',
    ]);
  });

  it('falls back to substrings for the middle of a word and for punctuation', () => {
    // FTS5 sees getHashCache as one word: only the substring search finds "HashCache" in it.
    expect(names(search('HashCache'))).toEqual(['getHashCache']);
    expect(names(search('hash'))).toEqual(expect.arrayContaining(['Hash', 'createHash', 'getHashCache']));
    expect(names(search('(garbage'))).toEqual(['(garbage collector)']);
    // No letter or digit: nothing for FTS5 to look up, so only the substring search answers.
    expect(names(search('..')).sort()).toEqual(['Module._extensions..js', 'type..eq.net/http.connectMethodKey']);
    // With one, FTS5 finds the word "js…" anywhere too; the substring search adds nothing new here.
    expect(names(search('..js'))).toContain('Module._extensions..js');
    // instr(), not LIKE: `_` and `%` are plain characters.
    const underscores = search('_', 1000);
    expect(underscores.length).toBeGreaterThan(0);
    for (const hit of underscores) expect(hit.function).toContain('_');
    expect(search('%')).toEqual([]);
  });

  it('never passes FTS5 syntax through: quotes, *, NEAR, -, ^, column filters, parentheses', () => {
    addCollapsed('syntax.txt', 'main;a-b NEAR c;x*y 3\nmain;say "hi";col:umn 2\nmain;^start 1\n');
    const hostile = [
      '"',
      '""',
      '"""',
      '*',
      '**',
      'NEAR',
      'NEAR(',
      'NEAR(a b)',
      'a OR b',
      'NOT',
      'AND',
      '-',
      '- -',
      '-runtime',
      '^',
      '^start',
      'name:',
      'name:main',
      'col:umn',
      '(',
      ')',
      '{x}',
      "'",
      '\\',
      ';',
      '+',
      'a + b',
      'x*y',
      'say "hi"',
      '"hi',
      'hi"',
    ];
    for (const query of hostile) expect(() => search(query), query).not.toThrow();
    expect(names(search('NEAR'))).toEqual(['a-b NEAR c']);
    expect(names(search('b NEAR'))).toEqual(['a-b NEAR c']);
    expect(names(search('x*y'))).toEqual(['x*y']);
    expect(names(search('say "hi"'))).toEqual(['say "hi"']);
    expect(names(search('"hi'))).toEqual(['say "hi"']);
    expect(names(search('col:umn'))).toEqual(['col:umn']);
    // `^` is not FTS5's "first token" here: every name with a word starting with "start" matches.
    expect(names(search('^start'))).toEqual(expect.arrayContaining(['^start', 'runtime.startm']));
    // `-` is not FTS5's NOT here: "-mallocgc" looks for the word, as typed.
    expect(names(search('-mallocgc'))).toEqual(['runtime.mallocgc']);
    expect(names(search('runtime -mallocgc'))).toEqual(['runtime.mallocgc']);
    const stars = names(search('*', 1000));
    expect(stars).toEqual(expect.arrayContaining(['x*y', 'net/http.(*conn).serve']));
    for (const name of stars) expect(name).toContain('*');
    expect(search('   ')).toEqual([]);
  });

  it('matches non-ASCII names: folded case and diacritics by word, any part by substring', () => {
    addCollapsed('unicode.txt', 'main;Ünïcödé.naïve;日本語関数 5\nmain;Ünïcödé.naïve 1\n');
    expect(names(search('naive'))).toEqual(['Ünïcödé.naïve']);
    expect(names(search('ÜNÏ'))).toEqual(['Ünïcödé.naïve']);
    expect(names(search('unicode.na'))).toEqual(['Ünïcödé.naïve']);
    expect(names(search('日本'))).toEqual(['日本語関数']);
    expect(names(search('語関'))).toEqual(['日本語関数']);
    const hit = search('日本語関数')[0];
    expect(hit?.profiles.map((p) => [p.name, p.self, p.total, p.profileTotal])).toEqual([['unicode.txt', 5, 5, 6]]);
  });

  it('lists at most FUNCTION_SEARCH_MAX_PROFILES items per hit and counts them all', () => {
    const count = FUNCTION_SEARCH_MAX_PROFILES + 5;
    for (let i = 1; i <= count; i++) addCollapsed(`p${i}.txt`, `shared_entry;work ${i}\nother ${100 - i}\n`);
    const [hit] = search('shared_entry');
    expect(hit?.profileCount).toBe(count);
    expect(hit?.profiles).toHaveLength(FUNCTION_SEARCH_MAX_PROFILES);
    // Largest share first: p25 (25 of 100) down to p6.
    expect(hit?.profiles.map((p) => p.name)).toEqual(
      Array.from({ length: FUNCTION_SEARCH_MAX_PROFILES }, (_, i) => `p${count - i}.txt`),
    );
  });

  it('indexes every item as it is written, and searches without writing', () => {
    const indexed = (): unknown => store.db.prepare('SELECT COUNT(*) FROM item_functions_indexed').pluck().get();
    expect(indexed()).toBe(3);
    const gc = readFileSync(join(FIXTURES, 'gc', 'go-gctrace', 'go-service.gctrace.stderr.txt'));
    const parsed = parseFileBytes(gc, 'gctrace.txt');
    store.addFile(
      { name: 'gctrace.txt', source: 'x', contentHash: 'h-gc', byteSize: gc.length, format: parsed.format },
      parsed.items,
    );
    addCollapsed('late.txt', 'late_arrival;tokenize 7\n');
    // Each profile is indexed as it is written (the GC log has no functions to index).
    expect(indexed()).toBe(4);
    const changes = store.db.prepare('SELECT total_changes()').pluck();
    const before = changes.get();
    // Collapsed stacks name no file, so the late tokenize is a function of its own, at 100% of its item.
    expect(search('tokenize').map((h) => [h.file, h.profiles.map((p) => p.name)])).toEqual([
      ['', ['late.txt']],
      ['file:///srv/kiln/src/generators/node/leaky.js', ['node-leaky.cpuprofile']],
    ]);
    expect(changes.get()).toBe(before);
  });

  it('does not wait for another connection that is writing', () => {
    // Another connection (the ingest worker importing a file) holds the write lock: a search only reads.
    const importer = new Database(join(dir, 'kiln.db'));
    importer.exec('BEGIN IMMEDIATE');
    try {
      const started = performance.now();
      expect(search('tokenize').map((h) => h.file)).toEqual(['file:///srv/kiln/src/generators/node/leaky.js']);
      expect(performance.now() - started).toBeLessThan(2000);
    } finally {
      importer.exec('ROLLBACK');
      importer.close();
    }
  });

  it('answers through the service contract', async () => {
    const hits = await services.searchFunctions({ query: 'sha256.block', limit: 5 });
    const cpu = expectedPprof('cpu_1.pb.gz').sampleTypes['cpu'];
    const block = cpu?.top.find((row) => row.name === 'crypto/sha256.block');
    expect(hits.map((h) => [h.function, h.profiles.map((p) => [p.itemId, p.self, p.total])])).toEqual([
      ['crypto/sha256.block', [[ids['cpu'], block?.flat, block?.cum]]],
    ]);
  });
});
