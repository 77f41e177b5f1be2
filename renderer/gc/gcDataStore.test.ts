import { beforeEach, describe, expect, it } from 'vitest';
import type { GcEvent } from '../../shared/gc/model';
import type { GcSummary } from '../../shared/ipc/contract';
import type { KilnBackend } from '../backend/KilnBackend';
import { deferred, type Deferred } from '../../test/fixtures/deferred';
import { useGcDataStore } from './gcDataStore';

function summary(gcEvents: number): GcSummary {
  return {
    collector: 'G1',
    gcEvents,
    totalPauseMs: 1,
    maxPauseMs: 1,
    p50PauseMs: 1,
    p90PauseMs: 1,
    p99PauseMs: 1,
    pausePercent: null,
    byKind: [],
  };
}

/** A backend whose GC answers wait until the test settles them; `summary(id)` is the latest call's for that id. */
function gcBackend() {
  const summaries = new Map<number, Deferred<GcSummary>>();
  const events = new Map<number, Deferred<GcEvent[]>>();
  let calls = 0;
  const ask = <T>(map: Map<number, Deferred<T>>, id: number): Promise<T> => {
    calls++;
    const answer = deferred<T>();
    map.set(id, answer);
    return answer.promise;
  };
  const backend = {
    getGcSummary: ({ itemId }: { itemId: number }) => ask(summaries, itemId),
    getGcEvents: ({ itemId }: { itemId: number }) => ask(events, itemId),
  } as unknown as KilnBackend;
  const latest = <T>(map: Map<number, Deferred<T>>, id: number): Deferred<T> => {
    const answer = map.get(id);
    if (!answer) throw new Error(`nothing asked for ${id}`);
    return answer;
  };
  return {
    backend,
    summary: (id: number) => latest(summaries, id),
    events: (id: number) => latest(events, id),
    calls: () => calls,
  };
}

describe('useGcDataStore', () => {
  beforeEach(() => useGcDataStore.setState({ itemId: null, summary: null, events: null, error: null }));

  it("keeps the latest selection's data when an older answer arrives last", async () => {
    const { backend, summary: summaryOf, events: eventsOf } = gcBackend();
    const first = useGcDataStore.getState().load(backend, 1);
    const second = useGcDataStore.getState().load(backend, 2);
    summaryOf(2).resolve(summary(20));
    eventsOf(2).resolve([]);
    await second;
    summaryOf(1).resolve(summary(10));
    eventsOf(1).reject(new Error('gone'));
    await first;
    const state = useGcDataStore.getState();
    expect(state.itemId).toBe(2);
    expect(state.summary?.gcEvents).toBe(20);
    expect(state.events).toEqual([]);
    expect(state.error).toBeNull();
  });

  it('asks once for a log it has, and again after a failure', async () => {
    const { backend, summary: summaryOf, events: eventsOf, calls } = gcBackend();
    const failing = useGcDataStore.getState().load(backend, 3);
    summaryOf(3).reject(new Error('no GC log with id 3'));
    eventsOf(3).resolve([]);
    await failing;
    expect(useGcDataStore.getState().error).toBe('no GC log with id 3');
    expect(calls()).toBe(2);

    const retry = useGcDataStore.getState().load(backend, 3);
    expect(useGcDataStore.getState().error).toBeNull();
    summaryOf(3).resolve(summary(30));
    eventsOf(3).resolve([]);
    await retry;
    expect(useGcDataStore.getState().summary?.gcEvents).toBe(30);
    expect(calls()).toBe(4);

    await useGcDataStore.getState().load(backend, 3);
    expect(calls()).toBe(4);
  });
});
