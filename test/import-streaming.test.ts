/**
 * Imports on the real ingest worker (dist/main/ingest-worker.cjs, written by
 * `npm run build`) over a real SQLite file: progress as the worker reports
 * it, the thread that serves the UI staying free, and cancellation while
 * parsing and while writing leaving the database file byte for byte as it was.
 * The large file is generated/large/deep-go.pb.gz of the shared corpus; its
 * MANIFEST gives the numbers checked here.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ImportReport, KilnServices } from '../shared/ipc/contract';
import { createImporter } from '../main/ingest/import-files';
import { inlineRunner, workerRunner, type IngestRunner, type WorkerRunnerOptions } from '../main/ingest/ingest-runner';
import type { IngestProgress } from '../main/ingest/progress-meter';
import { createServices } from '../main/services/kiln-services';
import { ProfileStore } from '../main/store/profile-store';

const ROOT = join(__dirname, '..');
const WORKER = join(ROOT, 'dist', 'main', 'ingest-worker.cjs');
const DEEP_GO = join(ROOT, '..', 'shared', 'corpus', 'generated', 'large', 'deep-go.pb.gz');
/** A 48 MB JSON profile: no streaming reader, so it is parsed in one call that checks for nothing. */
const DEEP_NODE = join(ROOT, '..', 'shared', 'corpus', 'generated', 'large', 'deep-node.cpuprofile.gz');
const SMALL = join(ROOT, 'test', 'fixtures', 'pprof', 'cpu_1.pb.gz');
const present = existsSync(DEEP_GO) && existsSync(DEEP_NODE);
if (!present) console.log(`SKIPPED: the large corpus files are not found (the shared corpus is not beside this clone)`);

// From the corpus MANIFEST's line for deep-go.pb.gz.
const DEEP_GO_BYTES = 4093531;
const DEEP_GO_SAMPLE_RECORDS = 310881;
const DEEP_GO_TOTALS = [323058, 1292232000000];

interface Opened {
  services: KilnServices;
  events: IngestProgress[];
  /** Called with each progress event as it arrives on this thread. */
  onEvent: (listener: (progress: IngestProgress) => void) => void;
  close(): Promise<void>;
}

function openOnWorker(dbPath: string, options: WorkerRunnerOptions = {}): Opened {
  const store = new ProfileStore(dbPath);
  const runner = workerRunner(WORKER, { dbPath }, options);
  const events: IngestProgress[] = [];
  let listener: (progress: IngestProgress) => void = () => {};
  // The runner as the importer sees it, with every progress event recorded on the way.
  const tapped: IngestRunner = {
    run: (task, control) =>
      runner.run(task, {
        ...control,
        onProgress: (progress) => {
          control.onProgress(progress);
          events.push(progress);
          listener(progress);
        },
      }),
    close: () => runner.close(),
  };
  return {
    services: createServices(store, createImporter(store, tapped)),
    events,
    onEvent: (next) => (listener = next),
    close: async () => {
      await runner.close();
      store.close();
    },
  };
}

/**
 * The database file's bytes but the header fields a writer's open and close change without writing data: the
 * file format versions (offsets 18–19: WAL while open, rollback at rest, see profile-store.ts), the file change
 * counter (24–27) and the version-valid-for number and SQLite version (92–99). https://sqlite.org/fileformat.html
 */
function withoutModeFields(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  for (const [from, to] of [
    [18, 20],
    [24, 28],
    [92, 100],
  ] as const)
    copy.fill(0, from, to);
  return copy;
}

