/**
 * Pause statistics and events of the selected GC log. As in profileDataStore,
 * a response to an older selection is dropped, so a slow log never shows up
 * under another item's name.
 */
import { create } from 'zustand';
import type { GcEvent } from '../../shared/gc/model';
import type { GcSummary } from '../../shared/ipc/contract';
import { errorMessage, type KilnBackend } from '../backend/KilnBackend';

interface GcDataState {
  /** The GC log loaded or loading; null before the first. */
  profileId: number | null;
  summary: GcSummary | null;
  events: GcEvent[] | null;
  error: string | null;
  load(backend: KilnBackend, profileId: number): Promise<void>;
}

export const useGcDataStore = create<GcDataState>((set, get) => ({
  profileId: null,
  summary: null,
  events: null,
  error: null,
  async load(backend, profileId) {
    // Same log again (a re-render, coming back to it): keep what is there unless it failed.
    if (get().profileId === profileId && get().error === null) return;
    set({ profileId, summary: null, events: null, error: null });
    const stillWanted = (): boolean => get().profileId === profileId;
    const failed = (error: unknown): void => {
      if (stillWanted()) set({ error: errorMessage(error) });
    };
    await Promise.all([
      backend.getGcSummary({ itemId: profileId }).then((summary) => {
        if (stillWanted()) set({ summary });
      }, failed),
      backend.getGcEvents({ itemId: profileId }).then((events) => {
        if (stillWanted()) set({ events });
      }, failed),
    ]);
  },
}));
