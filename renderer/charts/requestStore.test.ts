import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { beginKeyedRequest } from './requestStore';
import { deferred, type Deferred } from '../../test/fixtures/deferred';

interface State {
  key: string | null;
  value: string | null;
  loading: boolean;
  error: string | null;
  load(key: string, ask: () => Promise<string>): Promise<void>;
}

/** A store built on the helper as the renderer's stores are; `asks` counts the backend calls it makes. */
function store() {
  let asks = 0;
  const use = create<State>((set, get) => ({
    key: null,
    value: null,
    loading: false,
    error: null,
    async load(key, ask) {
      const request = beginKeyedRequest(get, set, key, { value: null, loading: true });
      await request?.deliver(
        () => {
          asks++;
          return ask();
        },
        (value) => ({ value, loading: false }),
        { loading: false },
      );
    },
  }));
  return { use, asks: () => asks };
}

describe('request store helper', () => {
  it('asks once for a key already loaded, and again after a failure', async () => {
    const { use, asks } = store();
    await use.getState().load('a', () => Promise.resolve('A'));
    await use.getState().load('a', () => Promise.resolve('other'));
    expect(asks()).toBe(1);
    expect(use.getState()).toMatchObject({ key: 'a', value: 'A', loading: false, error: null });

    await use.getState().load('b', () => Promise.reject(new Error('no item with id 2')));
    expect(use.getState()).toMatchObject({ key: 'b', value: null, loading: false, error: 'no item with id 2' });
    await use.getState().load('b', () => Promise.resolve('B'));
    expect(asks()).toBe(3);
    expect(use.getState()).toMatchObject({ value: 'B', error: null });
  });

  it('drops the answer and the error of a request another one replaced', async () => {
    const { use } = store();
    const answers: Deferred<string>[] = [deferred(), deferred(), deferred()];
    const first = use.getState().load('a', () => answers[0]!.promise);
    const second = use.getState().load('b', () => answers[1]!.promise);
    answers[0]!.resolve('A');
    await first;
    expect(use.getState()).toMatchObject({ key: 'b', value: null, loading: true });
    answers[1]!.resolve('B');
    await second;
    const third = use.getState().load('c', () => answers[2]!.promise);
    await use.getState().load('d', () => Promise.resolve('D'));
    answers[2]!.reject(new Error('late'));
    await third;
    expect(use.getState()).toMatchObject({ key: 'd', value: 'D', error: null });
  });

  it('turns a backend that throws before answering into the request’s error', async () => {
    const { use } = store();
    await use.getState().load('a', () => {
      throw new Error('backend gone');
    });
    expect(use.getState()).toMatchObject({ key: 'a', loading: false, error: 'backend gone' });
  });
});
