/**
 * The streaming writer (pass 2's samples straight into SQLite) must leave the
 * store exactly as the in-memory path does (importPprof → writeProfile): the
 * same stacks with the same values per sample type and label set, the same
 * totals, label sets and function index, on every pprof file of the fixtures
 * and the corpus; also when the store already holds stacks, when every stack
 * hash collides, and with samples that have no locations. A failure or a
 * cancel part-way leaves the database file byte-identical.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pprofFiles, uncompressedBytes } from '../../test/fixtures/pprof-reference';
import { encodePprof } from '../../test/fixtures/synthetic-pprof';
import { DEFAULT_IMPORT_LIMITS } from '../../shared/import/limits';
import { importPprof } from '../../shared/import/pprof';
import { streamPprofToStore } from '../ingest/stream-pprof-to-store';
import { ProfileStore } from './profile-store';
import type { StackHash } from './stack-hash';

const limits = { ...DEFAULT_IMPORT_LIMITS };
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function origin(name: string, bytes: Uint8Array) {
  // Distinct per bytes and name, as the content hash is in real imports.
  return {
    name,
    source: `test:${name}`,
    contentHash: `${name}:${bytes.length}`,
    byteSize: bytes.length,
    format: 'pprof' as const,
  };
}

/** In chunks of 4099 bytes, each copied into a reused buffer: the writer must not keep them. */
function chunks(bytes: Uint8Array): () => AsyncIterable<Uint8Array> {
  return async function* () {
    const buffer = new Uint8Array(4099);
    for (let pos = 0; pos < bytes.length; pos += buffer.length) {
      const size = Math.min(buffer.length, bytes.length - pos);
      buffer.set(bytes.subarray(pos, pos + size));
      yield buffer.subarray(0, size);
      buffer.fill(0xee);
    }
  };
}

function addWhole(store: ProfileStore, name: string, bytes: Uint8Array): number {
  return store.addFile(origin(name, bytes), [{ type: 'profile', name: null, profile: importPprof(bytes, limits) }])
    .ids[0] as number;
}

function addStreamed(store: ProfileStore, name: string, bytes: Uint8Array, stackHash?: StackHash): Promise<number> {
  return streamPprofToStore(store, origin(name, bytes), chunks(bytes), { limits, ...(stackHash ? { stackHash } : {}) });
}

/** What a profile is in the store, by names rather than ids, in a fixed order. */
function dump(store: ProfileStore, profileId: number) {
  const db = store.db;
  const item = db
    .prepare(
      `SELECT name, format, kind, captured_at_ms, duration_ns, period, period_type, period_unit, default_sample_type, comments
       FROM profiles WHERE id = ?`,
    )
    .get(profileId);
  const types = db
    .prepare(
      `SELECT pst.position, st.type, st.unit, pst.total FROM profile_sample_types pst
       JOIN sample_types st ON st.id = pst.sample_type WHERE pst.profile = ? ORDER BY pst.position`,
    )
    .all(profileId);
  const frameNames = new Map(
    (
      db
        .prepare(
          `SELECT fr.id, fn.name || '|' || fn.system_name || '|' || fn.file || ':' || fr.line || ':' || fr.col || ':' || fr.inlined
           FROM frames fr JOIN functions fn ON fn.id = fr.function`,
        )
        .raw()
        .all() as [number, string][]
    ).map(([id, name]) => [id, name]),
  );
  const values = (
    db
      .prepare(
        `SELECT st.type, s.frames, COALESCE(ls.canonical, ''), SUM(v.value) FROM stack_values v
         JOIN stacks s ON s.id = v.stack JOIN sample_types st ON st.id = v.sample_type
         LEFT JOIN label_sets ls ON ls.id = v.label_set
         WHERE v.profile = ? GROUP BY v.sample_type, v.stack, v.label_set`,
      )
      .raw()
      .all(profileId) as [string, Buffer, string, number][]
  )
    .map(([type, blob, labels, value]) => {
      const ids = new Int32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength));
      return `${type} ${[...ids].map((id) => frameNames.get(id)).join(';')} ${labels} ${value}`;
    })
    .sort();
  const functions = (
    db
      .prepare(
        `SELECT fn.name || '|' || fn.file || '|' || fn.start_line, pf.self, pf.total FROM profile_functions pf
         JOIN functions fn ON fn.id = pf.function WHERE pf.profile = ?`,
      )
      .raw()
      .all(profileId) as unknown[][]
  )
    .map((row) => row.join(' '))
    .sort();
  const indexed = db.prepare('SELECT COUNT(*) FROM profile_functions_indexed WHERE profile = ?').pluck().get(profileId);
  return { item, types, values, functions, indexed };
}

