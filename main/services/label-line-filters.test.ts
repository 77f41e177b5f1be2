/**
 * The store-level filters through the services, on a real SQLite store and
 * real Go profiles: `label:` restricts to labelled samples and `lines` splits
 * functions by source line. Values are checked against what
 * `go tool pprof -tagfocus/-tagignore/-lines -top` printed for the same files
 * (test/fixtures/pprof-labels/expected.json, scripts/regen-pprof-labels-expected.sh).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlameTree, KilnServices, TopFunctionRow } from '../../shared/ipc/contract';
import { validateArgs } from '../../shared/ipc/validate';
import { labelKeyConditions, labelsMeet, type LabelFilter, type SampleLabel } from '../../shared/query/label-filter';
import { parseFilters } from '../../shared/query/filters';
import { encodePprof, type SyntheticPprof } from '../../test/fixtures/synthetic-pprof';
import { parseFileBytes } from '../ingest/parse-bytes';
import { createImporter } from '../ingest/import-files';
import { inlineRunner } from '../ingest/ingest-runner';
import { ProfileStore } from '../store/profile-store';
import { createServices, NotFoundError } from './kiln-services';

const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures');
const LABELLED = join(FIXTURES, 'pprof-labels', 'labelled-cpu.pb.gz');
const HEAP = join(FIXTURES, 'pprof', 'heap_1.pb.gz');
const UNLABELLED = join(FIXTURES, 'pprof', 'cpu_1.pb.gz');

interface PprofCase {
  fixture: string;
  sampleType: string;
  filter: string;
  command: string;
  total: number;
  top: { name: string; flat: number; cum: number }[];
}

const EXPECTED = JSON.parse(readFileSync(join(FIXTURES, 'pprof-labels', 'expected.json'), 'utf8')) as {
  cases: PprofCase[];
  note: string;
};
/** How many rows the regen script keeps per case: fewer means pprof printed them all. */
const RECORDED_ROWS = 30;

/** pprof -lines names a node "function file:line"; Kiln names it "function:line". */
function kilnName(pprofName: string, byLine: boolean): string {
  if (!byLine) return pprofName;
  const match = /^(\S+) \S+:(\d+)$/.exec(pprofName);
  if (!match) throw new Error(`not a pprof -lines node name: ${pprofName}`);
  return `${match[1]}:${match[2]}`;
}

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

/** The children of a flame tree node, by function name → total. */
function childTotals(tree: FlameTree, node: number): Map<string, number> {
  const totals = new Map<string, number>();
  for (let i = node + 1; i < tree.func.length && (tree.depth[i] as number) > (tree.depth[node] as number); i++) {
    if (tree.parent[i] === node)
      totals.set(tree.functionNames[tree.func[i] as number] as string, tree.total[i] as number);
  }
  return totals;
}

/**
 * A hand-made pprof: every sample its own function (so a top row's self is one sample's value) and its own
 * labels — strings, numbers with a unit, a key given twice, none.
 */
const HAND_MADE_LABELS: SampleLabel[][] = [
  [],
  [{ key: 'endpoint', str: '/a', num: null }],
  [{ key: 'endpoint', str: '/b', num: null }],
  [
    { key: 'endpoint', str: '/a', num: null },
    { key: 'worker', str: '1', num: null },
  ],
  [
    { key: 'endpoint', str: '/b', num: null },
    { key: 'worker', str: '2', num: null },
  ],
  [
    { key: 'endpoint', str: '/a', num: null },
    { key: 'endpoint', str: '/c', num: null },
  ],
  [{ key: 'bytes', str: null, num: 16 }],
  [{ key: 'bytes', str: null, num: 64 }],
  [
    { key: 'bytes', str: '16', num: null },
    { key: 'worker', str: '1', num: null },
  ],
  [{ key: 'worker', str: '/a', num: null }],
];

function handMadePprof(): Uint8Array {
  const spec: SyntheticPprof = {
    sampleTypes: [['samples', 'count']],
    functions: HAND_MADE_LABELS.map((_, i) => `sample${i}`),
    locations: HAND_MADE_LABELS.map((_, i) => ({ lines: [i + 1] })),
    samples: HAND_MADE_LABELS.map((labels, i) => ({
      locations: [i + 1],
      values: [2 ** i], // sums of distinct powers of two name the samples they add up
      labels: labels.map((l) =>
        l.str !== null ? { key: l.key, str: l.str } : { key: l.key, num: l.num ?? 0, unit: 'bytes' },
      ),
    })),
  };
  return encodePprof(spec);
}