function tableCounts(dbPath: string): Record<string, number> {
  const db = new Database(dbPath, { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[];
    const counts = Object.fromEntries(
      tables.map((t) => [t, db.prepare(`SELECT COUNT(*) FROM "${t}"`).pluck().get() as number]),
    );
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return counts;
  } finally {
    db.close();
  }
}

function phasesOf(events: IngestProgress[]): string[] {
  return events.map((e) => e.phase).filter((phase, i, all) => phase !== all[i - 1]);
}

describe.skipIf(!present)('imports on the ingest worker over a SQLite file', () => {
  let dir: string;
  let dbPath: string;

  beforeAll(() => {
    if (!existsSync(WORKER)) throw new Error('dist/ is missing: run npm run build');
  });
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-stream-'));
    dbPath = join(dir, 'kiln.db');
    // A store with something in it already, closed, so its file is complete on disk.
    const store = new ProfileStore(dbPath);
    const seeded = await createImporter(store, inlineRunner(store)).importPaths([SMALL]);
    expect(seeded.errors).toEqual([]);
    store.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reports progress up to the file size, keeps this thread free, and stores the profile', async () => {
    const kiln = openOnWorker(dbPath);
    try {
      // How long this thread goes without running a timer: the UI's responsiveness while the worker imports.
      let longestStall = 0;
      let last = performance.now();
      const ticker = setInterval(() => {
        const now = performance.now();
        longestStall = Math.max(longestStall, now - last);
        last = now;
      }, 20);
      // The catalogue is readable on the main connection while the worker holds its write transaction.
      let listedWhileWriting: number | null = null;
      kiln.onEvent((progress) => {
        if (progress.phase === 'writing' && listedWhileWriting === null) {
          void kiln.services.listItems({}).then((list) => (listedWhileWriting = list.length));
        }
      });
      let report: ImportReport;
      try {
        report = await kiln.services.importPaths({ paths: [DEEP_GO], jobId: 'big-1' });
      } finally {
        clearInterval(ticker);
      }
      expect(report.errors).toEqual([]);
      expect(report.imported.map((i) => [i.format, i.kind, i.totals])).toEqual([['pprof', 'cpu', DEEP_GO_TOTALS]]);

      const { events } = kiln;
      expect(phasesOf(events)).toEqual(['hashing', 'parsing', 'writing']);
      expect(events.every((e) => e.bytesTotal === DEEP_GO_BYTES)).toBe(true);
      const read = events.map((e) => e.bytesRead);
      for (let i = 1; i < read.length; i++) expect(read[i]).toBeGreaterThanOrEqual(read[i - 1] as number);
      expect(read[0]).toBe(0);
      // Streamed: bytes move while pass 1 reads the tables (parsing), bytes and samples while pass 2 decodes the
      // samples into the store (writing), not only at their end.
      const parsing = events.filter((e) => e.phase === 'parsing');
      const writing = events.filter((e) => e.phase === 'writing');
      expect(new Set(parsing.map((e) => e.bytesRead)).size).toBeGreaterThan(1);
      expect(new Set(writing.map((e) => e.bytesRead)).size).toBeGreaterThan(2);
      expect(writing.some((e) => e.samplesDecoded > 0 && e.samplesDecoded < DEEP_GO_SAMPLE_RECORDS)).toBe(true);
      expect(events.at(-1)?.bytesRead).toBe(DEEP_GO_BYTES);
      expect(events.at(-1)?.samplesDecoded).toBe(DEEP_GO_SAMPLE_RECORDS);

      expect(listedWhileWriting).toBe(1);
      expect(longestStall).toBeLessThan(1000);
      const [job] = await kiln.services.getImportJobs({});
      expect(job).toMatchObject({ jobId: 'big-1', file: DEEP_GO, state: 'done', bytesTotal: DEEP_GO_BYTES });

      // The same bytes again: answered from the store after the hash, without parsing.
      events.length = 0;
      const again = await kiln.services.importPaths({ paths: [DEEP_GO] });
      expect(again.imported.map((i) => [i.id, i.duplicate])).toEqual([[report.imported[0]?.id, true]]);
      expect(phasesOf(events)).toEqual(['hashing']);
    } finally {
      await kiln.close();
    }
  });

  async function cancelWhen(
    phase: IngestProgress['phase'],
    options: WorkerRunnerOptions,
    file = DEEP_GO,
  ): Promise<{ report: ImportReport; phaseAtCancel: string | undefined }> {
    const kiln = openOnWorker(dbPath, options);
    try {
      let cancelled: Promise<{ cancelled: boolean }> | null = null;
      let phaseAtCancel: string | undefined;
      kiln.onEvent((progress) => {
        if (progress.phase !== phase || cancelled) return;
        cancelled = kiln.services.cancelImport({ jobId: 'cancel-me' });
        void kiln.services.getImportJobs({}).then((jobs) => (phaseAtCancel = jobs[0]?.phase));
      });
      const report = await kiln.services.importPaths({ paths: [file], jobId: 'cancel-me' });
      expect(await cancelled).toEqual({ cancelled: true });
      expect((await kiln.services.getImportJobs({})).map((j) => [j.jobId, j.state])).toEqual([
        ['cancel-me', 'cancelled'],
      ]);
      expect(await kiln.services.listItems({})).toHaveLength(1);
      return { report, phaseAtCancel };
    } finally {
      await kiln.close();
    }
  }

  function expectUntouched(before: { bytes: Buffer; counts: Record<string, number> }): void {
    expect(existsSync(`${dbPath}-wal`) ? statSync(`${dbPath}-wal`).size : 0).toBe(0);
    expect(withoutModeFields(readFileSync(dbPath)).equals(withoutModeFields(before.bytes))).toBe(true);
    expect(tableCounts(dbPath)).toEqual(before.counts);
  }

  const snapshot = (): { bytes: Buffer; counts: Record<string, number> } => ({
    bytes: readFileSync(dbPath),
    counts: tableCounts(dbPath),
  });

  it('cancels while parsing, at the next check, and leaves the database file as it was', async () => {
    const before = snapshot();
    // No last resort here: the import must stop by itself.
    const { report, phaseAtCancel } = await cancelWhen('parsing', { cancelGraceMs: 600_000 });
    expect(report).toEqual({ imported: [], errors: [{ file: DEEP_GO, message: `${DEEP_GO}: import cancelled` }] });
    expect(phaseAtCancel).toBe('parsing');
    expectUntouched(before);
  });

  it('cancels while writing: the transaction rolls back and the database file is as it was', async () => {
    const before = snapshot();
    // Ending the worker is not allowed to be what stops it: only the write checkpoints can.
    const { report, phaseAtCancel } = await cancelWhen('writing', { cancelGraceMs: 600_000 });
    expect(report).toEqual({ imported: [], errors: [{ file: DEEP_GO, message: `${DEEP_GO}: import cancelled` }] });
    expect(phaseAtCancel).toBe('writing');
    expectUntouched(before);
  });

  it('cancels while a whole-file format is written (batch checkpoints): the database file is as it was', async () => {
    const before = snapshot();
    const { report, phaseAtCancel } = await cancelWhen('writing', { cancelGraceMs: 600_000 }, DEEP_NODE);
    expect(report).toEqual({ imported: [], errors: [{ file: DEEP_NODE, message: `${DEEP_NODE}: import cancelled` }] });
    expect(phaseAtCancel).toBe('writing');
    expectUntouched(before);
  });

  it('as a last resort ends a worker that does not stop in time, and imports on a new one', async () => {
    const before = snapshot();
    const kiln = openOnWorker(dbPath, { cancelGraceMs: 50 });
    try {
      kiln.onEvent((progress) => {
        if (progress.phase === 'parsing') void kiln.services.cancelImport({ jobId: 'stuck' });
      });
      const report = await kiln.services.importPaths({ paths: [DEEP_NODE], jobId: 'stuck' });
      expect(report.errors.map((e) => e.message)).toEqual([`${DEEP_NODE}: import cancelled`]);
      kiln.onEvent(() => {});
      const next = await kiln.services.importPaths({ paths: [SMALL] });
      expect(next.imported.map((i) => i.duplicate)).toEqual([true]);
    } finally {
      await kiln.close();
    }
    expectUntouched(before);
  });
});
