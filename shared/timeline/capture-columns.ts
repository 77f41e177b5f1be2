/**
 * A service's timeline captures as getTimeline sends them (columns, labels by label-set index) and as their readers
 * want them (a row per capture with its labels): the CLI's `kiln timeline --json` shape, markers, tests.
 */
import type { TimelineCapture, TimelineCaptureColumns, TimelineService } from '../ipc/contract';
import { toColumns } from './series';

const CAPTURE_KEYS = ['id', 'kind', 'capturedAtMs', 'durationNs', 'labelSet'] as const;

/** Rows to columns, each distinct label set sent once (compared by its sorted entries). */
export function captureColumns(captures: readonly TimelineCapture[]): {
  captures: TimelineCaptureColumns;
  labelSets: Record<string, string>[];
} {
  const labelSets: Record<string, string>[] = [];
  const indexOf = new Map<string, number>();
  const rows = captures.map(({ labels, ...capture }) => {
    const key = JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    let labelSet = indexOf.get(key);
    if (labelSet === undefined) {
      labelSet = labelSets.push(labels) - 1;
      indexOf.set(key, labelSet);
    }
    return { ...capture, labelSet };
  });
  return { captures: toColumns(rows, CAPTURE_KEYS), labelSets };
}

/** A service's captures as rows, each with its own copy of its labels. */
export function captureRows(service: Pick<TimelineService, 'captures' | 'labelSets'>): TimelineCapture[] {
  const { id, kind, capturedAtMs, durationNs, labelSet } = service.captures;
  return id.map((captureId, i) => ({
    id: captureId,
    kind: kind[i] as TimelineCapture['kind'],
    capturedAtMs: capturedAtMs[i] ?? null,
    durationNs: durationNs[i] ?? null,
    labels: { ...service.labelSets[labelSet[i] as number] },
  }));
}
