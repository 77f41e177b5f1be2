/**
 * The packed stack cache must give mergedStacks what the query over
 * stack_values gives (the same stacks with the same values and functions),
 * for every sample type, by function and by line, also for an item whose
 * stacks were partly stored before it, for items of formats with labels and
 * times, and for a pprof written by the streamed path: every item has one.
 * Function totals counted while writing equal those computed from the cache.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IMPORT_LIMITS } from '../../shared/import/limits';
import type { WeightedStacks } from '../../shared/query/weighted-stacks';
import { parseFileBytes } from '../ingest/parse-bytes';
import { streamPprofToStore } from '../ingest/stream-pprof-to-store';
import { writeItemFunctionTotals } from './item-function-totals';
import { ProfileStore } from './profile-store';

const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures');
const FILES = [
  'pprof/heap_1.pb.gz',
  'pprof/allocs.pb.gz',
  'pprof/cpu_1.pb.gz',
  'pprof-labels/labelled-cpu.pb.gz',
  'cpuprofile/node-leaky.cpuprofile',
  'perf-script/fxprof__simple-perf.txt.gz',
];
/** Written again through the streamed pprof path, under another content hash. */
const STREAMED = 'pprof/heap_1.pb.gz';

/** Each stack as `f;g;h value` (root first; equal paths summed, zeros left out), sorted, plus the function table. */
function plain(stacks: WeightedStacks) {
  const paths: string[] = [];
  const sums = new Map<string, number>();
  stacks.parent.forEach((p, node) => {
    const f = stacks.func[node] as number;
    const name = `${stacks.functionNames[f]}@${stacks.functionFiles[f]}:${stacks.functionLines[f]}`;
    paths[node] = p < 0 ? name : `${paths[p]};${name}`;
    sums.set(paths[node] as string, (sums.get(paths[node] as string) ?? 0) + (stacks.value[node] as number));
  });
  return [...sums].filter(([, v]) => v !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

describe('stack cache', () => {
  it('gives the same merged stacks as the stack_values query, for every item and sample type', async () => {
    const store = new ProfileStore(':memory:');
    // allocs after heap_1: the same program, so many of its stacks are stored already and keep their earlier ids.
    for (const file of FILES) {
      const parsed = parseFileBytes(readFileSync(join(FIXTURES, file)), file);
      store.addFile({ name: file, source: file, contentHash: file, byteSize: 1, format: parsed.format }, parsed.items);
    }
    // The streaming reader takes the decompressed bytes (ingest-file.ts inflates as it streams).
    const bytes = gunzipSync(readFileSync(join(FIXTURES, STREAMED)));
    const {
      ids: [streamed],
    } = await streamPprofToStore(
      store,
      { name: 'streamed', source: 'streamed', contentHash: 'streamed', byteSize: bytes.length, format: 'pprof' },
      async function* () {
        yield bytes;
      },
      { limits: DEFAULT_IMPORT_LIMITS },
    );
    const types = store.db
      .prepare('SELECT item, position, sample_type FROM item_sample_types ORDER BY item, position')
      .all() as { item: number; position: number; sample_type: number }[];
    expect(types.length).toBeGreaterThanOrEqual(FILES.length);
    const items = store.db.prepare('SELECT id FROM items ORDER BY id').pluck().all();
    expect(store.db.prepare('SELECT DISTINCT item FROM stack_cache_nodes ORDER BY 1').pluck().all()).toEqual(items);
    expect(items).toContain(streamed);

    // Function totals for search, counted per sample while writing where the writer could (the streamed path),
    // are what the computation from the cache gives.
    const functionRows = (item: unknown) =>
      store.db
        .prepare('SELECT function, self, total FROM item_functions WHERE item = ? ORDER BY function')
        .raw()
        .all(item);
    for (const item of items) {
      const written = functionRows(item);
      store.db.prepare('DELETE FROM item_functions WHERE item = ?').run(item);
      store.db.prepare('DELETE FROM item_functions_indexed WHERE item = ?').run(item);
      writeItemFunctionTotals(store.db, item as number);
      expect(functionRows(item)).toEqual(written);
    }
    expect(functionRows(streamed).length).toBeGreaterThan(10);

    const read = (byLine: boolean) =>
      types.map((t) => plain(store.mergedStacks([t.item], t.sample_type, byLine ? { byLine } : {})));
    const fromCache = [read(false), read(true)];
    store.db.exec('DELETE FROM stack_cache_nodes');
    const fromQuery = [read(false), read(true)];
    expect(Math.max(...fromCache[0]!.map((s) => s.length))).toBeGreaterThan(100);
    expect(fromCache).toEqual(fromQuery);
    // The streamed copy of heap_1 holds what the in-memory path wrote for it.
    const first = types.filter((t) => t.item === items[0]);
    const copy = types.filter((t) => t.item === streamed);
    expect(copy.map((t) => fromQuery[0]![types.indexOf(t)])).toEqual(first.map((t) => fromQuery[0]![types.indexOf(t)]));
  });
});
