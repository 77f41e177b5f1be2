/**
 * A user's filter or search pattern answers in time linear in the function
 * names, through the services on a real store: `(a+)+$` against a name of 33
 * `a`s and a `!` took JavaScript's backtracking RegExp 39 s, during which
 * `kiln serve` answered nothing else (shared/query/user-pattern.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KilnServices, StacksArgs } from '../../shared/ipc/contract';
import { validateArgs } from '../../shared/ipc/validate';
import { createImporter } from '../ingest/import-files';
import { inlineRunner } from '../ingest/ingest-runner';
import { ProfileStore } from '../store/profile-store';
import { createServices } from './kiln-services';

const EVIL = 'a'.repeat(33) + '!'; // backtracks 2^33 ways under (a+)+$
const ALL_A = 'a'.repeat(40); // matches (a+)+$
const STACKS = `main;${EVIL};work 5\nmain;idle 3\nmain;${ALL_A} 2\n`;
const PATTERN = '(a+)+$';

/** What `f` resolved to, and how many milliseconds it took. */
async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await f();
  return { value, ms: performance.now() - start };
}

describe('a catastrophic-backtracking pattern through the services', () => {
  let dir: string;
  let store: ProfileStore;
  let services: KilnServices;
  let args: StacksArgs;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-redos-'));
    store = new ProfileStore(join(dir, 'kiln.db'));
    const importer = createImporter(store, inlineRunner(store));
    services = createServices(store, importer);
    const report = await importer.importInputs([
      { name: 'stacks.txt', source: 'test', bytes: new TextEncoder().encode(STACKS) },
    ]);
    expect(report.errors).toEqual([]);
    args = { selection: { items: [report.imported[0]?.id as number] }, sampleType: 0 };
  });
  afterAll(() => {
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('focuses the top functions on the names (a+)+$ matches, in under a second', async () => {
    const { value, ms } = await timed(() =>
      services.getTopFunctions(validateArgs('getTopFunctions', { ...args, limit: 100, filters: `focus:${PATTERN}` })),
    );
    expect(ms).toBeLessThan(1000);
    expect(value.total).toBe(10);
    expect(value.rows.map((r) => [r.function, r.self, r.total])).toEqual([[ALL_A, 2, 2]]);
  });

  it('focuses the flame tree the same way, in under a second', async () => {
    const { value, ms } = await timed(() =>
      services.getFlameTree(validateArgs('getFlameTree', { ...args, filters: `focus:${PATTERN}` })),
    );
    expect(ms).toBeLessThan(1000);
    // Node 0 is the synthetic root.
    const nodes = value.func.map((f, node) => [value.functionNames[f], value.total[node]]).slice(1);
    expect(nodes).toEqual([[ALL_A, 2]]);
  });

  it('hides and drops with it in under a second', async () => {
    for (const kind of ['hide', 'drop']) {
      const { value, ms } = await timed(() =>
        services.getTopFunctions(
          validateArgs('getTopFunctions', { ...args, limit: 100, filters: `${kind}:${PATTERN}` }),
        ),
      );
      expect(ms, kind).toBeLessThan(1000);
      expect(value.rows.map((r) => r.function).includes(ALL_A), kind).toBe(false);
      expect(value.rows.map((r) => r.function).includes('work'), kind).toBe(true);
    }
  });

  it('sums a search for it in under a second', async () => {
    const { value, ms } = await timed(() =>
      services.getSearchTotal(validateArgs('getSearchTotal', { ...args, query: PATTERN })),
    );
    expect(ms).toBeLessThan(1000);
    expect(value).toEqual({ matched: 2, selectionTotal: 10 });
  });
});
