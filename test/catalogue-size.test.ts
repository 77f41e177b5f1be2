/**
 * Commands cost by what they show, not by the size of the store: `kiln top` of one item on a store of 20,000 items
 * looks that item up by id (it read the whole catalogue, 300 ms instead of 100 ms), through the same services and
 * command code the CLI runs, in-process so that process start does not blur the comparison.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { KilnServices } from '../shared/ipc/contract';
import { topCommand } from '../main/cli/top-command';
import type { Output } from '../main/cli/output';
import { createImporter } from '../main/ingest/import-files';
import { inlineRunner } from '../main/ingest/ingest-runner';
import { parseFileBytes } from '../main/ingest/parse-bytes';
import { createServices } from '../main/services/kiln-services';
import { ProfileStore } from '../main/store/profile-store';

const LARGE = 20_000;

interface Kiln {
  store: ProfileStore;
  services: KilnServices;
  /** The id of the item `top` is asked about: one of the first imported, far from the newest. */
  target: number;
}

/**
 * A store of `count` small items: one imported through the store's own addFile, the others copies of its rows
 * (files, items, sample types with totals, stack values) made in one transaction, as 20,000 imports would leave them
 * but in a second instead of minutes.
 */
function storeOf(path: string, count: number): Kiln {
  const store = new ProfileStore(path);
  const parsed = parseFileBytes(new TextEncoder().encode('main;work;leaf 3\nmain;idle 1\n'), 'stacks.txt');
  const origin = { name: 's.txt', source: '/tmp/s.txt', contentHash: 'h', byteSize: 30, format: parsed.format };
  const [target] = store.addFile(origin, parsed.items).ids as [number];
  const db = store.db;
  const columns = (table: string): string[] =>
    (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]).filter((c) => c !== 'id');
  const copy = (table: string, set: Record<string, string>, where: string): void => {
    const cols = columns(table);
    const values = cols.map((c) => set[c] ?? c);
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO ${table} (${cols.join(', ')}) SELECT ${values.join(', ')} FROM n, ${table} WHERE ${where}`,
    ).run(count - 1);
  };
  db.transaction(() => {
    copy('files', { content_hash: "content_hash || '-' || i", source: "source || '-' || i" }, 'id = 1');
    copy('items', { file: '1 + i' }, `id = ${target}`);
    const item = `${target} + i`;
    for (const table of ['item_sample_types', 'stack_values']) copy(table, { item }, `item = ${target}`);
  })();
  return { store, services: createServices(store, createImporter(store, inlineRunner(store))), target };
}

const quiet = (): Output & { text: string[] } => {
  const text: string[] = [];
  return { text, out: (line: string) => text.push(line), err: (line: string) => text.push(line) };
};

/** Median milliseconds of `runs` calls of `kiln top ID --json`, in-process; checks each call's answer. */
async function medianTopMs(kiln: Kiln, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const io = quiet();
    const start = performance.now();
    const code = await topCommand(kiln.services, String(kiln.target), { json: true }, io);
    times.push(performance.now() - start);
    expect(code, io.text.join('\n')).toBe(0);
    expect(JSON.parse(io.text[0] as string).map((r: { function: string }) => r.function)).toEqual([
      'leaf',
      'idle',
      'main',
      'work',
    ]);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)] as number;
}

describe('kiln top on a store of 20,000 items', () => {
  let dir: string;
  let small: Kiln;
  let large: Kiln;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-catalogue-size-'));
    small = storeOf(join(dir, 'small.db'), 1);
    large = storeOf(join(dir, 'large.db'), LARGE);
  }, 120_000);
  afterAll(() => {
    small?.store.close();
    large?.store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds the items it was built with', async () => {
    expect(large.store.db.prepare('SELECT COUNT(*) FROM items').pluck().get()).toBe(LARGE);
  });

  it('never lists the catalogue to show one item (or a service’s items)', async () => {
    const listItems = vi.spyOn(large.store, 'listItems');
    try {
      const io = quiet();
      expect(await topCommand(large.services, String(large.target), { json: true }, io), io.text.join('\n')).toBe(0);
      const missing = quiet();
      expect(await topCommand(large.services, '999999', { json: true }, missing)).toBe(1);
      expect(missing.text).toEqual(['error: no item with id 999999 (see kiln ls)']);
      const chosen = await large.services.listItems({ selection: { items: [large.target, 999999, large.target + 1] } });
      expect(chosen.map((item) => item.id)).toEqual([large.target, large.target + 1]);
      expect(chosen[0]?.totals).toEqual([4]);
      await large.services.listItems({ selection: { service: 'none', window: { startMs: 0, endMs: 1e15 } } });
      expect(listItems).not.toHaveBeenCalled();
    } finally {
      listItems.mockRestore();
    }
  });

  it('answers one item as fast as on a store of one item', async () => {
    await medianTopMs(small, 3);
    await medianTopMs(large, 3);
    const smallMs = await medianTopMs(small, 9);
    const largeMs = await medianTopMs(large, 9);
    // Reading the whole catalogue made the large store's call many times slower (tens of ms more); by id it is not.
    expect(largeMs).toBeLessThan(2 * smallMs + 5);
  });
});
