/**
 * The timeline and annotation services over a real SQLite file: captures imported by the ingest path (synthetic
 * pprofs whose main mapping carries a build id, and a GC log without a service or build id), markers derived from
 * them, annotations added, edited, deleted and imported, and all of it persisted across a reopen of the store.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveImportLimits } from '../../shared/import/limits';
import { NO_SERVICE, type TimelineService } from '../../shared/ipc/contract';
import { captureRows } from '../../shared/timeline/capture-columns';
import { ContractError } from '../../shared/ipc/validate';
import { FIXTURES_DIR } from '../../test/fixtures/load-fixture';
import { encodePprof } from '../../test/fixtures/synthetic-pprof';
import { ingestFile } from '../ingest/ingest-file';
import { ProfileStore } from '../store/profile-store';
import { annotationServices, timelineServices } from './timeline-services';
import { NotFoundError } from './not-found';

const quiet = { onProgress: () => {}, isCancelled: () => false };
const T0 = Date.UTC(2026, 10, 20, 10, 0, 0);

function pprof(binary: string, buildId: string, startMs: number): Uint8Array {
  return encodePprof({
    sampleTypes: [['cpu', 'nanoseconds']],
    functions: ['main.work'],
    locations: [{ lines: [1], mappingId: 1 }],
    mappings: [{ id: 1, filename: `/srv/${binary}`, buildId }],
    samples: [{ locations: [1], values: [10] }],
    timeNanos: BigInt(startMs) * 1_000_000n,
    durationNanos: 10_000_000_000n,
  });
}

describe('timeline and annotation services', () => {
  let dir: string;
  let path: string;
  let store: ProfileStore;
  let clock = 0;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-timeline-'));
    path = join(dir, 'kiln.db');
    store = new ProfileStore(path);
    clock = 5;
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ingest = async (name: string, bytes: Uint8Array): Promise<number> =>
    (
      await ingestFile(
        store,
        { name, source: `upload:${name}`, input: { kind: 'bytes', bytes } },
        resolveImportLimits(),
        quiet,
      )
    ).ids[0] as number;

  it('places captures in time order per service with the build-id marker, and groups items of no service', async () => {
    // Imported out of time order.
    const late = await ingest('late.pb', pprof('checkout', 'bbbbbbbbbbbbbbbbbbbb', T0 + 120_000));
    const early = await ingest('early.pb', pprof('checkout', 'aaaaaaaaaaaaaaaaaaaa', T0));
    const mid = await ingest('mid.pb', pprof('checkout', 'aaaaaaaaaaaaaaaaaaaa', T0 + 60_000));
    const other = await ingest('cart.pb', pprof('cart', 'cccc', T0 + 1));
    const gc = await ingest(
      'gctrace.txt',
      new Uint8Array(readFileSync(join(FIXTURES_DIR, 'gc/go-gctrace/go119-gctrace.txt'))),
    );
    const { getTimeline } = timelineServices(store);
    const all = await getTimeline({});
    expect(all.services.map((s) => s.name)).toEqual(['cart', 'checkout', NO_SERVICE]);
    const checkout = all.services[1];
    const checkoutCaptures = checkout ? captureRows(checkout) : [];
    expect(checkoutCaptures.map((c) => [c.id, c.capturedAtMs])).toEqual([
      [early, T0],
      [mid, T0 + 60_000],
      [late, T0 + 120_000],
    ]);
    expect(checkoutCaptures[0]).toMatchObject({
      kind: 'cpu',
      durationNs: 10_000_000_000,
      labels: { build_id: 'aaaaaaaaaaaaaaaaaaaa' },
    });
    expect(checkout?.markers).toEqual([
      { atMs: T0 + 120_000, label: 'build id aaaaaaaa… → bbbbbbbb…', source: 'build-id' },
    ]);
    expect(all.services[0]?.captures.id).toEqual([other]);
    // Each distinct label set is sent once: the two captures of build aaaa share one.
    expect(checkout?.captures.labelSet).toEqual([0, 0, 1]);
    expect(checkout?.labelSets).toEqual([{ build_id: 'aaaaaaaaaaaaaaaaaaaa' }, { build_id: 'bbbbbbbbbbbbbbbbbbbb' }]);
    // A GC log uploaded without a modification time has no start: listed, unplaced, no markers.
    expect(all.services[2]?.name).toBe(NO_SERVICE);
    expect(all.services[2]?.markers).toEqual([]);
    expect(captureRows(all.services[2] as TimelineService)).toEqual([
      { id: gc, kind: 'gc-log', capturedAtMs: null, durationNs: expect.any(Number), labels: {} },
    ]);
    const one = await getTimeline({ service: 'checkout' });
    expect(one.services.map((s) => s.name)).toEqual(['checkout']);
    expect(one.services[0]).toEqual(checkout);
    expect((await getTimeline({ service: 'nobody' })).services).toEqual([]);
  });

  it('adds, edits and deletes user annotations, imports a file, and keeps them across a reopen', async () => {
    await ingest('a.pb', pprof('checkout', 'aa', T0));
    const notes = annotationServices(store, () => clock++);
    const added = await notes.addAnnotation({ service: 'checkout', atMs: T0 + 500, label: 'load test starts' });
    expect(added).toEqual({
      id: added.id,
      service: 'checkout',
      atMs: T0 + 500,
      label: 'load test starts',
      source: 'user',
      origin: null,
      createdAtMs: 5,
    });
    expect(await notes.updateAnnotation({ id: added.id, label: 'load test' })).toMatchObject({
      atMs: T0 + 500,
      label: 'load test',
    });
    await expect(notes.updateAnnotation({ id: 999, label: 'x' })).rejects.toThrow(NotFoundError);
    await expect(notes.addAnnotation({ service: 'checkout', atMs: T0, label: '  ' })).rejects.toThrow(
      'label must not be blank',
    );
    const csv =
      'time,label,service\n2026-11-20T10:00:01.250Z,"deploy v2, canary",\n2026-11-20T10:00:02Z,cart deploy,cart\n';
    expect(await notes.importAnnotations({ fileName: 'deploys.csv', text: csv, service: 'checkout' })).toEqual({
      imported: 2,
    });
    // A row naming no service with no --service: the whole file is refused, nothing written.
    await expect(notes.importAnnotations({ fileName: 'x.csv', text: '1000,a\n' })).rejects.toThrow(
      'x.csv: row 1 names no service and none was given (--service)',
    );
    await expect(notes.importAnnotations({ fileName: 'bad.csv', text: 'time,label\nnope,a\n' })).rejects.toThrow(
      ContractError,
    );
    const temp = await notes.addAnnotation({ service: 'checkout', atMs: T0, label: 'temp' });
    expect(await notes.deleteAnnotation({ id: temp.id })).toEqual({ deleted: true });
    expect(await notes.deleteAnnotation({ id: temp.id })).toEqual({ deleted: false });

    store.close();
    store = new ProfileStore(path);
    const timeline = await timelineServices(store).getTimeline({});
    expect(timeline.services.map((s) => [s.name, s.markers.map((m) => [m.atMs, m.label, m.source])])).toEqual([
      ['cart', [[T0 + 2000, 'cart deploy', 'file']]],
      [
        'checkout',
        [
          [T0 + 500, 'load test', 'user'],
          [T0 + 1250, 'deploy v2, canary', 'file'],
        ],
      ],
    ]);
    // A service with annotations and no capture still has its axis.
    expect(timeline.services[0]?.captures.id).toEqual([]);
    expect(timeline.services[1]?.markers[0]?.annotationId).toBe(added.id);
    // An imported annotation names its file (the UI's tooltip says "from deploys.csv"); a user's names none.
    expect(timeline.services[1]?.markers.map((m) => m.origin)).toEqual([undefined, 'deploys.csv']);
  });

  it('reads one service through the indexes', () => {
    const plan = (sql: string): string =>
      (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('checkout') as { detail: string }[])
        .map((r) => r.detail)
        .join('; ');
    expect(
      plan('SELECT id FROM items WHERE service = ? ORDER BY captured_at_ms IS NULL, captured_at_ms, id'),
    ).toContain('items_by_service');
    expect(plan('SELECT id FROM annotations WHERE service = ? ORDER BY at_ms, id')).toContain('annotations_by_service');
  });
});
