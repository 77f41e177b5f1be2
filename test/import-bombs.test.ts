/**
 * Limits bite while reading, not after (issue 10): small gzip files that
 * inflate to huge content are imported or refused through the built CLI
 * (`kiln import FILE --db DB --json`) under GNU time, with their peak RSS
 * held to a budget that grows with the uncompressed content.
 *
 * Budgets (peak RSS of the whole CLI process, its worker included):
 *   - a file refused as "unknown format" from its head: 250 MB flat, whatever
 *     it inflates to (the 1 MB gzip of zeros inflates to 1 GB; it held 2.1 GB);
 *   - a cpuprofile over maxSamples: 2× its uncompressed size + 250 MB (the
 *     inflated bytes are held while the scanner counts the samples; nothing
 *     per sample is allocated before the refusal; 300 MB of it held 3.1 GB);
 *   - an imported cpuprofile bomb: 12× its uncompressed size + 200 MB. At 4
 *     bytes a sample in the file, that is ~48 bytes a sample: the scanner's
 *     typed arrays (json-scan.ts: node ids and time deltas, 16 bytes), the
 *     importer's timestamps, weights and order (cpuprofile-times.ts, 20 bytes;
 *     the first two become the model's time and wall columns in place), the
 *     model's stack and count columns (shared/profile/model.ts, 12 bytes) and
 *     the inflated file; the store writer works in fixed batches. Measured: 250 MB for the
 *     3M samples below (bound 344 MB), 877 MB for the 15.7M (bound
 *     956 MB; 1.88 GB when the model's columns were JS arrays grown by push).
 * The imported bomb has 3M samples to keep this file near a minute on two busy
 * cores: the 15.7M one takes 45 s here, of which parsing is 5 s and the rest
 * SQLite writing its sample_times and sample_weights rows.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'kiln.cjs');
const MB = 1_000_000;
const BASE = 250 * MB;
/** The imported bomb's fixed part; what grows with the content is 12 bytes per uncompressed byte (see above). */
const IMPORT_BASE = 200 * MB;
const IMPORT_BYTES_PER_BYTE = 12;
const dir = mkdtempSync(join(tmpdir(), 'kiln-bombs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  status: number | null;
  result: { imported: { id: number; totals: number[] }[]; errors: { file: string; message: string }[] };
  peakRssBytes: number;
}

function importUnderTime(file: string, db: string): Run {
  const timeFile = join(dir, 'time.txt');
  const run = spawnSync(
    '/usr/bin/time',
    ['-f', '%M', '-o', timeFile, process.execPath, BIN, 'import', file, '--db', db, '--json'],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  const peakKb = Number(/(\d+)\s*$/.exec(readFileSync(timeFile, 'utf8'))?.[1]);
  return { status: run.status, result: JSON.parse(run.stdout) as Run['result'], peakRssBytes: peakKb * 1024 };
}

/** Items in the store, through `kiln ls`; a store never created holds none. */
function itemsIn(db: string): number {
  if (!existsSync(db)) return 0;
  const run = spawnSync(process.execPath, [BIN, 'ls', '--db', db, '--json'], { cwd: ROOT, encoding: 'utf8' });
  expect(run.status).toBe(0);
  return (JSON.parse(run.stdout) as unknown[]).length;
}

/** A .cpuprofile of `count` samples all on one node, timeDeltas of 1 µs: 4 bytes a sample, gzip shrinks it ~1000×. */
function cpuProfileBomb(name: string, count: number): { file: string; uncompressed: number } {
  const head =
    '{"nodes":[{"id":1,"callFrame":{"functionName":"(root)","scriptId":"0","url":"","lineNumber":-1,"columnNumber":-1},' +
    '"hitCount":0,"children":[2]},{"id":2,"callFrame":{"functionName":"hot","scriptId":"1","url":"bomb.js",' +
    `"lineNumber":0,"columnNumber":0},"hitCount":0}],"startTime":0,"endTime":${count},"samples":[`;
  const content = Buffer.concat([
    Buffer.from(head),
    Buffer.from('2,'.repeat(count - 1) + '2'),
    Buffer.from('],"timeDeltas":['),
    Buffer.from('1,'.repeat(count - 1) + '1'),
    Buffer.from(']}'),
  ]);
  const file = join(dir, name);
  writeFileSync(file, gzipSync(content, { level: 9 }));
  return { file, uncompressed: content.length };
}

/** gzip members of 10 MB of zeros each, one after another (gzip(1) reads them as one file): quick to make. */
function zeros(name: string, bytes: number): string {
  const file = join(dir, name);
  const member = gzipSync(Buffer.alloc(10 * MB), { level: 9 });
  writeFileSync(file, Buffer.concat(Array.from({ length: bytes / (10 * MB) }, () => member)));
  return file;
}

const UNKNOWN = 'not a profile, GC log or heap snapshot Kiln reads';

describe('gzip bombs are refused or imported within memory that grows with their content', () => {
  it('a 1 MB gzip of zeros (~1 GiB inflated) is refused as an unknown format from its head, in flat memory', () => {
    const file = zeros('zeros.gz', 1000 * MB);
    expect(readFileSync(file).length).toBeLessThan(1.1 * MB);
    const db = join(dir, 'zeros.db');
    const run = importUnderTime(file, db);
    expect(run.status).toBe(1);
    expect(run.result.imported).toEqual([]);
    expect(run.result.errors).toEqual([
      { file, message: `zeros.gz: unknown format: ${UNKNOWN} (see docs/FORMATS.md for the list)` },
    ]);
    expect(run.peakRssBytes).toBeLessThan(BASE);
    expect(itemsIn(db)).toBe(0);
  }, 60_000);

  it('zeros within the decompression limit are refused the same way, without inflating them', () => {
    const file = zeros('small-zeros.gz', 100 * MB);
    const db = join(dir, 'small-zeros.db');
    const run = importUnderTime(file, db);
    expect(run.status).toBe(1);
    expect(run.result.errors.map((e) => e.message)).toEqual([
      `small-zeros.gz: unknown format: ${UNKNOWN} (see docs/FORMATS.md for the list)`,
    ]);
    expect(run.peakRssBytes).toBeLessThan(BASE);
    expect(itemsIn(db)).toBe(0);
  }, 60_000);

  it('a cpuprofile with more samples than maxSamples is refused while its samples are counted', () => {
    const bomb = cpuProfileBomb('over.cpuprofile.gz', 50_000_001 + 10_000_000);
    const db = join(dir, 'over.db');
    const run = importUnderTime(bomb.file, db);
    expect(run.status).toBe(1);
    expect(run.result.errors).toEqual([
      {
        file: bomb.file,
        message: 'over.cpuprofile.gz: sample count 60000001 exceeds the limit maxSamples=50000000 (in "samples")',
      },
    ]);
    expect(run.peakRssBytes).toBeLessThan(2 * bomb.uncompressed + BASE);
    expect(itemsIn(db)).toBe(0);
  }, 90_000);

  it('a cpuprofile of 3M samples on one node imports with every sample, in memory linear in its content', () => {
    const samples = 3_000_000;
    const bomb = cpuProfileBomb('many.cpuprofile.gz', samples);
    const db = join(dir, 'many.db');
    const run = importUnderTime(bomb.file, db);
    expect(run.status).toBe(0);
    expect(run.result.errors).toEqual([]);
    expect(run.result.imported.map((item) => item.totals)).toEqual([[samples, samples * 1000]]);
    expect(run.peakRssBytes).toBeLessThan(IMPORT_BYTES_PER_BYTE * bomb.uncompressed + IMPORT_BASE);
    expect(itemsIn(db)).toBe(1);
  }, 90_000);
});
