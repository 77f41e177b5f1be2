/**
 * How the catalogue and the item heading print a capture's start, labels and service. Text only: service names and
 * labels come from the files and reach the DOM as text nodes and titles, never as markup.
 */
import type { Capture } from '../../shared/capture/capture';
import { formatLocalDateTime } from '../app/formatDate';

export interface StartText {
  /** Local date and time, or '—' when nothing says when the capture ran. */
  text: string;
  /** What to mark beside it: an estimate (the file's modification time), a start the user set, or nothing. */
  mark: 'estimated' | 'set by you' | null;
}

export function captureStartText(capture: Pick<Capture, 'capturedAtMs' | 'timeSource'>): StartText {
  if (capture.capturedAtMs === null) return { text: '—', mark: null };
  const text = formatLocalDateTime(capture.capturedAtMs);
  if (capture.timeSource === 'estimated') return { text, mark: 'estimated' };
  if (capture.timeSource === 'user') return { text, mark: 'set by you' };
  return { text, mark: null };
}

/** Whether the user may set the start: only where the file states none (the service refuses the others). */
export function canSetStart(capture: Pick<Capture, 'timeSource'>): boolean {
  return capture.timeSource !== 'file';
}

/** One `key=value` per line, in the order the file gave them; '' for none. */
export function labelsText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
}

/** A service cell's hover text: the service and the item's labels. */
export function serviceTitle(capture: Pick<Capture, 'service' | 'labels'>): string {
  const labels = labelsText(capture.labels);
  const service = capture.service ?? 'no service named';
  return labels === '' ? service : `${service}\n${labels}`;
}

/** Sorts by service, then start, so one service's captures sit together in time order; no service comes last. */
export function compareByService(
  a: Pick<Capture, 'service' | 'capturedAtMs'>,
  b: Pick<Capture, 'service' | 'capturedAtMs'>,
): number {
  if (a.service !== b.service) {
    if (a.service === null) return 1;
    if (b.service === null) return -1;
    return a.service.localeCompare(b.service);
  }
  return (a.capturedAtMs ?? Infinity) - (b.capturedAtMs ?? Infinity) || 0;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The value of an `<input type="datetime-local" step="1">` for a time: local, to the second. */
export function dateTimeLocalValue(msSinceEpoch: number): string {
  const d = new Date(msSinceEpoch);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` +
    `T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  );
}

/** Reads such an input's value (local time; seconds optional) back to ms since the epoch; null if it is not one. */
export function parseDateTimeLocal(value: string): number | null {
  const match = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,3}))?)?$/.exec(value);
  if (!match) return null;
  const [, year, month, day, hour, minute, second = '0', fraction = '0'] = match;
  const date = new Date(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    Number(fraction.padEnd(3, '0')),
  );
  // new Date rolls over impossible dates (Feb 30 → Mar 2): refuse them rather than set another day.
  if (date.getDate() !== Number(day) || date.getMonth() !== Number(month) - 1) return null;
  return date.getTime();
}