describe('label and line filters over a real store', () => {
  let dir: string;
  let store: ProfileStore;
  let services: KilnServices;
  const ids: Record<string, number> = {};
  const sampleTypeIndex = (file: string, type: string): number => {
    const summary = store.getProfile(ids[file] as number);
    return summary?.sampleTypes.findIndex((t) => t.type === type) ?? -1;
  };
  const top = async (file: string, type: string, filters: string): Promise<TopFunctionRow[]> =>
    (
      await services.getTopFunctions(
        validateArgs('getTopFunctions', {
          selection: { items: [ids[file] as number] },
          sampleType: sampleTypeIndex(file, type),
          limit: 100_000,
          filters,
        }),
      )
    ).rows;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-labels-'));
    store = new ProfileStore(join(dir, 'kiln.db'));
    const importer = createImporter(store, inlineRunner(store));
    services = createServices(store, importer);
    const report = await importer.importPaths([LABELLED, HEAP, UNLABELLED]);
    const handMade = await importer.importInputs([{ name: 'hand-made.pb', source: 'test', bytes: handMadePprof() }]);
    expect([...report.errors, ...handMade.errors]).toEqual([]);
    for (const item of [...report.imported, ...handMade.imported]) ids[item.file.split('/').pop() as string] = item.id;
  });
  afterAll(() => {
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(EXPECTED.cases.map((c) => [`${c.fixture} ${c.sampleType} "${c.filter}"`, c] as const))(
    'top functions for %s equal go tool pprof -top',
    async (_, expected) => {
      const byLine = expected.filter.split(';').includes('lines');
      const rows = await top(expected.fixture, expected.sampleType, expected.filter);
      expect(sum(rows.map((r) => r.self))).toBe(expected.total);
      const byName = new Map(rows.map((r) => [r.function, r]));
      for (const row of expected.top) {
        const name = kilnName(row.name, byLine);
        expect({ name, self: byName.get(name)?.self, total: byName.get(name)?.total }).toEqual({
          name,
          self: row.flat,
          total: row.cum,
        });
      }
      // pprof printed every node: Kiln has exactly those.
      if (expected.top.length < RECORDED_ROWS) expect(rows).toHaveLength(expected.top.length);
      // Same order where the flat values are distinct (pprof breaks ties by its own node names).
      rows.slice(0, expected.top.length).forEach((row, i) => {
        const ties = expected.top.filter((t) => t.flat === row.self);
        if (ties.length === 1) expect(row.function).toBe(kilnName(expected.top[i]?.name ?? '', byLine));
      });
    },
  );

  it.each([
    ['label:endpoint=/a', [1, 3, 5]],
    ['label:endpoint=/c', [5]],
    ['label:endpoint=/a;label:endpoint=/b', [1, 2, 3, 4, 5]],
    ['label:endpoint=/a;label:worker=1', [3]],
    ['label:endpoint=/b;label:endpoint=/a;label:worker=2;label:worker=1', [3, 4]],
    ['label:worker=1', [3, 8]],
    ['label:bytes=16', [6, 8]], // the number 16, and the string "16"
    ['label:bytes=16.0', [6]],
    ['label:bytes=16;label:bytes=64', [6, 7, 8]],
    ['label:bytes=16B', []],
    ['label:worker=%2Fa', [9]],
    ['label:endpoint=/a;label:bytes=16', []],
    ['label:nokey=1', []],
  ] as const)('keeps exactly the hand-made samples whose labels meet %s', async (filters, samples) => {
    const rows = await top('hand-made.pb', 'samples', filters);
    expect(rows.map((r) => r.function).sort()).toEqual(samples.map((i) => `sample${i}`).sort());
    expect(sum(rows.map((r) => r.self))).toBe(sum(samples.map((i) => 2 ** i)));
    // The reference predicate of shared/query/label-filter.ts says the same.
    const labels = parseFilters(filters).flatMap((f): LabelFilter[] => (f.kind === 'label' ? [f] : []));
    const conditions = labelKeyConditions(labels);
    expect(HAND_MADE_LABELS.flatMap((set, i) => (labelsMeet(set, conditions) ? [i] : []))).toEqual(samples);
  });

  it('restricts every view: top-down and inverted trees, and the sandwich', async () => {
    const itemId = ids['labelled-cpu.pb.gz'] as number;
    const sampleType = sampleTypeIndex('labelled-cpu.pb.gz', 'cpu');
    const onlyA = EXPECTED.cases.find((c) => c.fixture === 'labelled-cpu.pb.gz' && c.filter === 'label:endpoint=/a');
    if (!onlyA) throw new Error('expected.json has no label:endpoint=/a case');
    const flat = (name: string): number => onlyA.top.find((r) => r.name === name)?.flat ?? 0;
    const cum = (name: string): number => onlyA.top.find((r) => r.name === name)?.cum ?? 0;

    const topDown = await services.getFlameTree({
      selection: { items: [itemId] },
      sampleType,
      filters: 'label:endpoint=/a',
    });
    expect(topDown.total[0]).toBe(onlyA.total);
    expect(childTotals(topDown, 0)).toEqual(new Map([['runtime.main', cum('runtime.main')]]));

    // Inverted: the root's children are the leaf functions, each with its flat value.
    const inverted = await services.getFlameTree({
      selection: { items: [itemId] },
      sampleType,
      filters: 'label:endpoint=/a;invert',
    });
    expect(inverted.total[0]).toBe(onlyA.total);
    const leaves = childTotals(inverted, 0);
    for (const name of ['main.twoLoops', 'main.burnAlpha', 'main.burnBeta']) expect(leaves.get(name)).toBe(flat(name));

    const { callers, callees } = await services.getSandwich({
      selection: { items: [itemId] },
      sampleType,
      functionName: 'main.twoLoops',
      filters: 'label:endpoint=/a',
    });
    expect(callers.total[0]).toBe(cum('main.twoLoops'));
    expect(callees.total[0]).toBe(cum('main.twoLoops'));
  });

  it('names line nodes function:line with that line, in every view', async () => {
    const itemId = ids['labelled-cpu.pb.gz'] as number;
    const sampleType = sampleTypeIndex('labelled-cpu.pb.gz', 'cpu');
    const lines = EXPECTED.cases.find((c) => c.fixture === 'labelled-cpu.pb.gz' && c.filter === 'lines');
    if (!lines) throw new Error('expected.json has no lines case');
    const tree = await services.getFlameTree({ selection: { items: [itemId] }, sampleType, filters: 'lines' });
    const twoLoops = tree.functionNames
      .map((name, f) => ({ name, line: tree.functionLines[f], file: tree.functionFiles[f] }))
      .filter((f) => f.name.startsWith('main.twoLoops:'));
    // Its hot lines, each a node of its own, with the line a "file:line" link shows.
    const pprofTwoLoops = lines.top.filter((r) => r.name.startsWith('main.twoLoops '));
    expect(twoLoops.map((f) => f.name).sort()).toEqual(pprofTwoLoops.map((r) => kilnName(r.name, true)).sort());
    for (const f of twoLoops) expect(f.line).toBe(Number(f.name.split(':').pop()));
    // go build -trimpath records the file as ./labelled.go; pprof prints it cleaned.
    expect(new Set(twoLoops.map((f) => f.file))).toEqual(new Set(['./labelled.go']));

    const line48 = lines.top.find((r) => r.name === 'main.twoLoops labelled.go:48');
    const sandwich = await services.getSandwich({
      selection: { items: [itemId] },
      sampleType,
      functionName: 'main.twoLoops:48',
      filters: 'lines',
    });
    expect(sandwich.callees.total[0]).toBe(line48?.cum);
    // Without `lines`, the same store answers by function again (the cache is keyed on the store filters).
    const byFunction = await services.getTopFunctions({ selection: { items: [itemId] }, sampleType, limit: 5 });
    expect(byFunction.rows[0]?.function).toBe('main.twoLoops');
  });

  it('lists the label keys and values of a profile, with how many stacks have each', async () => {
    const itemId = ids['labelled-cpu.pb.gz'] as number;
    const keys = await services.getLabelKeys(validateArgs('getLabelKeys', { selection: { items: [itemId] } }));
    expect(keys.map((k) => k.key)).toEqual(['endpoint', 'worker']);

    // Independently: the distinct stacks (root-first frame paths) of the parsed profile's samples per label value.
    const parsed = parseFileBytes(readFileSync(LABELLED), 'labelled-cpu.pb.gz').items[0];
    if (parsed?.type !== 'profile') throw new Error('not a profile');
    const { profile } = parsed;
    const stacksOf = new Map<string, Set<string>>();
    profile.labels.sample.forEach((sample, i) => {
      const key = `${profile.strings[profile.labels.key[i] as number]}=${profile.strings[profile.labels.str[i] as number]}`;
      const path: string[] = [];
      for (let s = profile.samples.stack[sample] as number; s >= 0; s = profile.stacks.parent[s] as number) {
        const frame = profile.stacks.frame[s] as number;
        path.push(`${profile.frames.func[frame]}:${profile.frames.line[frame]}:${profile.frames.inlined[frame]}`);
      }
      const set = stacksOf.get(key) ?? new Set();
      set.add(path.join(';'));
      stacksOf.set(key, set);
    });
    for (const { key, values } of keys) {
      expect(values.map((v) => v.value).sort()).toEqual(key === 'endpoint' ? ['/a', '/b'] : ['1', '2']);
      for (const { value, count } of values)
        expect(count, `${key}=${value}`).toBe(stacksOf.get(`${key}=${value}`)?.size);
      // The values on the most stacks come first.
      expect(values.map((v) => v.count)).toEqual([...values.map((v) => v.count)].sort((a, b) => b - a));
    }
  });

  it('counts a label value over a selection by the distinct stacks it is on, not once per item', async () => {
    const itemId = ids['labelled-cpu.pb.gz'] as number;
    // The same samples again as another item (other bytes' hash): it shares every stack with the first.
    const parsed = parseFileBytes(readFileSync(LABELLED), 'labelled-cpu.pb.gz');
    const [copyId] = store.addFile(
      { name: 'copy', source: 'copy', contentHash: 'labelled-copy', byteSize: 1, format: parsed.format },
      parsed.items,
    ).ids;
    const one = await services.getLabelKeys({ selection: { items: [itemId] } });
    const both = await services.getLabelKeys({ selection: { items: [itemId, copyId as number] } });
    expect(one.length).toBeGreaterThan(0);
    expect(both).toEqual(one);
  });

  it('offers numeric labels as numbers a label filter reads back, and nothing for unlabelled profiles', async () => {
    const heap = await services.getLabelKeys({ selection: { items: [ids['heap_1.pb.gz'] as number] } });
    expect(heap.map((k) => k.key)).toEqual(['bytes']);
    const values = heap[0]?.values.map((v) => v.value) ?? [];
    expect(values).toContain('16');
    expect(values.every((v) => /^\d+$/.test(v))).toBe(true);
    // Every offered value, used as a filter, keeps some samples.
    for (const value of values.slice(0, 5)) {
      const rows = await top('heap_1.pb.gz', 'alloc_space', `label:bytes=${value}`);
      expect(sum(rows.map((r) => r.total)), value).toBeGreaterThan(0);
    }
    expect(await services.getLabelKeys({ selection: { items: [ids['cpu_1.pb.gz'] as number] } })).toEqual([]);
    await expect(services.getLabelKeys({ selection: { items: [9999] } })).rejects.toBeInstanceOf(NotFoundError);
    expect(() => validateArgs('getLabelKeys', { selection: { items: [-1] } })).toThrow(/selection.items/);
    expect(() => validateArgs('getLabelKeys', { selection: { items: [1] }, key: 'x' })).toThrow(/unexpected argument/);
  });

  it('keeps nothing for a label no sample has, and rejects malformed label filters', async () => {
    expect(await top('labelled-cpu.pb.gz', 'cpu', 'label:endpoint=/nope')).toEqual([]);
    expect(await top('labelled-cpu.pb.gz', 'cpu', 'label:tenant=/a')).toEqual([]);
    expect(await top('cpu_1.pb.gz', 'cpu', 'label:endpoint=/a')).toEqual([]);
    expect(() =>
      validateArgs('getTopFunctions', { selection: { items: [1] }, sampleType: 0, limit: 5, filters: 'label:x' }),
    ).toThrow(/label:<key>=<value>/);
  });
});
