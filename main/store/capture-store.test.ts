/**
 * The capture fields in the store: an item's start where its file states none
 * is the file's modification time (a path's from the file system, an upload's
 * as the page sent it), marked estimated; the user can set it, moving the
 * file's other items with it; a GC log keeps its start when read back; the
 * capture migration turns an old GC log's start into its events' time 0.
 */
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveImportLimits } from '../../shared/import/limits';
import { ContractError } from '../../shared/ipc/validate';
import { FIXTURES_DIR } from '../../test/fixtures/load-fixture';
import { encodePprof } from '../../test/fixtures/synthetic-pprof';
import { ingestFile, type IngestTask } from '../ingest/ingest-file';
import { PPROF_HEAD_BYTES } from '../ingest/pprof-head';
import { captureServices } from '../services/capture-services';
import { migrate } from './migrations';
import { ProfileStore } from './profile-store';

const GCTRACE = join(FIXTURES_DIR, 'gc/go-gctrace/go119-gctrace.txt');
const TRACE = join(FIXTURES_DIR, 'chrome-trace/speedscope__trace-event__multi-thread-with-samples.json');
const quiet = { onProgress: () => {}, isCancelled: () => false };

describe('capture fields in the store', () => {
  let dir: string;
  let store: ProfileStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-capture-'));
    store = new ProfileStore(':memory:');
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ingest = async (task: IngestTask): Promise<number[]> =>
    (await ingestFile(store, task, resolveImportLimits(), quiet)).ids;

  // The fixture's last line, "gc 116 @0.475s 4%: 0.037+11+0.062 ms clock, …", ends 475 + 11.099 ms after the program
  // started: the log records 486.099 ms, and was written when they were over.
  const GCTRACE_SPAN_MS = 486.099;

  it("anchors a path's relative-only log at the file's modification time minus what it records, marked estimated", async () => {
    const path = join(dir, 'gctrace.txt');
    writeFileSync(path, readFileSync(GCTRACE));
    const modified = new Date('2026-03-01T12:00:00Z');
    utimesSync(path, modified, modified);
    const [id] = await ingest({ name: 'gctrace.txt', source: path, input: { kind: 'path', path } });
    expect(store.getProfile(id as number)).toMatchObject({
      capturedAtMs: modified.getTime() - GCTRACE_SPAN_MS,
      durationNs: GCTRACE_SPAN_MS * 1e6,
      timeSource: 'estimated',
      source: 'path',
    });
    expect(store.gcLog(id as number)?.startTimeMs).toBe(modified.getTime() - GCTRACE_SPAN_MS);
  });

  it('anchors an upload at the modification time the page sent, and at nothing when it sent none', async () => {
    const bytes = new Uint8Array(readFileSync(GCTRACE));
    const [sent] = await ingest({
      name: 'a.txt',
      source: 'upload:a.txt',
      input: { kind: 'bytes', bytes },
      modifiedAtMs: 1e12,
    });
    expect(store.getProfile(sent as number)).toMatchObject({
      capturedAtMs: 1e12 - GCTRACE_SPAN_MS,
      timeSource: 'estimated',
      source: 'upload',
    });
    const other = new Uint8Array([...bytes, 0x0a]);
    const [unsent] = await ingest({ name: 'b.txt', source: 'upload:b.txt', input: { kind: 'bytes', bytes: other } });
    expect(store.getProfile(unsent as number)).toMatchObject({ capturedAtMs: null, timeSource: 'none' });
  });

  it('names the service, build id and start of a pprof large enough to be streamed into the store', async () => {
    const samples = 150_000;
    const bytes = encodePprof({
      sampleTypes: [['samples', 'count']],
      functions: ['main', 'work'],
      locations: [
        { lines: [1], mappingId: 1 },
        { lines: [2], mappingId: 1 },
      ],
      mappings: [{ id: 1, filename: '/opt/svc/bin/ledger', buildId: 'abc123' }],
      samples: Array.from({ length: samples }, (_, i) => ({ locations: [2, 1], values: [i + 1] })),
      timeNanos: 1_750_000_000_000_000_000n,
    });
    expect(bytes.length).toBeGreaterThan(PPROF_HEAD_BYTES); // so ingestFile streams it (pprof-head.ts)
    const [id] = await ingest({ name: 'big.pb', source: 'upload:big.pb', input: { kind: 'bytes', bytes } });
    expect(store.getProfile(id as number)).toMatchObject({
      service: 'ledger',
      labels: { build_id: 'abc123' },
      capturedAtMs: 1_750_000_000_000,
      timeSource: 'file',
      source: 'upload',
    });
  });

  it("sets an estimated item's start and moves the file's other items with it; a file's own start stays", async () => {
    const path = join(dir, 'trace.json');
    writeFileSync(path, readFileSync(TRACE));
    const ids = await ingest({ name: 'trace.json', source: path, input: { kind: 'path', path } });
    expect(ids.length).toBeGreaterThan(1);
    const before = ids.map((id) => store.getProfile(id)?.capturedAtMs as number);
    const services = captureServices(store);
    const moved = await services.setCaptureStart({ itemId: ids[1] as number, startMs: (before[1] as number) + 5000 });
    expect(moved).toMatchObject({ capturedAtMs: (before[1] as number) + 5000, timeSource: 'user' });
    ids.forEach((id, i) => {
      expect(store.getProfile(id)).toMatchObject({ capturedAtMs: (before[i] as number) + 5000, timeSource: 'user' });
    });

    const jfr = join(FIXTURES_DIR, 'jfr/kiln-producer.jfr');
    const [recorded] = await ingest({ name: 'kiln-producer.jfr', source: jfr, input: { kind: 'path', path: jfr } });
    await expect(services.setCaptureStart({ itemId: recorded as number, startMs: 0 })).rejects.toThrow(ContractError);
    await expect(services.setCaptureStart({ itemId: 99_999, startMs: 0 })).rejects.toThrow(/no item/);
  });

  it("migrates an old GC log's start (its first event) to its events' time 0, and marks stated starts 'file'", () => {
    const path = join(dir, 'old.db');
    const old = new Database(path);
    migrate(old, 5); // the schema before the capture migration
    old.exec(`
      INSERT INTO files (id, name, source, format, byte_size, content_hash, imported_at_ms)
        VALUES (1, 'gc.log', '/tmp/gc.log', 'jvm-unified', 10, 'h-gc', 1000);
      INSERT INTO profiles (id, file, part, name, format, kind, captured_at_ms, duration_ns, default_sample_type,
          comments, imported_at_ms)
        VALUES (1, 1, 0, 'gc.log', 'jvm-unified', 'gc-log', 1700000000250, 1e9, 0, '[]', 1000),
               (2, 1, 1, 'gc.log', 'jvm-unified', 'gc-log', NULL, NULL, 0, '[]', 1000);
      INSERT INTO gc_logs (profile, collector, skipped_lines) VALUES (1, 'G1', 0), (2, 'G1', 0);
      INSERT INTO gc_events (profile, seq, time_ms, kind, pause_ns) VALUES (1, 0, 250, 'young', 1), (1, 1, 900, 'young', 1);
    `);
    old.close();
    store.close();
    store = new ProfileStore(path);
    expect(store.getProfile(1)).toMatchObject({ capturedAtMs: 1_700_000_000_000, timeSource: 'file', labels: {} });
    expect(store.getProfile(2)).toMatchObject({ capturedAtMs: null, timeSource: 'none' });
    expect(store.gcLog(1)?.startTimeMs).toBe(1_700_000_000_000);
  });
});
