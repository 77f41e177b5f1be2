/** The GC tab's pure parts: the selection a brush makes, and what the chart draws from the tab's data. */
import type { Selection, TimeWindow } from '../../shared/capture/selection';
import type { GcChartInput } from './gcChartLayout';
import { changeLabel } from './gcText';
import type { GcTabData } from './gcWindowsStore';

/** The selection a brush makes: the service over the window, or the same items cut to it. */
export function brushedSelection(selection: Selection, window: TimeWindow): Selection {
  return 'service' in selection ? { service: selection.service, window } : { items: [...selection.items], window };
}

/** What the chart draws, on the span of the GC logs and the CPU captures beside them. */
export function chartInput(data: GcTabData, focusMs: number | null): GcChartInput {
  const { gc, events, cores } = data;
  let fromMs = gc.total.startMs;
  let toMs = gc.total.endMs;
  for (const c of cores) {
    fromMs = Math.min(fromMs, c.startMs);
    toMs = Math.max(toMs, c.endMs);
  }
  if (toMs <= fromMs) toMs = fromMs + 1;
  return {
    range: { fromMs, toMs },
    pauses: events.map((e) => ({ atMs: e.atMs, pauseMs: e.pauseMs, kind: e.kind })),
    liveHeap: events.flatMap((e) => (e.liveHeapBytes === null ? [] : [{ atMs: e.atMs, bytes: e.liveHeapBytes }])),
    windows: gc.windows,
    cores,
    changes: gc.changes.map((c) => ({ atMs: c.atMs, label: changeLabel(c) })),
    focusMs,
  };
}
