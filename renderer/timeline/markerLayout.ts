/**
 * Where a service's markers go on screen: one flag per marker in the visible range, and markers closer than a few
 * pixels merged into one flag with a count, so a dense deploy log never overdraws into mush. Pure, so flag merging
 * and hit testing are unit-tested without a DOM.
 */
import type { TimelineMarkerView } from '../../shared/ipc/contract';
import type { MarkerSource } from '../../shared/timeline/markers';
import { xAtTime, type TimeRange } from './timeRange';

/** Flags whose markers are nearer than this on screen merge into one: a flag is about this wide. */
export const MERGE_PX = 8;

export interface MarkerFlag {
  /** CSS px from the plot's left edge: the first marker's position (the line is drawn there). */
  x: number;
  /** In time order; more than one when merged. */
  markers: TimelineMarkerView[];
}

/** The first index whose marker is at or after `ms` (markers are in time order). */
function firstAtOrAfter(markers: readonly TimelineMarkerView[], ms: number): number {
  let low = 0;
  let high = markers.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((markers[mid] as TimelineMarkerView).atMs < ms) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The flags of markers (in time order) visible in `range` over `widthPx`: a marker joins the open flag while it is
 * within `mergePx` of that flag's first marker, so a flag never spans more than `mergePx` however dense the log.
 * Two binary searches bound the work to the markers in view.
 */
export function layoutFlags(
  markers: readonly TimelineMarkerView[],
  range: TimeRange,
  widthPx: number,
  mergePx = MERGE_PX,
): MarkerFlag[] {
  const span = range.toMs - range.fromMs;
  if (span <= 0 || widthPx <= 0) return [];
  const msPerPx = span / widthPx;
  const start = firstAtOrAfter(markers, range.fromMs - msPerPx);
  let end = firstAtOrAfter(markers, range.toMs + msPerPx);
  while (end < markers.length && (markers[end] as TimelineMarkerView).atMs === range.toMs + msPerPx) end++;
  const flags: MarkerFlag[] = [];
  let open: MarkerFlag | null = null;
  for (let i = start; i < end; i++) {
    const marker = markers[i] as TimelineMarkerView;
    const x = xAtTime(range, widthPx, marker.atMs);
    if (open && x - open.x < mergePx) {
      open.markers.push(marker);
      continue;
    }
    open = { x, markers: [marker] };
    flags.push(open);
  }
  return flags;
}

/** The flag under `x` (within `slopPx` either side of its drawn extent), the nearest one on a tie; null if none. */
export function flagAt(flags: readonly MarkerFlag[], x: number, slopPx = 4): MarkerFlag | null {
  let best: MarkerFlag | null = null;
  let bestDistance = Infinity;
  for (const flag of flags) {
    const distance = Math.abs(x - flag.x);
    if (distance <= slopPx && distance < bestDistance) {
      best = flag;
      bestDistance = distance;
    }
  }
  return best;
}

/** Stored annotations can be edited or deleted; automatic markers follow from the captures. */
export function isEditable(marker: TimelineMarkerView): boolean {
  return marker.annotationId !== undefined && (marker.source === 'user' || marker.source === 'file');
}

const SOURCE_TEXT: Record<MarkerSource, string> = {
  'build-id': 'build id changed',
  label: 'version label changed',
  restart: 'process restarted',
  user: 'added by you',
  file: 'imported from a file',
};

/** The source as a tooltip spells it: "from deploys.csv" for an imported one whose file is known. */
export function sourceText(marker: TimelineMarkerView): string {
  if (marker.source === 'file' && marker.origin) return `from ${marker.origin}`;
  return SOURCE_TEXT[marker.source];
}
