/**
 * getTimelineSeries: the series drawn over the timeline's lanes, read-only (a query worker answers it). The store
 * reads the captures' totals in one statement and the GC events in another (series-queries.ts); the arithmetic is shared/timeline/series.ts.
 */
import type { KilnServices, TimelineSeries } from '../../shared/ipc/contract';
import { captureSeries, gcSeries } from '../../shared/timeline/series';
import type { ProfileStore } from '../store/profile-store';
import { captureTotals, gcEventRows } from '../store/series-queries';

export function seriesServices(store: ProfileStore): Pick<KilnServices, 'getTimelineSeries'> {
  return { getTimelineSeries: async ({ service }) => timelineSeries(store, service) };
}

export function timelineSeries(store: ProfileStore, service?: string): TimelineSeries {
  return { captures: captureSeries(captureTotals(store.db, service)), gc: gcSeries(gcEventRows(store.db, service)) };
}
