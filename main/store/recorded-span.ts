/**
 * The span a file records, for anchoring the items whose file states no start (shared/capture captureStart): the
 * longest of those items' spans, so every item of the file gets the same estimated start and items on the file's
 * one relative clock stay lined up.
 */
import type { StorableItem } from './profile-store';
import { gcLogSpanNs } from './write-gc-log';

/** ns from the file's time 0 to the end of what its unanchored items record; 0 when they record no span. */
export function recordedSpanNs(items: readonly StorableItem[]): number {
  let span = 0;
  for (const item of items) {
    const ns =
      item.type === 'profile'
        ? item.profile.startTimeMs === null
          ? item.profile.durationNs
          : null
        : item.type === 'gc-log'
          ? item.gcLog.startTimeMs === null
            ? gcLogSpanNs(item.gcLog)
            : null
          : null; // a heap snapshot is one instant
    if (ns !== null && Number.isFinite(ns)) span = Math.max(span, ns);
  }
  return span;
}
