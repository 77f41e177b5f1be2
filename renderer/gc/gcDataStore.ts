/**
 * Pause statistics and events of the selected GC log. As in profileDataStore,
 * a response to an older selection is dropped, so a slow log never shows up
 * under another item's name.
 */
import { create } from 'zustand';
import type { GcEvent } from '../../shared/gc/model';
import type { GcSummary } from '../../shared/ipc/contract';
import type { KilnBackend } from '../backend/KilnBackend';
import { beginRequest } from '../charts/requestStore';

interface GcDataState {
  /** The GC log loaded or loading; null before the first. */
  itemId: number | null;
  summary: GcSummary | null;
  events: GcEvent[] | null;
  error: string | null;
  load(backend: KilnBackend, itemId: number): Promise<void>;
}

export const useGcDataStore = create<GcDataState>((set, get) => ({
  itemId: null,
  summary: null,
  events: null,
  error: null,
  async load(backend, itemId) {
    const request = beginRequest(get, set, {
      isCurrent: (state) => state.itemId === itemId,
      start: { itemId, summary: null, events: null },
    });
    if (!request) return;
    await Promise.all([
      request.deliver(
        () => backend.getGcSummary({ itemId: itemId }),
        (summary) => ({ summary }),
      ),
      request.deliver(
        () => backend.getGcEvents({ itemId: itemId }),
        (events) => ({ events }),
      ),
    ]);
  },
}));
