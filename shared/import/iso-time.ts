/**
 * The wall-clock stamps of JVM logs: HotSpot's `time`/`utctime` decorations
 * and -XX:+PrintGCDateStamps both print ISO-8601 with milliseconds and a
 * numeric zone offset ("2022-08-17T00:34:03.651+0800"). Parsed by hand:
 * Date.parse does not accept an offset without a colon everywhere.
 */

const ISO =
  /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:[.,]([0-9]{1,9}))?(Z|[+-][0-9]{2}:?[0-9]{2})?$/;

/** Milliseconds since the Unix epoch, or null when the text is not such a stamp. A stamp without a zone is read as UTC. */
export function parseIsoTimeMs(text: string): number | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const fraction = (m[7] ?? '').padEnd(3, '0').slice(0, 3);
  const utc = Date.UTC(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
    Number(fraction),
  );
  const zone = m[8];
  if (zone === undefined || zone === 'Z') return utc;
  const digits = zone.replace(':', '');
  const sign = digits[0] === '-' ? -1 : 1;
  const offsetMinutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return utc - sign * offsetMinutes * 60_000;
}
