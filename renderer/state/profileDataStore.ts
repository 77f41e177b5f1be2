/**
 * The flame tree and top functions of the selected profile, sample type and filters.
 * Responses to an older selection are dropped, so clicking quickly through the
 * catalogue (or through filters) never shows one view's tree under another's name.
 */
import { create } from 'zustand';
import type { Selection } from '../../shared/capture/selection';
import type { FlameView, TopFunctionRow } from '../../shared/ipc/contract';
import { errorMessage, type KilnBackend } from '../backend/KilnBackend';

/** How many rows the top-functions table asks for. */
export const TOP_FUNCTIONS_LIMIT = 200;

export interface ProfileDataRequest {
  selection: Selection;
  sampleType: number;
  /** formatFilters text for the flame tree ('' for none). */
  treeFilters: string;
  /** formatFilters text for the top functions ('' for none). */
  topFilters: string;
}

/** Identifies a request; the store's `key` equals it once that request is what is loaded or loading. */
export function profileDataKey({ selection, sampleType, treeFilters, topFilters }: ProfileDataRequest): string {
  return JSON.stringify([selection, sampleType, treeFilters, topFilters]);
}

interface ProfileDataState {
  /** profileDataKey of what is loaded or loading; null when nothing is selected. */
  key: string | null;
  flameTree: FlameView | null;
  topFunctions: TopFunctionRow[] | null;
  /** The selection's total the top table's shares are of (getTopFunctions), null until it arrives. */
  topTotal: number | null;
  error: string | null;
  load(backend: KilnBackend, request: ProfileDataRequest): Promise<void>;
}

export const useProfileDataStore = create<ProfileDataState>((set, get) => ({
  key: null,
  flameTree: null,
  topFunctions: null,
  topTotal: null,
  error: null,
  async load(backend, request) {
    const key = profileDataKey(request);
    // Same selection again (a re-render, a re-import of a duplicate): keep what is there unless it failed.
    if (get().key === key && get().error === null) return;
    set({ key, flameTree: null, topFunctions: null, topTotal: null, error: null });
    const stillWanted = (): boolean => get().key === key;
    const failed = (error: unknown): void => {
      if (stillWanted()) set({ error: errorMessage(error) });
    };
    const { selection, sampleType, treeFilters, topFilters } = request;
    await Promise.all([
      backend.getFlameTree({ selection, sampleType, ...filtersArg(treeFilters) }).then((flameTree) => {
        if (stillWanted()) set({ flameTree });
      }, failed),
      backend
        .getTopFunctions({ selection, sampleType, limit: TOP_FUNCTIONS_LIMIT, ...filtersArg(topFilters) })
        .then(({ rows, total }) => {
          if (stillWanted()) set({ topFunctions: rows, topTotal: total });
        }, failed),
    ]);
  },
}));

/** No filters: leave the field out rather than send an empty text. */
export function filtersArg(text: string): { filters?: string } {
  return text === '' ? {} : { filters: text };
}