const files = pprofFiles().filter((f) => !f.name.includes('large/'));

describe('the streamed pprof writer stores what the in-memory path stores', () => {
  it.each(files.map((f) => [f.name, f.path]))('%s', async (name, path) => {
    const bytes = uncompressedBytes(path);
    const whole = new ProfileStore(':memory:');
    const streamed = new ProfileStore(':memory:');
    const a = addWhole(whole, name, bytes);
    const b = await addStreamed(streamed, name, bytes);
    const expected = dump(whole, a);
    expect(expected.values.length).toBeGreaterThan(0);
    expect(dump(streamed, b)).toEqual(expected);
  });

  it('into a store that already holds stacks: shared stacks are found, not written twice', async () => {
    // Both from one Go program: they share many stacks.
    const [first, second] = ['pprof/heap_1.pb.gz', 'pprof/allocs.pb.gz'].map((name) =>
      uncompressedBytes((files.find((f) => f.name === name) as { path: string }).path),
    );
    const whole = new ProfileStore(':memory:');
    const streamed = new ProfileStore(':memory:');
    addWhole(whole, 'first', first as Uint8Array);
    addWhole(streamed, 'first', first as Uint8Array);
    // The same profile again under another name: every one of its stacks is already stored.
    const a = addWhole(whole, 'again', first as Uint8Array);
    const b = await addStreamed(streamed, 'again', first as Uint8Array);
    expect(dump(streamed, b)).toEqual(dump(whole, a));
    const stacks = (s: ProfileStore) => s.db.prepare('SELECT COUNT(*) FROM stacks').pluck().get();
    expect(stacks(streamed)).toBe(stacks(whole));
    const c = addWhole(whole, 'second', second as Uint8Array);
    const d = await addStreamed(streamed, 'second', second as Uint8Array);
    expect(dump(streamed, d)).toEqual(dump(whole, c));
    expect(stacks(streamed)).toBe(stacks(whole));
  });

  it('a streamed import leaves its stack hashes for the next: both streamed, the same stacks as both whole', async () => {
    const [first, second] = ['pprof/heap_1.pb.gz', 'pprof/allocs.pb.gz'].map((name) =>
      uncompressedBytes((files.find((f) => f.name === name) as { path: string }).path),
    );
    const whole = new ProfileStore(':memory:');
    const streamed = new ProfileStore(':memory:');
    addWhole(whole, 'first', first as Uint8Array);
    await addStreamed(streamed, 'first', first as Uint8Array);
    const a = addWhole(whole, 'second', second as Uint8Array);
    const b = await addStreamed(streamed, 'second', second as Uint8Array);
    expect(dump(streamed, b)).toEqual(dump(whole, a));
    const rows = (s: ProfileStore, sql: string) => s.db.prepare(sql).raw().all();
    for (const sql of [
      'SELECT id, frames FROM stacks ORDER BY id',
      'SELECT hash, stack FROM stack_hashes ORDER BY hash, stack',
    ]) {
      expect(rows(streamed, sql)).toEqual(rows(whole, sql));
    }
  });

  it('when every stack hash collides, paths are told apart by their frames', async () => {
    const file = files.find((f) => f.name.startsWith('pprof-labels/')) as { path: string };
    const bytes = uncompressedBytes(file.path);
    const whole = new ProfileStore(':memory:');
    const streamed = new ProfileStore(':memory:');
    const a = addWhole(whole, 'x', bytes);
    const b = await addStreamed(streamed, 'x', bytes, () => 42);
    const expected = dump(whole, a);
    expect(expected.values.length).toBeGreaterThan(10);
    expect(dump(streamed, b)).toEqual(expected);
  });

  it('samples without locations, repeated stacks and labels, across batches', async () => {
    // 250,000 samples over 3 stacks (one empty) and 2 label values: rows repeat across the writer's batches.
    const samples = Array.from({ length: 250_000 }, (_, i) => ({
      locations: i % 3 === 0 ? [] : i % 3 === 1 ? [1, 2] : [2],
      values: [1, i % 7],
      labels: i % 2 === 0 ? [{ key: 'endpoint', str: i % 4 === 0 ? '/a' : '/b' }] : [],
    }));
    const bytes = encodePprof({
      sampleTypes: [
        ['samples', 'count'],
        ['cpu', 'nanoseconds'],
      ],
      functions: ['leaf', 'main'],
      locations: [{ lines: [1] }, { lines: [2] }],
      samples,
    });
    const whole = new ProfileStore(':memory:');
    const streamed = new ProfileStore(':memory:');
    const expected = dump(whole, addWhole(whole, 'synthetic', bytes));
    expect(expected.values.some((row) => row.includes('(no stack)'))).toBe(true);
    expect(expected.types).toEqual([
      { position: 0, type: 'samples', unit: 'count', total: 250_000 },
      {
        position: 1,
        type: 'cpu',
        unit: 'nanoseconds',
        total: samples.reduce((s, x) => s + (x.values[1] as number), 0),
      },
    ]);
    expect(dump(streamed, await addStreamed(streamed, 'synthetic', bytes))).toEqual(expected);
  });
});

