/**
 * Deep stacks cost the store space and memory linear in the input: a
 * `.cpuprofile` whose 20,000 nodes form one chain with a sample on each, and a
 * Chrome trace of 20,000 nested events (each a frame of a 20,000-deep stack),
 * imported and listed by `kiln top` through the built CLI (dist/, written by
 * `npm run build`). Stored whole, these stacks were 200 million frames (a
 * 45,000-event trace grew the store by 4 GB and needed 4 GB to import).
 *
 * Checked: the store grows by at most 4× the file (database plus WAL, after a
 * checkpoint, against the empty store), and the peak RSS of `kiln import` and
 * `kiln top` stays under 2× the file plus a fixed 150 MB (GNU time's maximum
 * RSS of the process and its ingest worker thread); `kiln top` gives each
 * function the self and total the generated file says.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileStore } from '../main/store/profile-store';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'kiln.cjs');
const GNU_TIME = '/usr/bin/time';
const DEPTH = 20_000;
const BASE_RSS_BYTES = 150 * 1024 * 1024;

/** One chain of DEPTH functions under V8's (root), one 100 µs sample on each node. */
function chainCpuprofile(): string {
  const nodes = [{ id: 1, callFrame: frame('(root)', 0), hitCount: 0, children: [2] }];
  for (let i = 1; i <= DEPTH; i++) {
    nodes.push({ id: i + 1, callFrame: frame(`f${i}`, i), hitCount: 1, children: i < DEPTH ? [i + 2] : [] });
  }
  const samples = Array.from({ length: DEPTH }, (_, i) => i + 2);
  return JSON.stringify({
    nodes,
    startTime: 0,
    endTime: DEPTH * 100,
    samples,
    timeDeltas: samples.map(() => 100),
  });
}

function frame(functionName: string, line: number) {
  return { functionName, scriptId: '1', url: 'file:///chain.js', lineNumber: line, columnNumber: 0 };
}

/** DEPTH complete ('X') events, each inside the one before it: event i starts at i µs and ends 1 µs before its parent. */
function nestedTrace(): string {
  const traceEvents = Array.from({ length: DEPTH }, (_, i) => ({
    name: `span${i}`,
    cat: 'test',
    ph: 'X',
    ts: i,
    dur: 2 * (DEPTH - i),
    pid: 1,
    tid: 1,
  }));
  return JSON.stringify({ traceEvents });
}

interface Measured {
  stdout: string;
  peakRssBytes: number;
}

/** Runs the CLI under GNU time; returns its output and the peak RSS of the process tree. */
function kiln(args: string[], dir: string): Measured {
  const timeFile = join(dir, 'time.txt');
  const run = spawnSync(GNU_TIME, ['-v', '-o', timeFile, process.execPath, BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 300_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`kiln ${args.join(' ')} exited with ${run.status}: ${run.stderr}`);
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(timeFile, 'utf8'));
  if (!match) throw new Error('GNU time printed no maximum RSS');
  return { stdout: run.stdout, peakRssBytes: Number(match[1]) * 1024 };
}

/** Database plus WAL, after the WAL is checkpointed into the database. */
function storeBytes(dbPath: string): number {
  const db = new Database(dbPath);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  const wal = `${dbPath}-wal`;
  return statSync(dbPath).size + (existsSync(wal) ? statSync(wal).size : 0);
}

interface TopRow {
  function: string;
  self: number;
  total: number;
}

describe.skipIf(!existsSync(GNU_TIME))('deep stacks', () => {
  let dir: string;

  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'main', 'cli.cjs'))) throw new Error('dist/ is missing: run npm run build');
    dir = mkdtempSync(join(tmpdir(), 'kiln-deep-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['chain.cpuprofile', chainCpuprofile],
    ['nested.trace.json', nestedTrace],
  ])('imports %s and lists its top functions in space and memory linear in the file', (name, generate) => {
    const file = join(dir, name);
    writeFileSync(file, generate());
    const fileBytes = statSync(file).size;
    const db = join(dir, `${name}.db`);
    // The empty store (schema only) is the baseline; `kiln ls` reads and never creates one.
    new ProfileStore(db).close();
    const before = storeBytes(db);

    const imported = kiln(['import', '--db', db, '--json', '--quiet', file], dir);
    const grown = storeBytes(db) - before;
    expect(grown).toBeGreaterThan(0);
    expect(grown).toBeLessThanOrEqual(4 * fileBytes);
    expect(imported.peakRssBytes).toBeLessThanOrEqual(2 * fileBytes + BASE_RSS_BYTES);

    const [item] = JSON.parse(imported.stdout).imported as { id: number }[];
    const top = kiln(['top', String(item?.id), '--db', db, '--json', '--limit', String(2 * DEPTH)], dir);
    expect(top.peakRssBytes).toBeLessThanOrEqual(2 * fileBytes + BASE_RSS_BYTES);
    const rows = JSON.parse(top.stdout) as TopRow[];
    // Every function of the chain is on one stack: its total is what lies at and below it, its self its own share.
    const byName = new Map(rows.map((r) => [r.function, r]));
    const first = name.endsWith('.cpuprofile') ? 'f1' : 'span0';
    const last = name.endsWith('.cpuprofile') ? `f${DEPTH}` : `span${DEPTH - 1}`;
    const outermost = byName.get(first) as TopRow;
    const innermost = byName.get(last) as TopRow;
    expect(rows.filter((r) => r.function.startsWith(first.replace(/\d+$/, ''))).length).toBe(DEPTH);
    expect(outermost.total).toBeGreaterThan(0);
    const selfSum = rows.reduce((sum, r) => sum + r.self, 0);
    expect(outermost.total).toBeCloseTo(selfSum, 6);
    expect(innermost.total).toBeCloseTo(innermost.self, 6);
    expect(innermost.self).toBeGreaterThan(0);
  });
});
