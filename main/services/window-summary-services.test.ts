/**
 * getWindowSummary and scale over a real SQLite store, with real captures: three Go heap profiles and two Go CPU
 * profiles of one service (heap first in the catalogue), and a V8 .cpuprofile cut by a window.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALL_TIME } from '../../shared/capture/selection';
import { resolveImportLimits } from '../../shared/import/limits';
import { ContractError } from '../../shared/ipc/validate';
import { FIXTURES_DIR } from '../../test/fixtures/load-fixture';
import { ingestFile } from '../ingest/ingest-file';
import { ProfileStore } from '../store/profile-store';
import { createQueryServices } from './kiln-services';
import { NotFoundError } from './not-found';

const GO_SERVICE = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'generated', 'go-service');
const quiet = { onProgress: () => {}, isCancelled: () => false };

describe('getWindowSummary over the store', () => {
  let dir: string;
  let store: ProfileStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-window-summary-'));
    store = new ProfileStore(join(dir, 'kiln.db'));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const ingest = async (path: string, service: string, modifiedAtMs?: number): Promise<number[]> => {
    const name = path.slice(path.lastIndexOf('/') + 1);
    const bytes = new Uint8Array(readFileSync(path));
    const input = {
      name,
      source: `upload:${name}`,
      input: { kind: 'bytes' as const, bytes },
      tags: { service },
      // A .cpuprofile states no wall-clock start: the file's time anchors it, as an upload's lastModified does.
      ...(modifiedAtMs === undefined ? {} : { modifiedAtMs }),
    };
    return (await ingestFile(store, input, resolveImportLimits(), quiet)).ids;
  };

  it('a service with heap and CPU captures reads CPU, sums it, and averages the heap', async () => {
    for (const n of [1, 2, 3]) await ingest(join(GO_SERVICE, `heap_${n}.pb.gz`), 'checkout');
    for (const n of [2, 3]) await ingest(join(GO_SERVICE, `cpu_${n}.pb.gz`), 'checkout');
    const services = createQueryServices(store);
    const selection = { service: 'checkout', window: ALL_TIME };
    const items = await services.listItems({ selection });
    const cpus = items.filter((item) => item.kind === 'cpu');
    const summary = await services.getWindowSummary({ selection });
    expect(summary).toMatchObject({
      service: 'checkout',
      kind: 'cpu',
      kinds: [
        { kind: 'cpu', captures: 2 },
        { kind: 'heap', captures: 3 },
      ],
      captures: 2,
      aggregation: 'sum',
      profiledNs: cpus.reduce((sum, item) => sum + (item.durationNs as number), 0),
    });
    expect(summary.startMs).toBe(Math.min(...cpus.map((item) => item.capturedAtMs as number)));
    const heapSelection = { ...selection, kind: 'heap' as const };
    // A window of one kind still counts every kind of its service over the span (the header's kind buttons).
    const heapSummary = await services.getWindowSummary({ selection: heapSelection });
    expect(heapSummary).toMatchObject({
      kind: 'heap',
      kinds: [
        { kind: 'cpu', captures: 2 },
        { kind: 'heap', captures: 3 },
      ],
      captures: 3,
      aggregation: 'mean',
      profiledNs: null,
    });
    expect(heapSummary.title).toMatch(/^checkout · Heap in use · 3 captures · /);
    // Gauge totals: the mean of the three heap profiles' inuse_space totals.
    const heaps = items.filter((item) => item.kind === 'heap');
    const at = heaps[0]?.sampleTypes.findIndex((t) => t.type === 'inuse_space') as number;
    const { total } = await services.getTopFunctions({ selection: heapSelection, sampleType: at, limit: 1 });
    expect(total * 3).toBeCloseTo(
      heaps.reduce((sum, item) => sum + (item.totals[at] as number), 0),
      3,
    );
    await expect(
      services.getTopFunctions({ selection: heapSelection, sampleType: at, limit: 1, scale: 'per-second' }),
    ).rejects.toBeInstanceOf(ContractError);
    await expect(services.getWindowSummary({ selection: { items: [999] } })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('a window cut inside a .cpuprofile: one capture, its span and profiled time clipped to the window', async () => {
    const [id] = await ingest(
      join(FIXTURES_DIR, 'cpuprofile', 'node-leaky.cpuprofile'),
      'web',
      Date.UTC(2026, 10, 20, 10, 0, 0),
    );
    const services = createQueryServices(store);
    const [item] = await services.listItems({ selection: { items: [id as number] } });
    const start = item?.capturedAtMs as number;
    const window = { startMs: start + 100, endMs: start + 350 };
    const summary = await services.getWindowSummary({ selection: { items: [id as number], window } });
    expect(summary).toMatchObject({
      service: 'web',
      kind: 'cpu',
      captures: 1,
      startMs: window.startMs,
      endMs: window.endMs,
      profiledNs: 250e6,
    });
    expect(summary.title).toMatch(/^web · CPU · 1 capture · .* UTC · 250 ms profiled$/);
    // Per second: the window's samples ÷ 0.25 s.
    const samples = item?.sampleTypes.findIndex((t) => t.type === 'samples') as number;
    const args = { selection: { items: [id as number], window }, sampleType: samples, limit: 1 };
    const sum = (await services.getTopFunctions(args)).total;
    expect(sum).toBeGreaterThan(0);
    expect((await services.getTopFunctions({ ...args, scale: 'per-second' })).total).toBeCloseTo(sum / 0.25, 6);
  });
});
