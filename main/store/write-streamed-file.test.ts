/**
 * A streamed import that waited for the write lock while another process stored the same bytes ends as a
 * duplicate of that file, as addFile does: the content hash is checked again under the lock, and nothing of the
 * second copy is written (files.content_hash is unique: without the check the second import failed).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_IMPORT_LIMITS } from '../../shared/import/limits';
import { parseFileBytes } from '../ingest/parse-bytes';
import { streamPprofToStore } from '../ingest/stream-pprof-to-store';
import { ProfileStore } from './profile-store';

const FILE = join(__dirname, '..', '..', 'test', 'fixtures', 'pprof', 'heap_1.pb.gz');

describe('a streamed import of bytes another connection stored meanwhile', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('answers with the stored items and writes nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-streamed-dup-'));
    const db = join(dir, 'store.db');
    const first = new ProfileStore(db);
    const second = new ProfileStore(db);
    const bytes = gunzipSync(readFileSync(FILE));
    const origin = {
      name: 'heap',
      source: 'heap',
      contentHash: 'same-bytes',
      byteSize: bytes.length,
      format: 'pprof',
    } as const;
    // ingestFile looked the hash up before streaming and found nothing; then another connection stored the bytes.
    const storedByFirst = first.addFile(origin, parseFileBytes(bytes, 'heap').items).ids;
    const result = await streamPprofToStore(
      second,
      origin,
      async function* () {
        yield bytes;
      },
      { limits: DEFAULT_IMPORT_LIMITS },
    );
    expect(storedByFirst).toHaveLength(1);
    expect(result).toEqual({ ids: storedByFirst, duplicate: true });
    const count = (table: string) => second.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
    expect([count('files'), count('items')]).toEqual([1, 1]);
    first.close();
    second.close();
  });
});
