/**
 * The shares a flame view prints, through the services on a real Go CPU profile (test/fixtures/pprof/cpu_1.pb.gz):
 * the legend's per-function self stays the value of samples taken in each function when the tree is inverted
 * (it used to count the inverted tree's leaves, i.e. callers), and every share is of the selection's total
 * before filters, which a focus filter does not shrink (docs/PERCENTAGES.md).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlameView, KilnServices } from '../../shared/ipc/contract';
import { createImporter } from '../ingest/import-files';
import { inlineRunner } from '../ingest/ingest-runner';
import { ProfileStore } from '../store/profile-store';
import { createServices } from './kiln-services';

const FIXTURE = join(__dirname, '..', '..', 'test', 'fixtures', 'pprof', 'cpu_1.pb.gz');

/** Function name → value, for the functions with a non-zero value. */
function byName(tree: FlameView, values: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  values.forEach((v, f) => {
    if (v !== 0) out[tree.functionNames[f] as string] = v;
  });
  return out;
}

describe('flame view shares (inline importer, real SQLite store)', () => {
  let dir: string;
  let store: ProfileStore;
  let services: KilnServices;
  let view: { selection: { items: number[] }; sampleType: number };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-flame-shares-'));
    store = new ProfileStore(join(dir, 'kiln.db'));
    services = createServices(store, createImporter(store, inlineRunner(store)));
    const item = (await services.importPaths({ paths: [FIXTURE] })).imported[0];
    if (!item) throw new Error('cpu_1.pb.gz did not import');
    view = { selection: { items: [item.id] }, sampleType: item.sampleTypes.findIndex((t) => t.type === 'cpu') };
  });
  afterAll(() => {
    store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps self on the function a sample was taken in when the view is inverted', async () => {
    const top = await services.getTopFunctions({ ...view, limit: 100_000 });
    const flat = Object.fromEntries(top.rows.filter((r) => r.self !== 0).map((r) => [r.function, r.self]));
    const inverted = await services.getFlameTree({ ...view, filters: 'invert' });
    expect(byName(inverted, inverted.shares.functionSelf)).toEqual(flat);
    // The drawn inverted tree's leaves are the outermost callers: summing them is what the legend used to do.
    const leaves: Record<string, number> = {};
    inverted.func.forEach((f, node) => {
      const self = inverted.self[node] as number;
      if (node > 0 && self !== 0)
        leaves[inverted.functionNames[f] as string] = (leaves[inverted.functionNames[f] as string] ?? 0) + self;
    });
    expect(leaves).not.toEqual(flat);
  });

  it('divides by the selection’s total under a filter, not by what the filter left', async () => {
    const whole = await services.getFlameTree(view);
    const focused = await services.getFlameTree({ ...view, filters: 'focus:main%5C.price' });
    expect(focused.total[0]).toBeGreaterThan(0);
    expect(focused.total[0]).toBeLessThan(whole.total[0] as number);
    expect(focused.shares.selectionTotal).toBe(whole.total[0]);
    const search = await services.getSearchTotal({ ...view, filters: 'focus:main%5C.price', query: 'main.price' });
    expect(search).toEqual({ matched: focused.total[0], selectionTotal: whole.total[0] });
  });
});
