/**
 * Runs the timeline's model, series and drawing code once over a small made-up timeline while the page waits for its
 * first answers (a second or more with 10,000 captures), so that their first real run is not also their first run:
 * V8 compiles a function when it is first called and speeds up its loops only after they have run a while. Measured
 * in Chromium on the 10,000-capture bench store, the first draw of the lanes with their series took 30–55 ms cold
 * and about 3 ms warm (BENCHMARKS.md, "the timeline of 10,000 captures"). Nothing of it is shown or kept.
 */
import type { TimelineSeries } from '../../shared/ipc/contract';
import type { TimelinePalette } from './drawTimeline';
import { drawAxis, drawLanes, LANE_HEIGHT_PX } from './drawTimeline';
import { seriesByLane } from './seriesModel';
import { buildTimeline, type TimelineInput } from './timelineModel';

/** Enough points that the loops run long enough to be compiled, few enough to take a few milliseconds. */
const POINTS = 2_000;
const STEP_MS = 1_000;

const GREY = '#888888';
const PALETTE: TimelinePalette = {
  kinds: { cpu: GREY, heap: GREY, allocations: GREY, goroutines: GREY, contention: GREY } as TimelinePalette['kinds'],
  grid: GREY,
  text: GREY,
  laneStripe: GREY,
  hover: GREY,
};

let warmed = false;

export function warmTimeline(): void {
  if (warmed) return;
  warmed = true;
  const canvas = document.createElement('canvas');
  canvas.width = 120;
  canvas.height = 3 * LANE_HEIGHT_PX;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const ids = Array.from({ length: POINTS }, (_, i) => i + 1);
  const starts = ids.map((i) => i * STEP_MS);
  const input: TimelineInput = {
    services: [
      {
        name: 'warm',
        captures: {
          id: [...ids, ...ids.map((i) => i + POINTS)],
          kind: [...ids.map(() => 'cpu' as const), ...ids.map(() => 'gc-log' as const)],
          capturedAtMs: [...starts, ...starts],
          durationNs: [...ids.map(() => (STEP_MS / 2) * 1e6), ...ids.map(() => null)],
        },
      },
    ],
  };
  const series: TimelineSeries = {
    captures: [
      {
        service: 'warm',
        kind: 'cpu',
        measure: 'cores',
        points: {
          itemId: ids,
          startMs: starts,
          endMs: starts.map((s) => s + STEP_MS / 2),
          value: ids.map((i) => i % 3),
        },
        maxValue: 2,
        maxDurationMs: STEP_MS / 2,
      },
    ],
    gc: [
      {
        service: 'warm',
        points: {
          itemId: ids.map(() => POINTS + 1),
          atMs: starts,
          pauseNs: ids.map((i) => i * 1_000),
          liveHeapBytes: ids.map((i) => i * 4_096),
        },
        maxPauseNs: POINTS * 1_000,
        maxLiveHeapBytes: POINTS * 4_096,
      },
    ],
  };
  const model = buildTimeline(input);
  const lanes = seriesByLane(series);
  const target = { ctx, widthPx: canvas.width, heightPx: canvas.height, devicePixelRatio: 1 };
  const range = { fromMs: 0, toMs: (POINTS + 1) * STEP_MS };
  drawAxis({ ...target, heightPx: LANE_HEIGHT_PX }, range, PALETTE);
  drawLanes(target, model.lanes, range, PALETTE, null);
  drawLanes(target, model.lanes, range, PALETTE, { laneIndex: 0, index: 0 }, lanes);
}
