/**
 * The function-path index (function-path-index.ts) over a real SQLite store of real Go CPU captures of one service:
 * several items merged through it hold the same call paths with the same values as the items' own stacks merged
 * in memory; a merge gives the same answer whatever merges ran before it on the connection; a write to the store
 * (another import) is seen; inside a transaction nothing is kept for later (store-version.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveImportLimits } from '../../shared/import/limits';
import { buildCallTree } from '../../shared/query/call-tree';
import { mergeStacks } from '../../shared/query/merge-stacks';
import type { WeightedStacks } from '../../shared/query/weighted-stacks';
import { ingestFile } from '../ingest/ingest-file';
import { ProfileStore } from './profile-store';
import { sampleTypeId } from './stack-queries';
import { storeVersion } from './store-version';

const GO_SERVICE = join(__dirname, '..', '..', '..', 'shared', 'corpus', 'generated', 'go-service');
const quiet = { onProgress: () => {}, isCancelled: () => false };

/** "fn;fn;… self total" per call-tree node: the merge as a flame view shows it. */
function callPaths(stacks: WeightedStacks): string[] {
  const tree = buildCallTree(stacks, { type: 'cpu', unit: 'nanoseconds' });
  const path: string[] = [];
  return tree.func.map((f, n) => {
    path[tree.depth[n] as number] =
      f < 0 ? '(root)' : `${tree.functionNames[f]}@${tree.functionFiles[f]}:${tree.functionLines[f]}`;
    return `${path.slice(0, (tree.depth[n] as number) + 1).join(';')} ${tree.self[n]} ${tree.total[n]}`;
  });
}

describe('the function-path index', () => {
  let dir: string;
  let store: ProfileStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-function-paths-'));
    store = new ProfileStore(join(dir, 'kiln.db'));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const ingest = async (n: number): Promise<number> => {
    const name = `cpu_${n}.pb.gz`;
    const bytes = new Uint8Array(readFileSync(join(GO_SERVICE, name)));
    const input = { name, source: `upload:${name}`, input: { kind: 'bytes' as const, bytes }, tags: { service: 'go' } };
    return (await ingestFile(store, input, resolveImportLimits(), quiet)).ids[0] as number;
  };
  const cpuType = (id: number): number => {
    const position = store.getProfile(id)?.sampleTypes.findIndex((t) => t.type === 'cpu') ?? -1;
    return sampleTypeId(store.db, id, position) as number;
  };
  /** The items' own stacks (each read alone, from its stack cache), merged in memory. */
  const mergedInMemory = (ids: number[], type: number): WeightedStacks =>
    mergeStacks(ids.map((id) => ({ stacks: store.mergedStacks([id], type), factor: 1 })));

  it('merges several items into the call paths and values of their own stacks', async () => {
    const ids = [];
    for (const n of [1, 2, 3, 4, 5, 6]) ids.push(await ingest(n));
    const type = cpuType(ids[0] as number);
    const merged = store.mergedStacks(ids, type);
    const expected = callPaths(mergedInMemory(ids, type));
    expect(callPaths(merged)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(100);
    // A prefix tree: no two siblings share a function, and parents come first.
    const seen = new Set<string>();
    merged.parent.forEach((p, n) => {
      expect(p).toBeLessThan(n);
      const key = `${p}:${merged.func[n]}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    });
    // Only functions the merge uses, each once, in their names' columns.
    expect(new Set(merged.func).size).toBe(merged.functionNames.length);
  });

  it('gives a window the same answer whatever merges ran before it', async () => {
    const ids = [];
    for (const n of [1, 2, 3, 4, 5, 6]) ids.push(await ingest(n));
    const type = cpuType(ids[0] as number);
    const window = [ids[1] as number, ids[4] as number];
    store.mergedStacks(ids, type);
    store.mergedStacks([ids[5] as number, ids[0] as number], type);
    const afterOthers = store.mergedStacks(window, type);
    const fresh = new ProfileStore(join(dir, 'kiln.db'), undefined, 'read');
    try {
      expect(fresh.mergedStacks(window, type)).toEqual(afterOthers);
    } finally {
      fresh.close();
    }
  });

  it('sees what is written after it was built, and keeps nothing inside a transaction', async () => {
    const first = await ingest(1);
    const second = await ingest(2);
    const type = cpuType(first);
    const before = store.mergedStacks([first, second], type);
    const third = await ingest(3);
    const after = store.mergedStacks([first, second, third], type);
    expect(callPaths(after)).toEqual(callPaths(mergedInMemory([first, second, third], type)));
    expect(callPaths(before)).not.toEqual(callPaths(after));
    expect(storeVersion(store.db)).not.toBeNull();
    store.db.transaction(() => expect(storeVersion(store.db)).toBeNull())();
  });
});
