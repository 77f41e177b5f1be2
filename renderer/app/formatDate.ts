/**
 * Every instant the page shows, in one zone: the browser's local time, written "2026-11-24 10:00:02" independent of
 * the locale's settings. The timeline's axis (clockTicks.ts), the time-range picker and annotation form (timeText.ts),
 * the marker and lane tooltips, the catalogue and sidebar, and the window header (windowTitle.ts) all format here,
 * and the timeline says the zone once (zoneLabel) so a reader can compare with the CLI, which prints UTC.
 */
import { secondsSpan } from '../../shared/query/window-summary';

export const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Local "YYYY-MM-DD". */
export function formatLocalDay(msSinceEpoch: number): string {
  const d = new Date(msSinceEpoch);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Local "YYYY-MM-DD HH:MM:SS", plus ".mmm" when `withMs` and the instant is not on a whole second. */
export function formatLocalDateTime(msSinceEpoch: number, withMs = false): string {
  // Down to the ms, as the header rounds a span's start down: an instant never reads as the next second.
  const d = new Date(Math.floor(msSinceEpoch));
  if (Number.isNaN(d.getTime())) return String(msSinceEpoch);
  const text = `${formatLocalDay(d.getTime())} ` + `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return withMs && d.getMilliseconds() !== 0 ? `${text}.${pad(d.getMilliseconds(), 3)}` : text;
}

/** A span to the second in local time, "2026-11-20 10:00:02–10:14:40", as the CLI's header writes it in UTC. */
export function formatLocalSpan(startMs: number, endMs: number): string {
  return secondsSpan(startMs, endMs, formatLocalDateTime);
}

/** The local zone's offset from UTC at an instant, "UTC−08:00", "UTC+05:30", "UTC" (daylight saving moves it). */
export function zoneLabel(atMs: number): string {
  const offsetMin = -new Date(atMs).getTimezoneOffset();
  if (offsetMin === 0 || Number.isNaN(offsetMin)) return 'UTC';
  const magnitude = Math.abs(offsetMin);
  return `UTC${offsetMin < 0 ? '−' : '+'}${pad(Math.floor(magnitude / 60))}:${pad(magnitude % 60)}`;
}
