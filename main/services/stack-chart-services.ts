/**
 * The stack chart service: boxes of a profile's time-ordered samples for one
 * time range and width (shared/query/stack-chart.ts). Zooming and panning ask
 * again and again for the same profile and filters, so the samples read from
 * the store and the filtered timeline built from them are kept for the last
 * profile and filter list.
 */
import type { KilnServices, StackChart } from '../../shared/ipc/contract';
import { formatFilters, parseFilters } from '../../shared/query/filters';
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
  let samples: { profileId: number; stored: StoredTimedSamples | null } | null = null;
  let timeline: { key: string; timeline: Timeline } | null = null;

  const samplesOf = (profileId: number): StoredTimedSamples | null => {
    if (samples?.profileId !== profileId) samples = { profileId, stored: store.timedSamples(profileId) };
    return samples.stored;
  };

  return {
    getStackChart: async ({ profileId, filters, startNs, endNs, widthPx }): Promise<StackChart> => {
      const summary = store.getProfile(profileId);
      if (!summary || summary.sampleTypes.length === 0) throw new NotFoundError(`no profile with id ${profileId}`);
      const { applied, ignored } = timelineFilters(parseFilters(filters ?? ''));
      const stored = summary.hasSampleTimes === true ? samplesOf(profileId) : null;
      if (stored === null) return { ...emptyStackChart(), ignoredFilters: ignored };

      const key = JSON.stringify([profileId, formatFilters(applied)]);
      if (timeline?.key !== key) timeline = { key, timeline: buildTimeline(stored.samples, stored.stacks, applied) };
      const { sampleStart, sampleEnd } = timeline.timeline;
      const count = sampleStart.length;
      const rangeStartNs = startNs ?? (count > 0 ? (sampleStart[0] as number) : 0);
      const rangeEndNs = endNs ?? (count > 0 ? (sampleEnd[count - 1] as number) : 0);
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
