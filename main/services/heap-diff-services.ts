/** Heap snapshots compared and the dominator tree (issue 13; being built). */
import type { KilnServices } from '../../shared/ipc/contract';
import type { ProfileStore } from '../store/profile-store';

export function heapDiffServices(store: ProfileStore): Pick<KilnServices, 'getHeapDiff' | 'getDominatorTree'> {
  void store;
  return {
    getHeapDiff: async () => {
      throw new Error('getHeapDiff is not built yet');
    },
    getDominatorTree: async () => {
      throw new Error('getDominatorTree is not built yet');
    },
  };
}
