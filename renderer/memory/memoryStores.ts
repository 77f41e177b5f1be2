/**
 * The memory views' data: the allocation timeline, the leak ranking and the findings of a selection, each a store
 * keyed by its request (charts/requestStore.ts), so an answer for a selection the user has left is dropped and coming
 * back to a tab does not ask again.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { Selection } from '../../shared/capture/selection';
import type { AllocationTimeline, Finding, LeaksResult } from '../../shared/ipc/memory-contract';
import type { KilnBackend } from '../backend/KilnBackend';
import { beginKeyedRequest } from '../charts/requestStore';

/** Bands the allocation timeline draws; the rest is "other" (issue 13: the top N with "other"). */
export const TIMELINE_TOP = 8;
/** Rows the leak ranking asks for: every leak candidate fits, the stable tail is cut. */
export const LEAK_ROWS = 50;

interface KeyedState<T, A> {
  key: string | null;
  data: T | null;
  error: string | null;
  load(backend: KilnBackend, request: A): Promise<void>;
}

/** A store of one request's answer, keyed by the request's JSON (the views compare it with their own). */
function keyedStore<T, A = Selection>(
  ask: (backend: KilnBackend, request: A) => Promise<T>,
): UseBoundStore<StoreApi<KeyedState<T, A>>> {
  return create<KeyedState<T, A>>((set, get) => ({
    key: null,
    data: null,
    error: null,
    async load(backend, request) {
      const started = beginKeyedRequest(get, set, JSON.stringify(request), { data: null });
      await started?.deliver(
        () => ask(backend, request),
        (data) => ({ data }),
      );
    },
  }));
}

export const useAllocationTimelineStore = keyedStore<AllocationTimeline>((backend, selection) =>
  backend.getAllocationTimeline({ selection, top: TIMELINE_TOP }),
);

export const useLeaksStore = keyedStore<LeaksResult>((backend, selection) =>
  backend.getLeaks({ selection, limit: LEAK_ROWS }),
);

/** The findings of a selection, and of its comparison with the baseline when one is set (its suspects). */
export const useFindingsStore = keyedStore<{ findings: Finding[] }, { selection: Selection; base?: Selection }>(
  (backend, request) => backend.getFindings(request),
);
