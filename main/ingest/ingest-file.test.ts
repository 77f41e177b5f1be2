/**
 * ingestFile on this thread over a store on ':memory:' (the inline runner's
 * path): progress, dedup without parsing, cancellation before and inside the
 * write transaction. The worker path over a real file is in
 * test/import-streaming.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_IMPORT_LIMITS, resolveImportLimits } from '../../shared/import/limits';
import { encodePprof } from '../../test/fixtures/synthetic-pprof';
import { ProfileStore } from '../store/profile-store';
import { ingestFile, type IngestTask } from './ingest-file';
import type { IngestProgress } from './progress-meter';

/** A pprof of `count` samples, each on its own two-frame stack (main → f<i>): `count` + 1 functions. */
function widePprof(count: number): Uint8Array {
  const functions = ['main', ...Array.from({ length: count }, (_, i) => `f${i}`)];
  return encodePprof({
    sampleTypes: [['samples', 'count']],
    functions,
    locations: functions.map((_, i) => ({ lines: [i + 1] })),
    samples: Array.from({ length: count }, (_, i) => ({ locations: [i + 2, 1], values: [i + 1] })),
  });
}

const upload = (bytes: Uint8Array, name = 'wide.pb.gz'): IngestTask => ({
  name,
  source: `upload:${name}`,
  input: { kind: 'bytes', bytes },
});

function rowCounts(store: ProfileStore): Record<string, number> {
  const tables = store.db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((t) => [t, store.db.prepare(`SELECT COUNT(*) FROM "${t}"`).pluck().get() as number]),
  );
}

describe('ingestFile', () => {
  let store: ProfileStore;
  const limits = resolveImportLimits();
  beforeEach(() => {
    store = new ProfileStore(':memory:');
  });
  afterEach(() => store.close());

  it('reports hashing, parsing and writing, bytes up to the size, and the samples it decoded', async () => {
    const bytes = new Uint8Array(gzipSync(widePprof(3000)));
    const events: IngestProgress[] = [];
    const outcome = await ingestFile(store, upload(bytes), limits, {
      onProgress: (p) => events.push(p),
      isCancelled: () => false,
    });
    expect(outcome.duplicate).toBe(false);
    expect(outcome.ids).toHaveLength(1);
    const phases = events.map((e) => e.phase).filter((phase, i, all) => phase !== all[i - 1]);
    expect(phases).toEqual(['hashing', 'parsing', 'writing']);
    const hashing = events.filter((e) => e.phase === 'hashing');
    expect(hashing.at(-1)?.bytesRead).toBe(bytes.length);
    expect(events.every((e) => e.bytesTotal === bytes.length)).toBe(true);
    expect(events.at(-1)?.samplesDecoded).toBe(3000);
    expect(store.getProfile(outcome.ids[0] as number)?.totals).toEqual([(3000 * 3001) / 2]);
  });

  it('answers a file already stored from the store, without parsing it', async () => {
    const bytes = widePprof(10);
    const hooks = { onProgress: () => {}, isCancelled: () => false };
    const first = await ingestFile(store, upload(bytes, 'a.pb'), limits, hooks);
    const phases: string[] = [];
    const again = await ingestFile(store, upload(bytes, 'b.pb'), limits, {
      onProgress: (p) => phases.push(p.phase),
      isCancelled: () => false,
    });
    expect(again).toEqual({ ids: first.ids, duplicate: true });
    expect(new Set(phases)).toEqual(new Set(['hashing']));
  });

  it('writes nothing when cancelled before it starts', async () => {
    const before = rowCounts(store);
    await expect(
      ingestFile(store, upload(widePprof(10)), limits, { onProgress: () => {}, isCancelled: () => true }),
    ).rejects.toThrow('import cancelled');
    expect(rowCounts(store)).toEqual(before);
  });

  it('rolls the whole file back when cancelled inside the write transaction', async () => {
    await ingestFile(store, upload(widePprof(5), 'small.pb'), limits, {
      onProgress: () => {},
      isCancelled: () => false,
    });
    const before = rowCounts(store);
    let cancelled = false;
    let checksAfterCancel = 0;
    await expect(
      ingestFile(store, upload(widePprof(3000)), limits, {
        // The writing phase is reported as the transaction starts; cancel right then.
        onProgress: (p) => {
          if (p.phase === 'writing') cancelled = true;
        },
        isCancelled: () => {
          if (cancelled) checksAfterCancel++;
          return cancelled;
        },
      }),
    ).rejects.toThrow('import cancelled');
    // Nothing checks between the 'writing' report and the transaction: the one check that stopped it was a
    // write checkpoint, inside the transaction.
    expect(checksAfterCancel).toBe(1);
    expect(store.db.inTransaction).toBe(false);
    expect(rowCounts(store)).toEqual(before);
    expect(store.listItems().map((p) => p.name)).toEqual(['small.pb']);
  });

  it('refuses a path that is not a regular file, and one over the size limit, naming the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiln-ingest-'));
    try {
      const hooks = { onProgress: () => {}, isCancelled: () => false };
      const task = (path: string): IngestTask => ({ name: 'x', source: path, input: { kind: 'path', path } });
      await expect(ingestFile(store, task(dir), limits, hooks)).rejects.toThrow('not a regular file');
      const file = join(dir, 'big.txt');
      writeFileSync(file, 'main;f 1\n'.repeat(100));
      const small = { ...DEFAULT_IMPORT_LIMITS, maxInputBytes: 99 };
      await expect(ingestFile(store, task(file), small, hooks)).rejects.toThrow(
        'file is 900 bytes, over the limit of 99',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
