/**
 * The stack chart service: boxes of a profile's time-ordered samples for one
 * time range and width (shared/query/stack-chart.ts). Zooming and panning ask
 * again and again for the same profile and filters, so the samples read from
 * the store and the filtered timeline built from them are kept for the last
 * profile and filter list. Label and by-line filters shape the read itself
 * (sample-time-queries.ts), as they shape every other view's.
 */
import { itemsOfService } from '../../shared/capture/selection-parts';
import { isAllTime } from '../../shared/capture/selection';
import type { KilnServices, StackChart } from '../../shared/ipc/contract';
import {
  formatFilters,
  parseFilters,
  splitFilters,
  stackQueryKey,
  type StackQueryOptions,
} from '../../shared/query/filters';
import { emptyStackChart, stackChartBoxes, timelineFilters } from '../../shared/query/stack-chart';
import { buildTimeline, type Timeline } from '../../shared/query/stack-chart-timeline';
import type { StoredTimedSamples } from '../store/sample-time-queries';
import type { ProfileStore } from '../store/profile-store';
import { NotFoundError } from './not-found';

/**
 * Most boxes one answer carries. With merging at a pixel a row holds about
 * three boxes per pixel, so this only bites for very deep stacks on wide
 * requests; the deepest rows go first (StackChart.truncated).
 */
export const STACK_CHART_MAX_BOXES = 200_000;

export function stackChartServices(store: ProfileStore): Pick<KilnServices, 'getStackChart'> {
  let samples: { key: string; stored: StoredTimedSamples | null } | null = null;
  let timeline: { key: string; timeline: Timeline } | null = null;

  const samplesOf = (itemId: number, query: StackQueryOptions): StoredTimedSamples | null => {
    const key = JSON.stringify([itemId, stackQueryKey(query)]);
    if (samples?.key !== key) samples = { key, stored: store.timedSamples(itemId, query) };
    return samples.stored;
  };

  return {
    getStackChart: async ({ selection, filters, startNs, endNs, widthPx }): Promise<StackChart> => {
      const ids =
        'items' in selection
          ? selection.items
          : itemsOfService(store.serviceItems(selection.service), selection).map((i) => i.id);
      if (ids.length !== 1) {
        throw new NotFoundError(`the stack chart shows one item at a time; the selection has ${ids.length}`);
      }
      const itemId = ids[0] as number;
      const summary = store.getProfile(itemId);
      if (!summary || summary.sampleTypes.length === 0) throw new NotFoundError(`no item with id ${itemId}`);
      // A window, when given, is the default range, on the item's clock (ns since its start).
      // ALL_TIME (every capture of a service) is no range of its own.
      const window = isAllTime(selection.window) ? undefined : selection.window;
      const cut =
        window !== undefined && summary.capturedAtMs !== null
          ? { fromNs: (window.startMs - summary.capturedAtMs) * 1e6, toNs: (window.endMs - summary.capturedAtMs) * 1e6 }
          : null;
      const { query, transforms } = splitFilters(parseFilters(filters ?? ''));
      const { applied, ignored } = timelineFilters(transforms);
      const stored = summary.hasSampleTimes === true ? samplesOf(itemId, query) : null;
      if (stored === null) return { ...emptyStackChart(), ignoredFilters: ignored };

      const key = JSON.stringify([itemId, stackQueryKey(query), formatFilters(applied)]);
      if (timeline?.key !== key) timeline = { key, timeline: buildTimeline(stored.samples, stored.stacks, applied) };
      const { sampleStart, sampleEnd } = timeline.timeline;
      const count = sampleStart.length;
      const rangeStartNs = startNs ?? cut?.fromNs ?? (count > 0 ? (sampleStart[0] as number) : 0);
      const rangeEndNs = endNs ?? cut?.toNs ?? (count > 0 ? (sampleEnd[count - 1] as number) : 0);
      const minDurationNs = rangeEndNs > rangeStartNs ? (rangeEndNs - rangeStartNs) / widthPx : 0;
      const chart = stackChartBoxes(timeline.timeline, {
        startNs: rangeStartNs,
        endNs: rangeEndNs,
        minDurationNs,
        maxBoxes: STACK_CHART_MAX_BOXES,
      });
      return { ...chart, ignoredFilters: ignored };
    },
  };
}
