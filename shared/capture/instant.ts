/**
 * ISO 8601 instants as a person types them in a selection
 * (`2026-11-20T10:15:00.250Z`, `2026-11-20T12:15:00+02:00`): a full date and
 * time of day, seconds included, an optional fraction and a required zone
 * (`Z` or `±hh:mm`), so a text means one instant whatever the machine's zone.
 * Exact: the fraction is read as decimal digits, not through Date.parse
 * (which drops what is below a millisecond).
 */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch (fractional below 1 ms), or null when `text` is not such an instant. */
export function parseInstant(text: string): number | null {
  const m = INSTANT.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const wholeMs = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 31 April over to 1 May; a day the month does not have is no instant.
  if (new Date(wholeMs).getUTCDate() !== day) return null;
  const zone = m[8] as string;
  let offsetMs = 0;
  if (zone !== 'Z') {
    const hours = Number(zone.slice(1, 3));
    const minutes = Number(zone.slice(4, 6));
    if (hours > 23 || minutes > 59) return null;
    offsetMs = (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
  }
  const fraction = m[7] ?? '';
  // Whole milliseconds as an integer; only digits past the third make a fraction of a millisecond.
  const ms = Number(fraction.slice(0, 3).padEnd(3, '0'));
  const belowMs = fraction.length > 3 ? Number(`0.${fraction.slice(3)}`) : 0;
  return wholeMs - offsetMs + ms + belowMs;
}

/** A time as a person types it on the command line: ms since the epoch, or an instant as parseInstant reads it. */
export function parseTimeText(text: string): number | null {
  const t = text.trim();
  return /^\d{1,16}(\.\d+)?$/.test(t) ? Number(t) : parseInstant(t);
}
