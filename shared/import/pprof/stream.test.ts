/**
 * Kiln's hand-written pprof reader against an independent decode with the
 * pprof-format package, on every pprof file of the fixtures and the corpus;
 * and the streaming API against the sync one for chunks of any size.
 */
import { describe, expect, it } from 'vitest';
import {
  corpusPresent,
  modelRows,
  NameIds,
  pprofFiles,
  referenceRows,
  rowDifferences,
  uncompressedBytes,
} from '../../../test/fixtures/pprof-reference';
import { topLevelFields } from '../../../test/fixtures/protobuf-writer';
import { encodePprof } from '../../../test/fixtures/synthetic-pprof';
import { prng } from '../../../test/fixtures/prng';
import { checkProfile } from '../../profile/invariants';
import type { Profile } from '../../profile/model';
import { DEFAULT_IMPORT_LIMITS } from '../limits';
import { importPprof } from './pprof';
import { importPprofStream, type PprofProgress } from './stream';

const limits = { ...DEFAULT_IMPORT_LIMITS };
const files = pprofFiles();
const BIG = 1_000_000;

/** Yields `bytes` in chunks of the sizes `sizes` cycles through, each copied into one reused buffer. */
function chunked(bytes: Uint8Array, sizes: () => number): () => AsyncIterable<Uint8Array> {
  return async function* () {
    // One buffer for every chunk, overwritten after each: the reader must not keep chunks.
    const buffer = new Uint8Array(64 * 1024);
    for (let pos = 0; pos < bytes.length;) {
      const size = Math.min(sizes(), bytes.length - pos, buffer.length);
      buffer.set(bytes.subarray(pos, pos + size));
      yield buffer.subarray(0, size);
      buffer.fill(0xee, 0, size);
      pos += size;
    }
  };
}

/** Deterministic sizes 1..max, so a failure can be replayed. */
function randomSizes(seed: number, max: number): () => number {
  const next = prng(seed);
  return () => 1 + (Math.floor(next() * 2 ** 32) % max);
}

/** Deep equality that loops over the big columns instead of handing millions of elements to toEqual. */
function expectSameProfile(actual: Profile, expected: Profile): void {
  const columns = (p: Profile): [string, ArrayLike<number>][] => [
    ...Object.entries(p.functions).map(([k, v]): [string, ArrayLike<number>] => [`functions.${k}`, v]),
    ...Object.entries(p.frames).map(([k, v]): [string, ArrayLike<number>] => [`frames.${k}`, v]),
    ['stacks.frame', p.stacks.frame],
    ['stacks.parent', p.stacks.parent],
    ['samples.stack', p.samples.stack],
    ...p.samples.values.map((v, t): [string, ArrayLike<number>] => [`samples.values[${t}]`, v]),
    ...Object.entries(p.labels).map(([k, v]): [string, ArrayLike<number>] => [`labels.${k}`, v]),
  ];
  const theirs = new Map(columns(expected));
  for (const [name, column] of columns(actual)) {
    const other = theirs.get(name) as ArrayLike<number>;
    let firstDifference = column.length === other.length ? -1 : Math.min(column.length, other.length);
    for (let i = 0; i < column.length && firstDifference < 0; i++) if (column[i] !== other[i]) firstDifference = i;
    expect(firstDifference, `${name}: first difference at`).toBe(-1);
  }
  const rest = (p: Profile) => ({ ...p, functions: 0, frames: 0, stacks: 0, samples: p.samples.timeNs, labels: 0 });
  expect(rest(actual)).toEqual(rest(expected));
}

describe('the pprof reader agrees with pprof-format', () => {
  it('finds the pprof files of the fixtures and the corpus', () => {
    expect(files.filter((f) => !f.name.startsWith('corpus/')).length).toBeGreaterThanOrEqual(9);
    if (corpusPresent()) expect(files.filter((f) => f.name.startsWith('corpus/')).length).toBe(20);
  });

  it.each(files)('$name: same totals and (stack, labels) → value multiset', { timeout: 600_000 }, ({ path }) => {
    const bytes = uncompressedBytes(path);
    const profile = importPprof(bytes, limits);
    expect(checkProfile(profile)).toEqual([]);
    const names = new NameIds();
    const theirs = referenceRows(bytes, names);
    const mine = modelRows(profile, names);
    expect(mine.totals).toEqual(theirs.totals);
    expect(rowDifferences(mine, theirs)).toEqual([]);
    expect(mine.rows.size).toBe(theirs.rows.size);
    // One row per distinct (stack, labels): at most one per sample, at least one per distinct name path.
    expect(profile.samples.stack.length).toBeLessThanOrEqual(referenceSampleCount(bytes));
    expect(profile.samples.stack.length).toBeGreaterThanOrEqual(theirs.rows.size);
  });
});

