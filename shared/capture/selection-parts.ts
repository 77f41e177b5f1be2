/**
 * What a Selection reads from each item it covers: the whole item, or, for an
 * item whose samples carry times, the samples inside the window. Pure, so the
 * store, the CLI and tests agree on which items a window takes.
 */
import type { ItemKind } from '../ipc/contract';
import { isAllTime, type Selection, type TimeWindow } from './selection';

/** The catalogue facts a selection is resolved against (a ItemSummary has them all). */
export interface SelectableItem {
  id: number;
  kind: ItemKind;
  service: string | null;
  /** Wall-clock start, ms since the epoch; null when unknown. */
  capturedAtMs: number | null;
  durationNs: number | null;
  hasSampleTimes?: boolean;
  /** Item-level labels (build id, version, host…), when the catalogue has them. */
  labels?: Readonly<Record<string, string>>;
}

export interface SelectionPart {
  id: number;
  /** Samples with times in [fromNs, toNs), ns since the item's start; absent: every sample of the item. */
  cut?: { fromNs: number; toNs: number };
}

export class SelectionError extends Error {
  override readonly name = 'SelectionError';
}

/**
 * The items a service selection names, in catalogue order: same service, kind and labels, overlapping the window
 * (the window ALL_TIME: every item of the service, those with no wall-clock start included).
 */
export function itemsOfService<T extends SelectableItem>(
  catalogue: readonly T[],
  selection: Extract<Selection, { service: string }>,
): T[] {
  return catalogue.filter(
    (item) =>
      item.service === selection.service &&
      (selection.kind === undefined || item.kind === selection.kind) &&
      (selection.labels ?? []).every(({ key, value }) => item.labels?.[key] === value) &&
      (isAllTime(selection.window) || overlaps(item, selection.window)),
  );
}

/**
 * The part of each item a selection reads. Without a window (or with
 * ALL_TIME) every item counts whole. With one, an item with sample times is cut to it (its times are
 * relative to capturedAtMs), any other item counts whole when its span
 * overlaps the window and not at all otherwise.
 */
export function selectionParts(items: readonly SelectableItem[], selection: Selection): SelectionPart[] {
  const window = selection.window;
  if (window === undefined || isAllTime(window)) return items.map((item) => ({ id: item.id }));
  const parts: SelectionPart[] = [];
  for (const item of items) {
    if (item.capturedAtMs === null) {
      throw new SelectionError(`item ${item.id} has no wall-clock start, so a time window cannot place it`);
    }
    if (item.hasSampleTimes === true) {
      parts.push({
        id: item.id,
        cut: { fromNs: (window.startMs - item.capturedAtMs) * 1e6, toNs: (window.endMs - item.capturedAtMs) * 1e6 },
      });
    } else if (overlaps(item, window)) parts.push({ id: item.id });
  }
  return parts;
}

/** True when the item's span [start, start + duration] meets [window.startMs, window.endMs). */
function overlaps(item: SelectableItem, window: TimeWindow): boolean {
  if (item.capturedAtMs === null) return false;
  const endMs = item.capturedAtMs + (item.durationNs ?? 0) / 1e6;
  return item.capturedAtMs < window.endMs && endMs >= window.startMs;
}
