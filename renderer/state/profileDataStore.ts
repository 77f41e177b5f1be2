/**
 * The flame tree and top functions of the selected profile and sample type.
 * Responses to an older selection are dropped, so clicking quickly through the
 * catalogue never shows one profile's tree under another's name.
 */
import { create } from 'zustand';
import type { FlameTree, TopFunctionRow } from '../../shared/ipc/contract';
import { errorMessage, type KilnBackend } from '../backend/KilnBackend';

/** How many rows the top-functions table asks for. */
export const TOP_FUNCTIONS_LIMIT = 200;

interface ProfileDataState {
  /** `${profileId}/${sampleType}` of what is loaded or loading; null when nothing is selected. */
  key: string | null;
  flameTree: FlameTree | null;
  topFunctions: TopFunctionRow[] | null;
  error: string | null;
  load(backend: KilnBackend, profileId: number, sampleType: number): Promise<void>;
}

export const useProfileDataStore = create<ProfileDataState>((set, get) => ({
  key: null,
  flameTree: null,
  topFunctions: null,
  error: null,
  async load(backend, profileId, sampleType) {
    const key = `${profileId}/${sampleType}`;
    // Same selection again (a re-render, a re-import of a duplicate): keep what is there unless it failed.
    if (get().key === key && get().error === null) return;
    set({ key, flameTree: null, topFunctions: null, error: null });
    const stillWanted = (): boolean => get().key === key;
    const failed = (error: unknown): void => {
      if (stillWanted()) set({ error: errorMessage(error) });
    };
    await Promise.all([
      backend.getFlameTree({ profileId, sampleType }).then((flameTree) => {
        if (stillWanted()) set({ flameTree });
      }, failed),
      backend.getTopFunctions({ profileId, sampleType, limit: TOP_FUNCTIONS_LIMIT }).then((topFunctions) => {
        if (stillWanted()) set({ topFunctions });
      }, failed),
    ]);
  },
}));