describe('streaming gives the same profile as one chunk', () => {
  const small = files.filter((f) => uncompressedBytes(f.path).length < 64 * 1024);
  const cases = files.flatMap((file) => {
    const size = uncompressedBytes(file.path).length;
    const chunkings: [string, () => () => number][] = [
      ['4096-byte', () => () => 4096],
      ['random-size', () => randomSizes(size, size > BIG ? 256 * 1024 : 2000)],
    ];
    if (size < 64 * 1024) chunkings.push(['1-byte', () => () => 1], ['7-byte', () => () => 7]);
    return chunkings.map(([chunking, sizes]) => ({ name: file.name, path: file.path, chunking, sizes }));
  });

  it('covers 1- and 7-byte chunks on the small files', () => {
    expect(small.length).toBeGreaterThanOrEqual(9);
  });

  it.each(cases)('$name in $chunking chunks', { timeout: 600_000 }, async ({ path, sizes }) => {
    const bytes = uncompressedBytes(path);
    const whole = importPprof(bytes, limits);
    const streamed = await importPprofStream(chunked(bytes, sizes()), { limits });
    expectSameProfile(streamed, whole);
  });

  it('reports progress per pass and ends with the totals', async () => {
    const bytes = uncompressedBytes(files.find((f) => f.name === 'pprof/cpu_1.pb.gz')?.path as string);
    const reports: PprofProgress[] = [];
    await importPprofStream(
      chunked(bytes, () => 1000),
      { limits, onProgress: (p) => reports.push({ ...p }) },
    );
    const sampleCount = referenceSampleCount(bytes);
    // Under 4 MB: one report at the end of each pass.
    expect(reports).toEqual([
      { pass: 1, bytes: bytes.length, samples: sampleCount, totalBytes: null, totalSamples: null },
      { pass: 2, bytes: bytes.length, samples: sampleCount, totalBytes: bytes.length, totalSamples: sampleCount },
    ]);
  });
});

/** Sample messages in the file (top-level field 2), counted without any pprof decoder. */
function referenceSampleCount(bytes: Uint8Array): number {
  return topLevelFields(bytes).filter(([field]) => field === 2).length;
}

describe('aggregated rows', () => {
  const base = {
    sampleTypes: [
      ['samples', 'count'],
      ['cpu', 'nanoseconds'],
    ] as [string, string][],
    functions: ['main', 'work', 'other'],
    locations: [{ lines: [1] }, { lines: [2] }, { lines: [3] }],
  };

  it('sums samples with the same stack and labels, keeps different label sets apart', () => {
    const bytes = encodePprof({
      ...base,
      samples: [
        { locations: [2, 1], values: [1, 10], labels: [{ key: 'tenant', str: 'a' }] },
        { locations: [2, 1], values: [2, 20], labels: [{ key: 'tenant', str: 'b' }] },
        { locations: [2, 1], values: [4, 40], labels: [{ key: 'tenant', str: 'a' }] },
        { locations: [2, 1], values: [8, 80] },
        { locations: [3, 1], values: [16, 160] },
        { locations: [2, 1], values: [32, 320] },
        // The same two labels in the other order are the same set.
        {
          locations: [2, 1],
          values: [64, 640],
          labels: [
            { key: 'size', num: 48, unit: 'bytes' },
            { key: 'tenant', str: 'a' },
          ],
        },
        {
          locations: [2, 1],
          values: [128, 1280],
          labels: [
            { key: 'tenant', str: 'a' },
            { key: 'size', num: 48, unit: 'bytes' },
          ],
        },
        // A different number is a different set.
        { locations: [2, 1], values: [256, 2560], labels: [{ key: 'size', num: 64, unit: 'bytes' }] },
      ],
    });
    const p = importPprof(bytes, limits);
    expect(checkProfile(p)).toEqual([]);
    const rows = Array.from(p.samples.stack).map((_, row) => {
      const labels = p.labels.sample
        .map((sample, i) => ({ sample, i }))
        .filter(({ sample }) => sample === row)
        .map(({ i }) => {
          const key = p.strings[p.labels.key[i] as number];
          const str = p.labels.str[i] as number;
          return str !== 0
            ? `${key}=${p.strings[str]}`
            : `${key}=${p.labels.num[i]}${p.strings[p.labels.unit[i] as number]}`;
        })
        .sort();
      const names: string[] = [];
      for (let s = p.samples.stack[row] as number; s >= 0; s = p.stacks.parent[s] as number) {
        names.unshift(
          p.strings[p.functions.name[p.frames.func[p.stacks.frame[s] as number] as number] as number] as string,
        );
      }
      return { stack: names.join(';'), labels, values: p.samples.values.map((c) => c[row]) };
    });
    // Rows in the order of their first sample.
    expect(rows).toEqual([
      { stack: 'main;work', labels: ['tenant=a'], values: [5, 50] },
      { stack: 'main;work', labels: ['tenant=b'], values: [2, 20] },
      { stack: 'main;work', labels: [], values: [40, 400] },
      { stack: 'main;other', labels: [], values: [16, 160] },
      { stack: 'main;work', labels: ['size=48bytes', 'tenant=a'], values: [192, 1920] },
      { stack: 'main;work', labels: ['size=64bytes'], values: [256, 2560] },
    ]);
  });
});
