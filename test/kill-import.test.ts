/**
 * `kill -9` at random moments of `kiln import` (the built CLI, single-file and multi-file runs, a generated pprof
 * large enough that kills land while it is written): after every kill the store opens, passes integrity_check and
 * test/fuzz/store-check.ts (no file without its items, no item without its file, no orphan rows), and every item
 * it holds is complete: its totals and its number of stack_values rows equal those of a reference import of the
 * same file into a clean store. Importing the files again afterwards completes with the reference's items.
 */
import { spawn, spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileStore } from '../main/store/profile-store';
import { FIXTURES_DIR } from './fixtures/load-fixture';
import { encodePprof } from './fixtures/synthetic-pprof';
import { prng } from './fixtures/prng';
import { storeDefects } from './fuzz/store-check';

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'kiln.cjs');
const ROUNDS = 8;
const SEED = 90210;

/** Small real files of several formats and item shapes (JFR: several items; GC log; heap profile). */
const FIXTURE_FILES = [
  'pprof/cpu_1.pb.gz',
  'cpuprofile/node-leaky.cpuprofile',
  'jfr/kiln-producer.jfr',
  'gc/jvm-unified/gcviewer__sample-ujl-parallel-gc-defaults.txt',
  'heapprofile/node-leaky.heapprofile',
  'collapsed/speedscope__stackcollapse__perf-vertx-stacks-01-collapsed-all.txt',
];

/** A pprof of `samples` samples 10–70 frames deep over 3,000 functions: about a second to import. */
function largePprof(samples: number, seed: number): Uint8Array {
  const random = prng(seed);
  const functions = Array.from({ length: 3000 }, (_, i) => `pkg/module${i % 40}.function${i}`);
  return encodePprof({
    sampleTypes: [
      ['samples', 'count'],
      ['cpu', 'nanoseconds'],
    ],
    functions,
    locations: functions.map((_, i) => ({ lines: [i + 1] })),
    samples: Array.from({ length: samples }, () => {
      const depth = 10 + Math.floor(random() * 60);
      const root = Math.floor(random() * 50);
      return {
        locations: Array.from(
          { length: depth },
          (_, d) => ((root * 97 + d * 31 + (d > depth - 4 ? Math.floor(random() * 3000) : 0)) % 3000) + 1,
        ),
        values: [1, 10_000_000],
      };
    }),
  });
}

interface ItemFacts {
  totals: number[];
  rows: number;
}

/** Each item of a store by its file's hash and its name: totals (the store's query API) and stack_values rows. */
function itemFacts(dbPath: string): Map<string, ItemFacts> {
  const store = new ProfileStore(dbPath);
  try {
    const rows = store.db.prepare('SELECT item, COUNT(*) AS n FROM stack_values GROUP BY item').all() as {
      item: number;
      n: number;
    }[];
    const counts = new Map(rows.map((r) => [r.item, r.n]));
    return new Map(
      store
        .listItems()
        .map((item) => [`${item.contentHash} ${item.name}`, { totals: item.totals, rows: counts.get(item.id) ?? 0 }]),
    );
  } finally {
    store.close();
  }
}

