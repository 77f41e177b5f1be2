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

interface KeyedState<T> {
  key: string | null;
  data: T | null;
  error: string | null;
  load(backend: KilnBackend, selection: Selection): Promise<void>;
}

function keyedStore<T>(
  ask: (backend: KilnBackend, selection: Selection) => Promise<T>,
): UseBoundStore<StoreApi<KeyedState<T>>> {
  return create<KeyedState<T>>((set, get) => ({
    key: null,
    data: null,
    error: null,
    async load(backend, selection) {
      const started = beginKeyedRequest(get, set, JSON.stringify(selection), { data: null });
      await started?.deliver(
        () => ask(backend, selection),
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

export const useFindingsStore = keyedStore<{ findings: Finding[] }>((backend, selection) =>
  backend.getFindings({ selection }),
);
