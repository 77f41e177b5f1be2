/**
 * The class table of the selected heap snapshot, heaviest retainers first.
 * Responses to an older selection are dropped, as in profileDataStore.
 */
import { create } from 'zustand';
import type { HeapClassRow } from '../../shared/heap/model';
import type { KilnBackend } from '../backend/KilnBackend';
import { beginRequest } from '../charts/requestStore';

/** Classes the table asks for: the ones that retain the most; a snapshot can have tens of thousands. */
export const HEAP_CLASSES_LIMIT = 500;

interface HeapClassesState {
  /** The snapshot loaded or loading; null before the first. */
  profileId: number | null;
  classes: HeapClassRow[] | null;
  error: string | null;
  load(backend: KilnBackend, profileId: number): Promise<void>;
}

export const useHeapClassesStore = create<HeapClassesState>((set, get) => ({
  profileId: null,
  classes: null,
  error: null,
  async load(backend, profileId) {
    const request = beginRequest(get, set, {
      isCurrent: (state) => state.profileId === profileId,
      start: { profileId, classes: null },
    });
    await request?.deliver(
      () => backend.getHeapClasses({ itemId: profileId, limit: HEAP_CLASSES_LIMIT }),
      (classes) => ({ classes }),
    );
  },
}));