/** Files committed to a store another process is writing (0 while it has no schema yet). */
function filesIn(dbPath: string): number {
  if (!existsSync(dbPath)) return 0;
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true, timeout: 0 });
    try {
      return db.prepare('SELECT COUNT(*) FROM files').pluck().get() as number;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

function storeProblems(dbPath: string): string[] {
  const store = new ProfileStore(dbPath);
  try {
    const integrity = store.db.pragma('integrity_check', { simple: true });
    return [...(integrity === 'ok' ? [] : [`integrity_check: ${String(integrity)}`]), ...storeDefects(store.db)];
  } finally {
    store.close();
  }
}

describe('kill -9 during kiln import', () => {
  let dir: string;
  let files: string[];
  let reference: Map<string, ItemFacts>;
  let referenceMs: number;

  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'main', 'cli.cjs'))) throw new Error('dist/ is missing: run npm run build');
    dir = mkdtempSync(join(tmpdir(), 'kiln-kill-'));
    const large = join(dir, 'large.pb');
    writeFileSync(large, largePprof(30_000, SEED));
    // The large file last: a multi-file run spends most of its time on it, after the small ones are committed.
    files = [];
    for (const fixture of FIXTURE_FILES) {
      const path = join(FIXTURES_DIR, fixture);
      files.push(path);
    }
    files.push(large);
    const start = performance.now();
    const result = kiln(['import', ...files, '--db', join(dir, 'reference.db'), '--json']);
    referenceMs = performance.now() - start;
    console.log(`reference import: ${referenceMs.toFixed(0)} ms`);
    expect(result.status, result.stderr).toBe(0);
    reference = itemFacts(join(dir, 'reference.db'));
    expect(reference.size).toBeGreaterThan(files.length);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function kiln(args: string[]) {
    return spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  }

  /**
   * Starts an import and SIGKILLs it after `delayMs`, or as soon as the store holds a file ('after-first-file');
   * resolves with whether the kill came before the import ended.
   */
  function importKilled(paths: string[], db: string, when: number | 'after-first-file'): Promise<boolean> {
    const child = spawn(process.execPath, [BIN, 'import', ...paths, '--db', db, '--json'], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    const kill = (): boolean => child.kill('SIGKILL');
    const timer =
      when === 'after-first-file'
        ? setInterval(() => {
            if (filesIn(db) > 0) kill();
          }, 20)
        : setTimeout(kill, when);
    return new Promise((resolve) => {
      child.once('exit', (_code, signal) => {
        clearInterval(timer);
        clearTimeout(timer);
        resolve(signal === 'SIGKILL');
      });
    });
  }

  function expectIntactAndComplete(db: string): number {
    expect(storeProblems(db)).toEqual([]);
    const facts = itemFacts(db);
    for (const [key, item] of facts) {
      expect(reference.has(key), `${key} is an item of the reference`).toBe(true);
      expect(item, key).toEqual(reference.get(key));
    }
    return facts.size;
  }

  it(
    'every committed item is intact after each kill, and importing again completes',
    { timeout: 240_000 },
    async () => {
      const random = prng(SEED);
      const single = join(dir, 'single.db');
      const multi = join(dir, 'multi.db');
      let killed = 0;
      for (let round = 0; round < ROUNDS; round++) {
        // Even rounds: the large file alone; odd rounds: every file. Each into a store the earlier kills left behind.
        const paths = round % 2 === 0 ? [files.at(-1)!] : files;
        const db = round % 2 === 0 ? single : multi;
        // From the process's start to past the reference import's whole duration.
        const delay = Math.floor(random() * referenceMs * (round % 2 === 0 ? 0.8 : 1.1));
        // Round 1, into a new store: killed once the first file is committed, while the others are being written.
        const wasKilled = await importKilled(paths, db, round === 1 ? 'after-first-file' : delay);
        const items = existsSync(db) ? expectIntactAndComplete(db) : 0;
        if (wasKilled) killed++;
        if (round === 1) {
          expect(wasKilled).toBe(true);
          expect(items).toBeGreaterThan(0);
          expect(items).toBeLessThan(reference.size);
        }
        // A run that finished leaves nothing for the next to write: start that store over.
        if (!wasKilled) for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(db + suffix, { force: true });
      }
      // Most kills landed before the import ended (else the test proves little).
      expect(killed).toBeGreaterThanOrEqual(ROUNDS / 2);
      for (const db of [single, multi]) {
        const again = kiln(['import', ...files, '--db', db, '--json']);
        expect(again.status, again.stderr).toBe(0);
        expect(expectIntactAndComplete(db)).toBe(reference.size);
      }
    },
  );
});
