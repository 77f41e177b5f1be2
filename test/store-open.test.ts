/**
 * Opening the store from the built `kiln` bin (run `node scripts/build.mjs --node-only` first): a file that is not a
 * Kiln store is refused untouched, read-only commands never create or write a store, a damaged store is reported with
 * what to do, and with --json every such failure is JSON naming the store's file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseFileBytes } from '../main/ingest/parse-bytes';
import { ProfileStore } from '../main/store/profile-store';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'kiln.cjs');
const CPU = join(ROOT, 'test', 'fixtures', 'pprof', 'cpu_1.pb.gz');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function kiln(args: string[]): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** The file's bytes and modification time, to compare before and after a command. */
function snapshot(path: string): { bytes: Buffer; mtimeMs: number } {
  return { bytes: readFileSync(path), mtimeMs: statSync(path).mtimeMs };
}

describe('opening the store', () => {
  let dir: string;

  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'main', 'cli.cjs'))) throw new Error('dist/ is missing: run npm run build');
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-store-open-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A store with one imported item, closed by the CLI. */
  function realStore(): string {
    const path = join(dir, 'store.db');
    const run = kiln(['import', CPU, '--db', path, '--json']);
    expect(run.code).toBe(0);
    return path;
  }

  function foreignSqlite(): string {
    const path = join(dir, 'other.db');
    const db = new Database(path);
    db.pragma('journal_mode = DELETE');
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    db.close();
    return path;
  }

  it.each([
    ['another program’s SQLite file', foreignSqlite, /other\.db is not a Kiln store \(its tables are not Kiln’s\)/],
    [
      'a file of random bytes',
      (): string => {
        const path = join(dir, 'random.db');
        writeFileSync(path, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 251)));
        return path;
      },
      /random\.db is not a Kiln store \(not an SQLite database\)/,
    ],
  ])('refuses %s untouched, for reading and for writing', (_what, make, message) => {
    const path = make();
    const before = snapshot(path);
    for (const args of [['ls'], ['top', '1'], ['search', 'x'], ['import', CPU]]) {
      const run = kiln([...args, '--db', path]);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    const after = snapshot(path);
    expect(after.bytes.equals(before.bytes)).toBe(true);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(readdirSync(dir)).toEqual([path.slice(dir.length + 1)]);
  });

  it('reports a usage error as one whether or not there is a store', () => {
    const run = kiln(['top', 'x,y', '--db', join(dir, 'none.db')]);
    expect(run.code).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reads no store where there is none, and creates none', () => {
    const path = join(dir, 'nonexistent.db');
    for (const args of [['ls'], ['top', '1'], ['search', 'main']]) {
      const run = kiln([...args, '--db', path]);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(`kiln: no Kiln store at ${path}; import something first\n`);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reads a store without writing to it: same bytes, same mtime, no -wal or -shm', () => {
    const path = realStore();
    // The importing CLI closed the store: nothing is left beside it.
    expect(readdirSync(dir)).toEqual(['store.db']);
    const before = snapshot(path);
    const ls = kiln(['ls', '--db', path, '--json']);
    expect(ls.code).toBe(0);
    expect((JSON.parse(ls.stdout) as { name: string }[]).map((i) => i.name)).toEqual(['cpu_1.pb.gz']);
    expect(kiln(['top', '1', '--db', path, '--json']).code).toBe(0);
    expect(kiln(['search', 'main', '--db', path, '--json']).code).toBe(0);
    const after = snapshot(path);
    expect(after.bytes.equals(before.bytes)).toBe(true);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(readdirSync(dir)).toEqual(['store.db']);
  });

  it('reads a store another process has open for writing, its schema and items still in the WAL', () => {
    // As `kiln serve` holds its store: a writer that created it and has not checkpointed (page 1 in the file is
    // the empty database's; the tables, the Kiln mark and user_version are in the WAL).
    const path = join(dir, 'served.db');
    const writer = new ProfileStore(path);
    try {
      expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
      const empty = kiln(['ls', '--db', path, '--json']);
      expect(empty.code, empty.stdout + empty.stderr).toBe(0);
      expect(JSON.parse(empty.stdout)).toEqual([]);
      const parsed = parseFileBytes(readFileSync(CPU), 'cpu_1.pb.gz');
      writer.addFile(
        { name: 'cpu_1.pb.gz', source: CPU, contentHash: 'h', byteSize: 1, format: parsed.format },
        parsed.items,
      );
      const listed = kiln(['ls', '--db', path, '--json']);
      expect(listed.code, listed.stdout + listed.stderr).toBe(0);
      expect((JSON.parse(listed.stdout) as { name: string }[]).map((i) => i.name)).toEqual(['cpu_1.pb.gz']);
    } finally {
      writer.close();
    }
  });

  it('marks a store as Kiln’s in its header, and marks a store from before the mark when it next writes', () => {
    const path = realStore();
    expect(readFileSync(path).readUInt32BE(68)).toBe(0x4b494c4e);
    const db = new Database(path);
    db.pragma('application_id = 0');
    db.close();
    // An unmarked store with Kiln's tables is still read (without being marked: reading never writes)…
    expect(kiln(['ls', '--db', path]).code).toBe(0);
    expect(readFileSync(path).readUInt32BE(68)).toBe(0);
    // …and marked by the next command that writes.
    expect(kiln(['import', join(ROOT, 'test', 'fixtures', 'pprof', 'heap_1.pb.gz'), '--db', path]).code).toBe(0);
    expect(readFileSync(path).readUInt32BE(68)).toBe(0x4b494c4e);
  });

  it('says a store at an older schema needs an upgrade instead of migrating it read-only', () => {
    const path = realStore();
    const db = new Database(path);
    db.pragma('user_version = 12');
    db.pragma('journal_mode = DELETE');
    db.close();
    const before = snapshot(path);
    const run = kiln(['ls', '--db', path]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(`the store at ${path} needs an upgrade`);
    expect(run.stderr).toMatch(/run any import, or open it with the app/);
    expect(snapshot(path).bytes.equals(before.bytes)).toBe(true);
  });

  it('with --json, reports every failure as JSON on stdout naming the store', () => {
    const missing = join(dir, 'missing.db');
    const run = kiln(['ls', '--db', missing, '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      error: { message: `no Kiln store at ${missing}; import something first`, path: missing },
    });

    const foreign = foreignSqlite();
    const refused = kiln(['top', '1', '--db', foreign, '--json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toEqual({
      error: {
        message: `${foreign} is not a Kiln store (its tables are not Kiln’s); refusing to open it`,
        path: foreign,
      },
    });

    const store = realStore();
    const noItem = kiln(['top', '99', '--db', store, '--json']);
    expect(noItem.code).toBe(1);
    expect(noItem.stderr).toBe('');
    expect(JSON.parse(noItem.stdout)).toEqual({ error: { message: 'no item with id 99 (see kiln ls)' } });

    const usage = kiln(['frobnicate', '--json']);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toEqual({ error: { message: 'unknown command "frobnicate"' } });
  });

  it.each([
    ['truncated to a whole number of pages', (bytes: Buffer): Buffer => bytes.subarray(0, 4096 * 4), /truncated/],
    ['truncated mid-page', (bytes: Buffer): Buffer => bytes.subarray(0, 20_000), /not a whole number of 4096-byte/],
    [
      'overwritten after its first page',
      (bytes: Buffer): Buffer => Buffer.concat([bytes.subarray(0, 4096), Buffer.alloc(bytes.length - 4096, 0xa5)]),
      /database disk image is malformed/,
    ],
  ])('says a store %s is damaged and what to do, without a stack trace', (_how, damage, why) => {
    const path = realStore();
    writeFileSync(path, damage(readFileSync(path)));
    for (const args of [['ls'], ['top', '1'], ['import', CPU]]) {
      const run = kiln([...args, '--db', path]);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr).toMatch(`kiln: the store at ${path} is damaged (`);
      expect(run.stderr).toMatch(why);
      expect(run.stderr).toMatch(/move it aside and import again, or restore a backup\n$/);
    }
    const json = JSON.parse(kiln(['ls', '--db', path, '--json']).stdout) as { error: { path: string } };
    expect(json.error.path).toBe(path);
  });
});
