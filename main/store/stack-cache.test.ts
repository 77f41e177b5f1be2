/**
 * The packed stack cache must give mergedStacks exactly what the query over
 * stack_values gives (same stacks, order, totals and functions), for every
 * sample type, by function and by line, also for an item whose stacks were
 * partly stored before it, and for items of formats with labels and times.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WeightedStacks } from '../../shared/query/weighted-stacks';
import { parseFileBytes } from '../ingest/parse-bytes';
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

function plain(stacks: WeightedStacks) {
  return {
    offsets: [...stacks.offsets],
    funcs: [...stacks.funcs],
    value: [...stacks.value],
    names: stacks.functionNames,
    files: stacks.functionFiles,
    lines: stacks.functionLines,
  };
}

describe('stack cache', () => {
  it('gives the same merged stacks as the stack_values query, for every item and sample type', () => {
    const store = new ProfileStore(':memory:');
    // allocs after heap_1: the same program, so many of its stacks are stored already and keep their earlier ids.
    for (const file of FILES) {
      const parsed = parseFileBytes(readFileSync(join(FIXTURES, file)), file);
      store.addFile({ name: file, source: file, contentHash: file, byteSize: 1, format: parsed.format }, parsed.items);
    }
    const types = store.db
      .prepare('SELECT profile, position, sample_type FROM profile_sample_types ORDER BY profile, position')
      .all() as { profile: number; position: number; sample_type: number }[];
    expect(types.length).toBeGreaterThanOrEqual(FILES.length);
    const cachedRows = store.db.prepare('SELECT COUNT(*) FROM stack_cache').pluck().get();
    expect(cachedRows).toBe(types.length);

    const read = (byLine: boolean) =>
      types.map((t) => plain(store.mergedStacks([t.profile], t.sample_type, byLine ? { byLine } : {})));
    const fromCache = [read(false), read(true)];
    store.db.exec('DELETE FROM stack_cache; DELETE FROM stack_cache_frames;');
    const fromQuery = [read(false), read(true)];
    expect(Math.max(...fromCache[0]!.map((s) => s.value.length))).toBeGreaterThan(100);
    expect(fromCache).toEqual(fromQuery);
  });
});
