/** GC-log services: pause statistics and the event series for charts. */
import { itemsOfService } from '../../shared/capture/selection-parts';
import { summarizeGc } from '../../shared/gc/summary';
import { DEFAULT_GC_WINDOWS, gcWindows, type GcLogInput } from '../../shared/gc/windows';
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
    getGcWindows: async ({ selection, windows }) => {
      const items =
        'items' in selection
          ? store.getItems(selection.items)
          : itemsOfService(store.serviceItems(selection.service), selection);
      const inputs: GcLogInput[] = [];
      for (const item of items) {
        if (item.kind !== 'gc-log') continue;
        const log = store.gcLog(item.id);
        if (!log) continue;
        // A process is its pid on its host: a JVM's -Xlog:gc file and its JFR recording carry both (import labels).
        const pid = item.labels?.['pid'];
        const process = pid === undefined ? null : { pid, host: item.labels?.['host'] ?? null };
        inputs.push({ itemId: item.id, log, process });
      }
      if (inputs.length === 0) throw new NotFoundError('the selection holds no GC log (see kiln ls)');
      return gcWindows(inputs, windows ?? DEFAULT_GC_WINDOWS, selection.window);
    },
  };
}
