/**
 * Deep stacks cost the store space and memory linear in the input, in every
 * format Kiln reads that has stacks: each file holds one chain of 20,000
 * distinct functions (a `.cpuprofile` whose nodes form one chain, a Chrome
 * trace of nested events, and chains with samples on their prefixes in the
 * other formats), imported and listed by `kiln top` through the built CLI
 * (dist/, written by `npm run build`). Stored whole, such stacks were 200
 * million frames (a 45,000-event trace grew the store by 4 GB and needed 4 GB
 * to import).
 *
 * Checked: the store grows by at most 4× the file (database plus WAL, after a
 * checkpoint, against the empty store), and the peak RSS of `kiln import` and
 * `kiln top` stays under 2× the file plus a fixed 200 MB (GNU time's maximum
 * RSS of the process and its ingest worker thread); `kiln top` gives each
 * function the self and total the generated file says.
 *
 * Functions have names as long as real ones. The store keeps ~105 bytes per
 * distinct function (functions, frames, item_functions and the search index,
 * each with its index), a constant of the catalogue rather than of depth: the
 * short-names case (f1…f20000, 7 bytes a frame) is allowed 128 bytes per
 * function beyond 4× the file, and says so.
 */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileStore } from '../../main/store/profile-store';
import * as generate from './generate';
import { DEPTH, type DeepInput } from './generate';
import { recordDeepJfr, hasJava } from './jfr';
import { GNU_TIME, ROOT, kiln, storeBytes, type TopRow } from './measure';

/** An import of a tiny file peaks at 110–120 MB here (Node, the ingest worker thread, SQLite's cache). */
const BASE_RSS_BYTES = 200 * 1024 * 1024;

/** One chain of DEPTH functions under V8's (root), one 100 µs sample on each node. */
function chainCpuprofile(): DeepInput {
  const bytes = generate.chainCpuprofileText(DEPTH, 100);
  // Each sample is 100 µs (in ns, as `kiln top` reports time) on one node; f_i's total is every sample at and below it.
  const row = (i: number) => ({ function: `f${i}`, self: 100_000, total: 100_000 * (DEPTH - i + 1) });
  return { name: 'chain.cpuprofile', bytes, prefix: 'f', expected: [row(1), row(DEPTH / 2), row(DEPTH)] };
}

/** DEPTH complete ('X') events, each inside the one before it: event i starts at i µs and ends 1 µs before its parent. */
function nestedTrace(): DeepInput {
  const traceEvents = Array.from({ length: DEPTH }, (_, i) => ({
    name: `span${i}`,
    cat: 'test',
    ph: 'X',
    ts: i,
    dur: 2 * (DEPTH - i),
    pid: 1,
    tid: 1,
  }));
  // span_i lasts 2·(DEPTH − i) µs, of which its child takes all but 2 µs (1 µs at each end; the innermost keeps its 2).
  const row = (i: number) => ({ function: `span${i}`, self: 2000, total: 2000 * (DEPTH - i) });
  return {
    name: 'nested.trace.json',
    bytes: JSON.stringify({ traceEvents }),
    prefix: 'span',
    expected: [row(0), row(DEPTH / 2), row(DEPTH - 1)],
  };
}

interface Case {
  format: string;
  make: (dir: string) => DeepInput;
  /** Why the case cannot pass yet, with what was measured: the lead's to decide (outside this test's files). */
  skip?: string;
}

const CASES: Case[] = [
  { format: 'cpuprofile', make: chainCpuprofile },
  { format: 'chrome trace', make: nestedTrace },
  { format: 'pprof', make: generate.pprof },
  { format: 'pprof legacy text', make: generate.pprofLegacy },
  { format: 'collapsed', make: generate.collapsed },
  { format: 'collapsed, short names', make: generate.collapsedShortNames },
  { format: 'perf script', make: generate.perfScript },
  { format: 'speedscope evented', make: generate.speedscopeEvented },
  { format: 'speedscope sampled', make: generate.speedscopeSampled },
  { format: 'firefox', make: generate.firefox },
  { format: 'callgrind', make: generate.callgrind },
  { format: 'heapprofile', make: generate.heapprofile },
  {
    format: 'JFR recording',
    make: recordDeepJfr,
    ...(hasJava() ? {} : { skip: 'no java on PATH to record a JFR file with' }),
  },
];

describe.skipIf(!existsSync(GNU_TIME))('deep stacks', () => {
  let dir: string;

  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'main', 'cli.cjs'))) throw new Error('dist/ is missing: run npm run build');
    dir = mkdtempSync(join(tmpdir(), 'kiln-deep-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const { format, make, skip } of CASES) {
    const title = `imports a deep ${format} and lists its top functions in space and memory linear in the file`;
    if (skip) it.skip(`${title} (skipped: ${skip})`, () => check(make(dir)));
    else it(title, () => check(make(dir)));
  }

  function check(input: DeepInput): void {
    const file = join(dir, input.name);
    writeFileSync(file, input.bytes);
    const fileBytes = statSync(file).size;
    const db = join(dir, `${input.name}.db`);
    // The empty store (schema only) is the baseline; `kiln ls` reads and never creates one.
    new ProfileStore(db).close();
    const before = storeBytes(db);

    const imported = kiln(['import', '--db', db, '--json', '--quiet', file], dir);
    const grown = storeBytes(db) - before;
    const [item] = JSON.parse(imported.stdout).imported as { id: number }[];
    const top = kiln(['top', String(item?.id), '--db', db, '--json', '--limit', String(2 * DEPTH)], dir);
    const rows = JSON.parse(top.stdout) as TopRow[];
    const byName = new Map(rows.map((r) => [r.function, r]));
    const bytes = `${input.name} of ${fileBytes} bytes`;

    expect(grown).toBeGreaterThan(0);
    const catalogue = (input.storeBytesPerFunction ?? 0) * (input.depth ?? DEPTH);
    expect(grown, `store growth for ${bytes}`).toBeLessThanOrEqual(4 * fileBytes + catalogue);
    expect(imported.peakRssBytes, `kiln import's peak RSS for ${bytes}`).toBeLessThanOrEqual(
      2 * fileBytes + BASE_RSS_BYTES,
    );
    expect(top.peakRssBytes, `kiln top's peak RSS for ${bytes}`).toBeLessThanOrEqual(2 * fileBytes + BASE_RSS_BYTES);

    expect(rows.filter((r) => r.function.startsWith(input.prefix)).length).toBe(input.depth ?? DEPTH);
    const scale = input.scaleBy === undefined ? 1 : (byName.get(input.scaleBy)?.total ?? 0);
    expect(scale).toBeGreaterThan(0);
    for (const want of input.expected) {
      const row = byName.get(want.function);
      expect({ function: row?.function, self: row?.self, total: row?.total }).toEqual({
        function: want.function,
        self: expect.closeTo(want.self * scale, 6),
        total: expect.closeTo(want.total * scale, 6),
      });
    }
  }
});
