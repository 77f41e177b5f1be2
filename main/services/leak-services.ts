/** Memory series over captures: the leak-or-cache ranking and the allocation timeline (issue 13; being built). */
import type { KilnServices } from '../../shared/ipc/contract';
import type { ProfileStore } from '../store/profile-store';

export function leakServices(store: ProfileStore): Pick<KilnServices, 'getLeaks' | 'getAllocationTimeline'> {
  void store;
  return {
    getLeaks: async () => {
      throw new Error('getLeaks is not built yet');
    },
    getAllocationTimeline: async () => {
      throw new Error('getAllocationTimeline is not built yet');
    },
  };
}
