import { beforeEach, describe, expect, it } from 'vitest';
import type { HeapRetainers } from '../../shared/ipc/contract';
import type { KilnBackend } from '../backend/KilnBackend';
import { deferred, type Deferred } from '../../test/fixtures/deferred';
import { RETAINER_PATHS_LIMIT, useHeapRetainersStore } from './heapRetainersStore';

describe('useHeapRetainersStore', () => {
  beforeEach(() => useHeapRetainersStore.setState({ itemId: null, className: null, retainers: null, error: null }));

  it('shows the paths of the last class chosen, whatever order the answers come in', async () => {
    const answers = new Map<string, Deferred<HeapRetainers>>();
    const asked: unknown[] = [];
    const backend = {
      getHeapRetainers: (args: { itemId: number; className: string; maxPaths: number }) => {
        asked.push(args);
        const answer = deferred<HeapRetainers>();
        answers.set(`${args.itemId}:${args.className}`, answer);
        return answer.promise;
      },
    } as unknown as KilnBackend;
    const answer = (key: string): Deferred<HeapRetainers> => answers.get(key) as Deferred<HeapRetainers>;
    const retainersOf = (className: string): HeapRetainers => ({ className, instance: null, paths: [] });

    const store = useHeapRetainersStore.getState();
    const first = store.select(backend, 1, 'Map');
    const second = store.select(backend, 1, 'Array');
    const third = store.select(backend, 2, 'Map');
    answer('2:Map').resolve(retainersOf('Map'));
    await third;
    answer('1:Map').resolve(retainersOf('Map'));
    answer('1:Array').reject(new Error('late failure'));
    await Promise.all([first, second]);

    const state = useHeapRetainersStore.getState();
    expect([state.itemId, state.className, state.error]).toEqual([2, 'Map', null]);
    expect(state.retainers).toEqual(retainersOf('Map'));
    expect(asked[0]).toEqual({ itemId: 1, className: 'Map', maxPaths: RETAINER_PATHS_LIMIT });
  });
});
