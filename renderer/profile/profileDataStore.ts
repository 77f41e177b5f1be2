/**
 * The flame tree and top functions of the selected profile, sample type and filters.
 * Responses to an older selection are dropped, so clicking quickly through the
 * catalogue (or through filters) never shows one view's tree under another's name.
 */
import { create } from 'zustand';
import type { Selection } from '../../shared/capture/selection';
import type { FlameView, TopFunctionRow } from '../../shared/ipc/contract';
import type { KilnBackend } from '../backend/KilnBackend';
import { beginKeyedRequest } from '../charts/requestStore';

/** How many rows the top-functions table asks for. */
export const TOP_FUNCTIONS_LIMIT = 200;

export interface ProfileDataRequest {
  selection: Selection;
  sampleType: number;
  /** formatFilters text for the flame tree ('' for none). */
  treeFilters: string;
  /** formatFilters text for the top functions ('' for none). */
  topFilters: string;
  /** Every value per second of the window's profiled time (counters only); absent: as summed. */
  scale?: 'per-second';
}

/** Identifies a request; the store's `key` equals it once that request is what is loaded or loading. */
export function profileDataKey({ selection, sampleType, treeFilters, topFilters, scale }: ProfileDataRequest): string {
  return JSON.stringify([selection, sampleType, treeFilters, topFilters, scale ?? null]);
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
    // Same selection again (a re-render, a re-import of a duplicate): keep what is there unless it failed.
    const started = beginKeyedRequest(get, set, profileDataKey(request), {
      flameTree: null,
      topFunctions: null,
      topTotal: null,
    });
    if (!started) return;
    const { selection, sampleType, treeFilters, topFilters, scale } = request;
    const scaled = scale === undefined ? {} : { scale };
    await Promise.all([
      started.deliver(
        () => backend.getFlameTree({ selection, sampleType, ...filtersArg(treeFilters), ...scaled }),
        (flameTree) => ({ flameTree }),
      ),
      started.deliver(
        () =>
          backend.getTopFunctions({
            selection,
            sampleType,
            limit: TOP_FUNCTIONS_LIMIT,
            ...filtersArg(topFilters),
            ...scaled,
          }),
        ({ rows, total }) => ({ topFunctions: rows, topTotal: total }),
      ),
    ]);
  },
}));

/** No filters: leave the field out rather than send an empty text. */
export function filtersArg(text: string): { filters?: string } {
  return text === '' ? {} : { filters: text };
}
