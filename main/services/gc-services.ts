/** GC-log services: pause statistics and the event series for charts. */
import { summarizeGc } from '../../shared/gc/summary';
import type { KilnServices } from '../../shared/ipc/contract';
import type { ProfileStore } from '../store/profile-store';
import { NotFoundError } from './not-found';

export function gcServices(store: ProfileStore): Pick<KilnServices, 'getGcSummary' | 'getGcEvents'> {
  const logOf = (profileId: number) => {
    const log = store.gcLog(profileId);
    if (!log) throw new NotFoundError(`no GC log with id ${profileId}`);
    return log;
  };
  return {
    getGcSummary: async ({ profileId }) => {
      const log = logOf(profileId);
      return { collector: log.collector, ...summarizeGc(log) };
    },
    getGcEvents: async ({ profileId }) => logOf(profileId).events,
  };
}
