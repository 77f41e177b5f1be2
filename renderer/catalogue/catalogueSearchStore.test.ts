import { beforeEach, describe, expect, it } from 'vitest';
import type { FunctionSearchHit } from '../../shared/ipc/contract';
import type { KilnBackend } from '../backend/KilnBackend';
import { CATALOGUE_SEARCH_LIMIT, useCatalogueSearchStore } from './catalogueSearchStore';
import { deferred, type Deferred } from '../../test/fixtures/deferred';

const hitFor = (name: string): FunctionSearchHit => ({
  functionId: name.length,
  function: name,
  file: '',
  profiles: [],
  profileCount: 0,
});

describe('useCatalogueSearchStore', () => {
  beforeEach(() =>
    useCatalogueSearchStore.setState({ query: '', searchedQuery: '', hits: [], loading: false, error: null }),
  );

  function fakeBackend() {
    const answers = new Map<string, Deferred<FunctionSearchHit[]>>();
    const asked: unknown[] = [];
    const backend = {
      searchFunctions: (args: { query: string; limit: number }) => {
        asked.push(args);
        const answer = deferred<FunctionSearchHit[]>();
        answers.set(args.query, answer);
        return answer.promise;
      },
    } as unknown as KilnBackend;
    return { backend, asked, answer: (query: string) => answers.get(query) as Deferred<FunctionSearchHit[]> };
  }

  it('keeps the hits of the last query, whatever order the answers come in', async () => {
    const { backend, asked, answer } = fakeBackend();
    const store = useCatalogueSearchStore.getState();
    const first = store.search(backend, 'mal');
    const second = store.search(backend, ' malloc ');
    answer('malloc').resolve([hitFor('runtime.mallocgc')]);
    await second;
    answer('mal').resolve([hitFor('stale')]);
    await first;
    const state = useCatalogueSearchStore.getState();
    expect([state.searchedQuery, state.hits.map((h) => h.function), state.loading]).toEqual([
      'malloc',
      ['runtime.mallocgc'],
      false,
    ]);
    expect(asked).toEqual([
      { query: 'mal', limit: CATALOGUE_SEARCH_LIMIT },
      { query: 'malloc', limit: CATALOGUE_SEARCH_LIMIT },
    ]);
  });

  it('clears without asking for blank text, and drops an answer that arrives after', async () => {
    const { backend, asked, answer } = fakeBackend();
    const store = useCatalogueSearchStore.getState();
    const pending = store.search(backend, 'tokenize');
    await store.search(backend, '   ');
    answer('tokenize').resolve([hitFor('tokenize')]);
    await pending;
    expect(asked).toHaveLength(1);
    expect(useCatalogueSearchStore.getState()).toMatchObject({ searchedQuery: '', hits: [], loading: false });
  });

  it('shows the error of a failed search, and clears it with the next answer', async () => {
    const { backend, answer } = fakeBackend();
    const store = useCatalogueSearchStore.getState();
    const failing = store.search(backend, 'x');
    answer('x').reject(new Error('searchFunctions: query must be a non-empty string'));
    await failing;
    expect(useCatalogueSearchStore.getState()).toMatchObject({
      searchedQuery: 'x',
      hits: [],
      error: 'searchFunctions: query must be a non-empty string',
    });
    const next = store.search(backend, 'y');
    answer('y').resolve([hitFor('y')]);
    await next;
    expect(useCatalogueSearchStore.getState().error).toBeNull();
  });
});
