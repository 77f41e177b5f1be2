/** GC-log services: pause statistics and the event series for charts. */
import { summarizeGc } from '../../shared/gc/summary';
import type { KilnServices } from '../../shared/ipc/contract';
import type { ProfileStore } from '../store/profile-store';
import { NotFoundError } from './not-found';

export function gcServices(store: ProfileStore): Pick<KilnServices, 'getGcSummary' | 'getGcEvents' | 'getGcWindows'> {
  const logOf = (itemId: number) => {
    const log = store.gcLog(itemId);
    if (!log) throw new NotFoundError(`no GC log with id ${itemId}`);
    return log;
  };
  return {
    getGcSummary: async ({ itemId }) => {
      const log = logOf(itemId);
      return { collector: log.collector, ...summarizeGc(log) };
    },
    getGcEvents: async ({ itemId }) => logOf(itemId).events,
    getGcWindows: async () => {
      throw new Error('getGcWindows is not built yet');
    },
  };
}
