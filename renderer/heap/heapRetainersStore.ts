/**
 * The class chosen in a heap snapshot's class table and the retaining paths of
 * its heaviest instance. Only the latest choice's answer is kept: clicking down
 * the table quickly never shows one class's paths under another's name.
 */
import { create } from 'zustand';
import type { HeapRetainers } from '../../shared/ipc/contract';
import type { KilnBackend } from '../backend/KilnBackend';
import { beginRequest } from '../charts/requestStore';

/** Paths asked for per class: enough to see the different ways it is held, few enough to read. */
export const RETAINER_PATHS_LIMIT = 5;

interface HeapRetainersState {
  /** The snapshot and class chosen; both null before the first choice. */
  itemId: number | null;
  className: string | null;
  retainers: HeapRetainers | null;
  error: string | null;
  select(backend: KilnBackend, itemId: number, className: string): Promise<void>;
}

export const useHeapRetainersStore = create<HeapRetainersState>((set, get) => ({
  itemId: null,
  className: null,
  retainers: null,
  error: null,
  async select(backend, itemId, className) {
    const request = beginRequest(get, set, {
      isCurrent: (state) => state.itemId === itemId && state.className === className,
      start: { itemId, className, retainers: null },
    });
    await request?.deliver(
      () => backend.getHeapRetainers({ itemId: itemId, className, maxPaths: RETAINER_PATHS_LIMIT }),
      (retainers) => ({ retainers }),
    );
  },
}));