describe('a streamed import that stops part-way leaves the store as it was', () => {
  const file = files.find((f) => f.name.startsWith('pprof-labels/')) as { path: string };
  const bytes = uncompressedBytes(file.path);

  async function storeBytesAfter(stop: (store: ProfileStore) => Promise<unknown>): Promise<[Buffer, Buffer]> {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-streamed-'));
    dirs.push(dir);
    const path = join(dir, 'kiln.db');
    const store = new ProfileStore(path);
    addWhole(
      store,
      'before',
      encodePprof({
        sampleTypes: [['samples', 'count']],
        functions: ['f'],
        locations: [{ lines: [1] }],
        samples: [{ locations: [1], values: [3] }],
      }),
    );
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = readFileSync(path);
    await expect(stop(store)).rejects.toThrow();
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const after = readFileSync(path);
    store.close();
    return [before, after];
  }

  it('cancelled during pass 2', async () => {
    let polls = 0;
    const [before, after] = await storeBytesAfter((store) =>
      streamPprofToStore(store, origin('x', bytes), chunks(bytes), {
        limits,
        // Polled before each pass and every few MB: the third poll falls after pass 2 has written rows.
        isCancelled: () => ++polls >= 3,
      }),
    );
    expect(polls).toBeGreaterThanOrEqual(3);
    expect(after.equals(before)).toBe(true);
  });

  it('a sample that is corrupt after the writer has started', async () => {
    const good = { locations: [1], values: [1] };
    const corrupt = encodePprof({
      sampleTypes: [['samples', 'count']],
      functions: ['f'],
      locations: [{ lines: [1] }],
      samples: [...Array.from({ length: 150_000 }, () => good), { locations: [99], values: [1] }],
    });
    const [before, after] = await storeBytesAfter((store) =>
      streamPprofToStore(store, origin('corrupt', corrupt), chunks(corrupt), { limits }),
    );
    expect(after.equals(before)).toBe(true);
  });
});
