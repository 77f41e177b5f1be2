/**
 * Brushing a window on the timeline, as pure arithmetic: the pixels of a drag become a wall-clock window (whole
 * milliseconds, so the window reads back the same from the URL and from `kiln top SERVICE@START/END`), a window
 * becomes the pixels it is shaded over at any zoom, and a ctrl/cmd-click adds or removes one capture of an item-list
 * selection. Unit-tested without a DOM.
 */
import { isAllTime, type Selection, type TimeWindow } from '../../shared/capture/selection';
import type { ItemKind } from '../../shared/ipc/contract';
import type { TimelineLane } from './timelineModel';
import { timeAtX, xAtTime, type TimeRange } from './timeRange';

/** A press that moves less than this is a click (it opens a capture), not a brush. */
export const BRUSH_THRESHOLD_PX = 4;

/** A service window the timeline shades: the selection when it is one (ALL_TIME is every capture, not a window). */
export type ServiceWindow = { service: string; window: TimeWindow; kind?: ItemKind };

/**
 * The window a drag from x0 to x1 (CSS px from the plot's left edge, either order) selects, clamped to the plot;
 * null below the threshold. Start rounds down and end up to whole milliseconds, so the brushed range is all inside.
 */
export function brushWindow(range: TimeRange, widthPx: number, x0: number, x1: number): TimeWindow | null {
  if (Math.abs(x1 - x0) < BRUSH_THRESHOLD_PX || widthPx <= 0) return null;
  const clamp = (x: number): number => Math.min(widthPx, Math.max(0, x));
  const left = clamp(Math.min(x0, x1));
  const right = clamp(Math.max(x0, x1));
  const startMs = Math.floor(timeAtX(range, widthPx, left));
  const endMs = Math.max(startMs + 1, Math.ceil(timeAtX(range, widthPx, right)));
  return { startMs, endMs };
}

/** Where a window is shaded on a plot `widthPx` wide: its left edge and width, clipped to the plot; null out of view. */
export function brushPixels(
  range: TimeRange,
  widthPx: number,
  window: TimeWindow,
): { left: number; width: number } | null {
  const x0 = xAtTime(range, widthPx, window.startMs);
  const x1 = xAtTime(range, widthPx, window.endMs);
  if (x1 < 0 || x0 > widthPx) return null;
  const left = Math.max(0, x0);
  return { left, width: Math.max(1, Math.min(widthPx, x1) - left) };
}

/** The service window a selection is, or null (items, or a whole service). */
export function serviceWindowOf(selection: Selection | null): ServiceWindow | null {
  if (selection === null || !('service' in selection) || isAllTime(selection.window)) return null;
  return {
    service: selection.service,
    window: selection.window,
    ...(selection.kind === undefined ? {} : { kind: selection.kind }),
  };
}

/** The selection a brush over a lane makes: the lane's service and kind over the window. */
export function brushSelection(lane: Pick<TimelineLane, 'service' | 'kind'>, window: TimeWindow): Selection | null {
  return lane.service === null ? null : { service: lane.service, window, kind: lane.kind };
}

/**
 * Ctrl/cmd-click on a capture: added to the item-list selection, or removed when it is in it. A service window is
 * left for a list of the one capture. Removing the last capture leaves the selection as it is (null): something
 * stays open.
 */
export function toggleItem(selection: Selection | null, id: number): Selection | null {
  if (selection === null || !('items' in selection)) return { items: [id] };
  if (!selection.items.includes(id)) return { items: [...selection.items, id] };
  const items = selection.items.filter((other) => other !== id);
  return items.length === 0 ? null : { items };
}

/** The first and last index of a service's lanes (they are contiguous); null when it has none on the timeline. */
export function serviceLaneSpan(
  lanes: readonly Pick<TimelineLane, 'service'>[],
  service: string,
): { first: number; last: number } | null {
  const first = lanes.findIndex((lane) => lane.service === service);
  if (first < 0) return null;
  let last = first;
  while (lanes[last + 1]?.service === service) last++;
  return { first, last };
}
