/**
 * ProfileStore.serviceItems keeps its last answer until the store changes: a write on the same connection
 * (total_changes) and a commit on another one (data_version, as a query worker sees the ingest worker's) both
 * show in the next answer, and callers get their own copy of the list.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveImportLimits } from '../../shared/import/limits';
import { encodePprof } from '../../test/fixtures/synthetic-pprof';
import { ingestFile } from '../ingest/ingest-file';
import { ProfileStore } from './profile-store';

const quiet = { onProgress: () => {}, isCancelled: () => false };

function cpuProfile(leaf: string, timeNanos: number): Uint8Array {
  return encodePprof({
    sampleTypes: [['cpu', 'nanoseconds']],
    functions: ['main', leaf],
    locations: [{ lines: [1] }, { lines: [2] }],
    samples: [{ locations: [2, 1], values: [10] }],
    timeNanos,
  });
}

describe('serviceItems kept until the store changes', () => {
  let dir: string;
  let writer: ProfileStore;
  let reader: ProfileStore | null = null;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-service-items-'));
    writer = new ProfileStore(join(dir, 'kiln.db'));
  });
  afterEach(() => {
    reader?.close();
    reader = null;
    writer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ingest = async (name: string, bytes: Uint8Array): Promise<number> => {
    const task = {
      name,
      source: `upload:${name}`,
      input: { kind: 'bytes' as const, bytes },
      tags: { service: 'checkout' },
    };
    const { ids } = await ingestFile(writer, task, resolveImportLimits(), quiet);
    return ids[0] as number;
  };

  it('sees writes on its own connection and commits on another', async () => {
    const first = await ingest('a.pb', cpuProfile('work', 1e18));
    reader = new ProfileStore(join(dir, 'kiln.db'), undefined, 'read');
    expect(writer.serviceItems('checkout').map((i) => i.id)).toEqual([first]);
    expect(reader.serviceItems('checkout').map((i) => i.id)).toEqual([first]);

    const second = await ingest('b.pb', cpuProfile('idle', 2e18));
    expect(writer.serviceItems('checkout').map((i) => i.id)).toEqual([second, first]);
    // The reader's answer was kept; the writer's commit moves its data_version.
    expect(reader.serviceItems('checkout').map((i) => i.id)).toEqual([second, first]);

    writer.setCaptureTags([second], { service: 'billing', labels: { version: 'v2' } });
    expect(writer.serviceItems('checkout').map((i) => i.id)).toEqual([first]);
    expect(reader.serviceItems('checkout').map((i) => i.id)).toEqual([first]);
    expect(reader.serviceItems('billing')).toMatchObject([{ id: second, labels: { version: 'v2' } }]);
  });

  it('gives each caller its own list', async () => {
    const id = await ingest('a.pb', cpuProfile('work', 1e18));
    const list = writer.serviceItems('checkout');
    list.length = 0;
    expect(writer.serviceItems('checkout').map((i) => i.id)).toEqual([id]);
  });

  it('shares frozen items, so no caller can change what the next one reads', async () => {
    await ingest('a.pb', cpuProfile('work', 1e18));
    const [item] = writer.serviceItems('checkout');
    expect(Object.isFrozen(item)).toBe(true);
    expect(Object.isFrozen(item!.labels)).toBe(true);
    expect(Object.isFrozen(item!.sampleTypes)).toBe(true);
    expect(() => {
      (item as { name: string }).name = 'changed';
    }).toThrow(TypeError);
    expect(() => {
      (item!.labels as Record<string, string>).version = 'v9';
    }).toThrow(TypeError);
    const [again] = writer.serviceItems('checkout');
    expect(again!.name).toBe(item!.name);
    expect(again!.labels).not.toHaveProperty('version');
  });
});
