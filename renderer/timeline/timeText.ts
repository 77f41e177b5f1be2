/**
 * Reading back the time-range picker's and the annotation form's text: local wall-clock time as formatDate.ts's
 * formatLocalDateTime writes it (the page's one clock, as the axis and the window header show it),
 * "2026-11-24 10:00:02" with ".250" when the instant has milliseconds. Also the picker's presets. Pure, so parsing is
 * unit-tested.
 */
import type { TimeRange } from './timeRange';

const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/**
 * Reads local "YYYY-MM-DD HH:MM[:SS[.mmm]]" (a "T" may stand for the space) as ms since the epoch; null when the
 * text is not such a time or names a day or hour that does not exist (2026-02-30, 25:00), which Date would roll over.
 */
export function parseLocalTime(text: string): number | null {
  const match = LOCAL_TIME.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second = '0', fraction = '0'] = match.slice(1).map((part) => part ?? '');
  const parts = [year, month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Number(fraction.padEnd(3, '0'));
  const date = new Date(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5], ms);
  // Date rolls 2026-02-30 over to March: a field that changed was out of range.
  if (
    date.getFullYear() !== parts[0] ||
    date.getMonth() !== parts[1] - 1 ||
    date.getDate() !== parts[2] ||
    date.getHours() !== parts[3] ||
    date.getMinutes() !== parts[4] ||
    date.getSeconds() !== parts[5]
  ) {
    return null;
  }
  return date.getTime();
}

export interface RangePreset {
  key: string;
  label: string;
  spanMs: number;
}

export const RANGE_PRESETS: readonly RangePreset[] = [
  { key: '15m', label: 'Last 15 min', spanMs: 15 * 60_000 },
  { key: '1h', label: 'Last 1 h', spanMs: 3_600_000 },
  { key: '6h', label: 'Last 6 h', spanMs: 6 * 3_600_000 },
  { key: '24h', label: 'Last 24 h', spanMs: 24 * 3_600_000 },
];

/** A preset's range: `spanMs` ending at the latest capture's end. */
export function presetRange(preset: RangePreset, latestMs: number): TimeRange {
  return { fromMs: latestMs - preset.spanMs, toMs: latestMs };
}

/** The range the From/To texts name, or why not. */
export function rangeFromTexts(from: string, to: string): TimeRange | { error: string } {
  const fromMs = parseLocalTime(from);
  if (fromMs === null) return { error: `"${from}" is not a time like 2026-11-24 10:00:00` };
  const toMs = parseLocalTime(to);
  if (toMs === null) return { error: `"${to}" is not a time like 2026-11-24 10:00:00` };
  if (toMs <= fromMs) return { error: 'To must be after From' };
  return { fromMs, toMs };
}
