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
  itemId: number | null;
  classes: HeapClassRow[] | null;
  error: string | null;
  load(backend: KilnBackend, itemId: number): Promise<void>;
}

export const useHeapClassesStore = create<HeapClassesState>((set, get) => ({
  itemId: null,
  classes: null,
  error: null,
  async load(backend, itemId) {
    const request = beginRequest(get, set, {
      isCurrent: (state) => state.itemId === itemId,
      start: { itemId, classes: null },
    });
    await request?.deliver(
      () => backend.getHeapClasses({ itemId: itemId, limit: HEAP_CLASSES_LIMIT }),
      (classes) => ({ classes }),
    );
  },
}));
