/**
 * The sample label keys and values of the selected profile, which the
 * FilterBar offers for label filters. Responses to an older selection are
 * dropped, as in profileDataStore.
 */
import { create } from 'zustand';
import type { LabelKey } from '../../shared/ipc/contract';
import { errorMessage, type KilnBackend } from '../backend/KilnBackend';

interface LabelKeysState {
  /** The profile loaded or loading; null before the first. */
  profileId: number | null;
  keys: LabelKey[] | null;
  error: string | null;
  load(backend: KilnBackend, profileId: number): Promise<void>;
}

export const useLabelKeysStore = create<LabelKeysState>((set, get) => ({
  profileId: null,
  keys: null,
  error: null,
  async load(backend, profileId) {
    if (get().profileId === profileId && get().error === null) return;
    set({ profileId, keys: null, error: null });
    try {
      const keys = await backend.getLabelKeys({ profileId });
      if (get().profileId === profileId) set({ keys });
    } catch (error) {
      if (get().profileId === profileId) set({ error: errorMessage(error) });
    }
  },
}));
