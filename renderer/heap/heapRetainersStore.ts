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
  profileId: number | null;
  className: string | null;
  retainers: HeapRetainers | null;
  error: string | null;
  select(backend: KilnBackend, profileId: number, className: string): Promise<void>;
}

export const useHeapRetainersStore = create<HeapRetainersState>((set, get) => ({
  profileId: null,
  className: null,
  retainers: null,
  error: null,
  async select(backend, profileId, className) {
    const request = beginRequest(get, set, {
      isCurrent: (state) => state.profileId === profileId && state.className === className,
      start: { profileId, className, retainers: null },
    });
    await request?.deliver(
      () => backend.getHeapRetainers({ itemId: profileId, className, maxPaths: RETAINER_PATHS_LIMIT }),
      (retainers) => ({ retainers }),
    );
  },
}));
