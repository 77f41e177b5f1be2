/**
 * Go gctrace's live heap, from a real program to the store: test/producers/gc/goleak.go leaks 64 KiB a round
 * under GODEBUG=gctrace=1, its stderr is imported, and each stored cycle's heap after GC must be the log's third
 * number of `A->B->C MB` (the live heap the leak shows in), the heap at the cycle's end the second. The log is
 * read here with its own regular expression, not the importer's.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImporter } from '../main/ingest/import-files';
import { inlineRunner } from '../main/ingest/ingest-runner';
import { ProfileStore } from '../main/store/profile-store';

const PRODUCER = join(__dirname, 'producers', 'gc', 'goleak.go');
const MiB = 2 ** 20;

describe('Go gctrace live heap, from a real Go program', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-go-live-heap-'));
    const binary = join(dir, 'goleak');
    execFileSync('go', ['build', '-o', binary, PRODUCER], { env: { ...process.env, GO111MODULE: 'off' } });
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('stores the live heap (C) as heap after GC and the end-of-cycle heap (B) beside it', async () => {
    // gctrace writes to stderr: keep it, drop the program's stdout.
    const log = execFileSync(
      'sh',
      ['-c', `GODEBUG=gctrace=1 GOMAXPROCS=2 "${join(dir, 'goleak')}" 3000 2>&1 >/dev/null`],
      {
        encoding: 'utf8',
        maxBuffer: 16 << 20,
      },
    );
    const cycles = [...log.matchAll(/^gc \d+ @[\d.]+s .* (\d+)->(\d+)->(\d+) MB, /gm)].map((m) => ({
      end: Number(m[2]) * MiB,
      live: Number(m[3]) * MiB,
    }));
    expect(cycles.length).toBeGreaterThan(10);
    const file = join(dir, 'goleak.gctrace.txt');
    writeFileSync(file, log);

    const store = new ProfileStore(join(dir, 'kiln.db'));
    try {
      const report = await createImporter(store, inlineRunner(store)).importPaths([file]);
      const item = report.imported[0];
      if (!item) throw new Error(JSON.stringify(report.errors));
      const events = store.gcEvents(item.id);
      expect(events.map((e) => e.heapAfterBytes)).toEqual(cycles.map((c) => c.live));
      expect(events.map((e) => e.heapEndBytes)).toEqual(cycles.map((c) => c.end));
      // The leak shows in the live heap: the last cycle keeps far more than the first.
      expect(cycles[cycles.length - 1]!.live).toBeGreaterThan(10 * cycles[0]!.live);
    } finally {
      store.close();
    }
  }, 120_000);
});
