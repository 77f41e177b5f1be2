import { beforeEach, describe, expect, it } from 'vitest';
import type { FlameTree, TopFunctionRow } from '../../shared/ipc/contract';
import type { KilnBackend } from '../backend/KilnBackend';
import { useProfileDataStore } from './profileDataStore';
import { deferred, type Deferred } from '../../test/fixtures/deferred';

function tree(name: string): FlameTree {
  return { functionNames: [name] } as unknown as FlameTree;
}

describe('profile data store', () => {
  beforeEach(() => useProfileDataStore.setState({ key: null, flameTree: null, topFunctions: null, error: null }));

  it('sends the filters and drops answers for older filters', async () => {
    const trees: Deferred<FlameTree>[] = [];
    const asked: unknown[] = [];
    const backend = {
      getFlameTree: (args: unknown) => {
        asked.push(args);
        const answer = deferred<FlameTree>();
        trees.push(answer);
        return answer.promise;
      },
      getTopFunctions: (args: unknown) => {
        asked.push(args);
        return Promise.resolve({ total: 0, rows: [] as TopFunctionRow[] });
      },
    } as unknown as KilnBackend;
    const { load } = useProfileDataStore.getState();
    const first = load(backend, { selection: { items: [1, 2] }, sampleType: 0, treeFilters: '', topFilters: '' });
    const second = load(backend, {
      selection: { items: [1, 2] },
      sampleType: 0,
      treeFilters: 'focus:a;invert',
      topFilters: 'focus:a',
    });
    expect(asked).toEqual([
      { selection: { items: [1, 2] }, sampleType: 0 },
      { selection: { items: [1, 2] }, sampleType: 0, limit: 200 },
      { selection: { items: [1, 2] }, sampleType: 0, filters: 'focus:a;invert' },
      { selection: { items: [1, 2] }, sampleType: 0, limit: 200, filters: 'focus:a' },
    ]);
    trees[1]!.resolve(tree('new'));
    trees[0]!.resolve(tree('old'));
    await Promise.all([first, second]);
    expect(useProfileDataStore.getState().flameTree?.functionNames).toEqual(['new']);
  });
});
