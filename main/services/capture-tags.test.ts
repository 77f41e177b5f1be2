/**
 * setCaptureTags over the services, on a real SQLite store: renaming captures moves them to the new service for
 * listItems by service and service selections (items_by_service); labels are set, overridden and removed; an unknown
 * id is NotFoundError and writes nothing. Imports run the real importer (inline runner) on fixture files.
 */
import { serviceSelection } from '../../shared/capture/selection';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KilnServices } from '../../shared/ipc/contract';
import { FIXTURES_DIR } from '../../test/fixtures/load-fixture';
import { createImporter } from '../ingest/import-files';
import { inlineRunner } from '../ingest/ingest-runner';
import { ProfileStore } from '../store/profile-store';
import { createServices, NotFoundError } from './kiln-services';

const CPU = join(FIXTURES_DIR, 'pprof/cpu_1.pb.gz');
const HEAP = join(FIXTURES_DIR, 'pprof/heap_1.pb.gz');
const JFR = join(FIXTURES_DIR, 'jfr/java-churn.jfr');
const WINDOW = { startMs: 0, endMs: 253_402_300_799_999 };

describe('setCaptureTags', () => {
  let dir: string;
  let store: ProfileStore;
  let services: KilnServices;
  let cpu: number;
  let heap: number;
  let jfr: number[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-capture-tags-'));
    store = new ProfileStore(join(dir, 'kiln.db'));
    services = createServices(store, createImporter(store, inlineRunner(store)));
    const report = await services.importPaths({ paths: [CPU, HEAP, JFR] });
    expect(report.errors).toEqual([]);
    const ids = (file: string): number[] => report.imported.filter((i) => i.file === file).map((i) => i.id);
    [cpu = -1] = ids(CPU);
    [heap = -1] = ids(HEAP);
    jfr = ids(JFR);
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const namesOf = async (service: string): Promise<number[]> =>
    (await services.listItems({ selection: serviceSelection(service) })).map((i) => i.id).sort((a, b) => a - b);

  it('renames captures: listItems by service and service selections find them under the new name', async () => {
    expect(await namesOf('leakysvc')).toEqual([cpu, heap].sort((a, b) => a - b));
    const result = await services.setCaptureTags({ itemIds: [heap, cpu], service: 'checkout' });
    expect(result.map((i) => [i.id, i.service])).toEqual([
      [heap, 'checkout'],
      [cpu, 'checkout'],
    ]);
    expect(await namesOf('leakysvc')).toEqual([]);
    expect(await namesOf('checkout')).toEqual([cpu, heap].sort((a, b) => a - b));
    const selected = await services.listItems({ selection: { service: 'checkout', window: WINDOW, kind: 'cpu' } });
    expect(selected.map((i) => i.id)).toEqual([cpu]);
    // The whole catalogue reads the same values.
    const all = await services.listItems({});
    expect(all.find((i) => i.id === heap)?.service).toBe('checkout');
    expect(all.find((i) => i.id === jfr[0])?.service).toBe('Churn');
  });

  it('sets, overrides and removes labels, keeping the others', async () => {
    const [first = -1, second = -1] = jfr;
    await services.setCaptureTags({ itemIds: [first, second], labels: { version: 'v2', pid: '1' } });
    const [a, b] = await services.listItems({ selection: { items: [first, second] } });
    for (const item of [a, b]) {
      expect(item?.labels).toEqual({
        'java.command': 'Churn 10 1',
        'jvm.name': 'OpenJDK 64-Bit Server VM',
        'jvm.version': '17.0.15+6-Debian-1deb12u1',
        pid: '1',
        version: 'v2',
      });
      expect(item?.service).toBe('Churn');
    }
    const [removed] = await services.setCaptureTags({ itemIds: [first], labels: { pid: '', 'jvm.name': '' } });
    expect(removed?.labels).toEqual({
      'java.command': 'Churn 10 1',
      'jvm.version': '17.0.15+6-Debian-1deb12u1',
      version: 'v2',
    });
    // The other item is untouched.
    expect((await services.listItems({ selection: { items: [second] } }))[0]?.labels['pid']).toBe('1');
  });

  it('refuses an unknown id with NotFoundError and writes nothing', async () => {
    const missing = Math.max(cpu, heap, ...jfr) + 100;
    const call = services.setCaptureTags({ itemIds: [cpu, missing], service: 'renamed', labels: { a: 'b' } });
    await expect(call).rejects.toThrow(NotFoundError);
    await expect(services.setCaptureTags({ itemIds: [missing], service: 'renamed' })).rejects.toThrow(
      `no item with id ${missing}`,
    );
    expect(await namesOf('renamed')).toEqual([]);
    const [item] = await services.listItems({ selection: { items: [cpu] } });
    expect(item?.service).toBe('leakysvc');
    expect(item?.labels).toEqual({});
  });

  it('imports with tags carry them to every item; a duplicate keeps the first', async () => {
    const GC = join(FIXTURES_DIR, 'gc/go-gctrace/go119-gctrace.txt');
    const first = await services.importPaths({ paths: [GC], tags: { service: 'api', labels: { region: 'eu' } } });
    const again = await services.importPaths({ paths: [GC], tags: { service: 'other', labels: { region: 'us' } } });
    expect(again.imported[0]?.duplicate).toBe(true);
    expect(again.imported[0]?.id).toBe(first.imported[0]?.id);
    const items = await services.listItems({ selection: serviceSelection('api') });
    expect(items.map((i) => [i.kind, i.service, i.labels])).toEqual([['gc-log', 'api', { region: 'eu' }]]);
    expect(await namesOf('other')).toEqual([]);
  });
});
