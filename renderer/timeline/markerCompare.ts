/**
 * "Before / after this marker": the two windows a marker's menu compares, as the comparison's baseline A and its
 * selection B. A runs from the service's previous marker (or its first capture's start) to the marker, B from the
 * marker to the next one (or its last capture's end): the periods the marker separates, not the whole history.
 */
import type { Selection, TimeWindow } from '../../shared/capture/selection';
import type { TimelineMarkerView } from '../../shared/ipc/contract';
import type { TimelineLane } from './timelineModel';

export interface BeforeAfter {
  base: Extract<Selection, { service: string }>;
  target: Extract<Selection, { service: string }>;
}

/** Null when either side would be empty (no capture before or after the marker). */
export function beforeAfterMarker(
  service: string,
  marker: Pick<TimelineMarkerView, 'atMs'>,
  markers: readonly Pick<TimelineMarkerView, 'atMs'>[],
  lanes: readonly TimelineLane[],
): BeforeAfter | null {
  let fromMs = Infinity;
  let toMs = -Infinity;
  for (const lane of lanes) {
    if (lane.service !== service || lane.ids.length === 0) continue;
    fromMs = Math.min(fromMs, lane.startMs[0] as number);
    for (const end of lane.endMs) toMs = Math.max(toMs, end);
  }
  const at = marker.atMs;
  if (!(fromMs < at) || !(toMs > at)) return null;
  const previous = markers.filter((m) => m.atMs < at).reduce((latest, m) => Math.max(latest, m.atMs), -Infinity);
  const next = markers.filter((m) => m.atMs > at).reduce((earliest, m) => Math.min(earliest, m.atMs), Infinity);
  const before: TimeWindow = { startMs: Math.max(fromMs, previous), endMs: at };
  // The end is exclusive: one ms past the last capture's end keeps a capture that ends there.
  const after: TimeWindow = { startMs: at, endMs: Math.min(toMs + 1, next) };
  return { base: { service, window: before }, target: { service, window: after } };
}
