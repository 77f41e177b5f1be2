/**
 * Splits a JDK 6–8 GC log (-XX:+PrintGCDetails) into its bracketed records.
 *
 * A record starts with the optional stamps of -XX:+PrintGCDateStamps and
 * -XX:+PrintGCTimeStamps (and -XX:+PrintGCID's "#12: ") and a "[", and ends at
 * the matching "]": `2.167: [GC (Allocation Failure) 2.167: [ParNew: …], 0.0144450 secs]`.
 * A record may span lines: G1 ergonomics, tenuring and reference lines are
 * printed inside it, and the collector's concurrent thread may print a whole
 * record of its own in the middle of another one:
 *
 *     4.853: [GC pause (young)4.853: [GC concurrent-mark-end, 0.0064246 sec]
 *      150M->150M(256M), 0.0136035 secs]
 *
 * So concurrent records ("[GC concurrent-…]" of G1, "[CMS-concurrent-…]" of
 * CMS, each with its optional "[Times: …]") are taken out of the line wherever
 * they are, and the rest is joined until the brackets balance. Lines outside
 * any record are handed over as detail lines (G1's "[Eden: … Heap: …]" summary
 * follows its pause record; PrintHeapAtGC blocks; the JVM header).
 */
import { logLines } from './lines';

const DATE = String.raw`[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[.,][0-9]{3}[+-][0-9]{4}`;
const UPTIME = String.raw`[0-9]+[.,][0-9]+`;
/** Date stamp, uptime stamp and GC id, each optional, as PrintGCDateStamps/TimeStamps/PrintGCID print them. */
export const LEGACY_STAMPS = `(?:(${DATE}): )?(?:(${UPTIME}): )?(?:#([0-9]+): )?`;

/**
 * A record opening at the start of a line: at least one stamp, then "[". Without stamps (plain
 * -verbose:gc) only "[GC"/"[Full GC" opens one: other bracketed lines are G1's detail lines.
 */
const RECORD_START = new RegExp(String.raw`^\s*(?=[0-9#])${LEGACY_STAMPS}\[`);
/** Unstamped records (-verbose:gc alone) start in the first column: "[GC (Allocation Failure) …", "[GC 1234K->…", "[Full GC …". */
export const UNSTAMPED_GC = /^\[(?:GC|Full GC)(?: \(| [0-9]| pause |--|\[)/;
const NO_STAMPS: Stamps = { dateText: null, uptimeText: null, gcId: null };
/**
 * A concurrent record anywhere in a line. It may not start inside a number (so a run of digits is
 * tried once), and its text is bounded (real ones are under 200 characters), so no line makes this
 * search quadratic.
 */
const CONCURRENT = new RegExp(
  String.raw`(?<![0-9.,])${LEGACY_STAMPS}\[((?:GC concurrent-|CMS-concurrent-)[^\[\]]{0,512})\](?: ?\[Times: [^\[\]]{0,512}\])?`,
  'g',
);

/** Joined records longer than this are not real records (an unbalanced "[" in a corrupt file): they are skipped. */
const MAX_RECORD_LINES = 2_000;
const MAX_RECORD_CHARS = 1024 * 1024;

export interface Stamps {
  dateText: string | null;
  uptimeText: string | null;
  gcId: number | null;
}

export type LegacyItem =
  /** A whole record: `body` is the text inside its outer brackets (lines joined by a space). */
  | { type: 'record'; stamps: Stamps; body: string; line: number }
  /** A concurrent record found inside a line: `body` as above ("GC concurrent-mark-end, 0.0064 sec"). */
  | { type: 'concurrent'; stamps: Stamps; body: string; line: number }
  /** A line outside any record. */
  | { type: 'detail'; text: string; line: number }
  /** A record that never closed (cut off, or unbalanced brackets); `text` is its start. */
  | { type: 'unclosed'; text: string; line: number };

export function stampsOf(match: RegExpExecArray, first: number): Stamps {
  const gcId = match[first + 2];
  return {
    dateText: match[first] ?? null,
    uptimeText: match[first + 1] ?? null,
    gcId: gcId === undefined ? null : Number(gcId),
  };
}

interface OpenRecord {
  stamps: Stamps;
  parts: string[];
  depth: number;
  line: number;
  lines: number;
  chars: number;
}

export function* legacyItems(text: string): Generator<LegacyItem> {
  let open: OpenRecord | null = null;
  for (const line of logLines(text)) {
    if (line.tooLong) {
      if (open) yield { type: 'unclosed', text: open.parts[0] ?? '', line: open.line };
      open = null;
      if (RECORD_START.test(line.text) || UNSTAMPED_GC.test(line.text)) {
        yield { type: 'unclosed', text: line.text, line: line.number };
      }
      continue;
    }
    const concurrent: LegacyItem[] = [];
    const takeConcurrent = (_: string, date?: string, uptime?: string, id?: string, body = ''): string => {
      const stamps = { dateText: date ?? null, uptimeText: uptime ?? null, gcId: id === undefined ? null : Number(id) };
      concurrent.push({ type: 'concurrent', stamps, body, line: line.number });
      return '';
    };
    const rest = line.text.includes('concurrent-') ? line.text.replace(CONCURRENT, takeConcurrent) : line.text;
    yield* concurrent;

    let remaining = rest;
    while (remaining !== '') {
      if (open === null) {
        const stamped = RECORD_START.exec(remaining);
        const unstamped = stamped ? null : UNSTAMPED_GC.exec(remaining);
        if (!stamped && !unstamped) {
          if (remaining === rest && remaining.trim() !== '')
            yield { type: 'detail', text: remaining, line: line.number };
          break;
        }
        const bracket = stamped ? stamped[0].length - 1 : remaining.indexOf('[');
        open = {
          stamps: stamped ? stampsOf(stamped, 1) : NO_STAMPS,
          parts: [],
          depth: 0,
          line: line.number,
          lines: 0,
          chars: 0,
        };
        remaining = remaining.slice(bracket);
      }
      const close = closingBracket(remaining, open);
      open.lines++;
      if (close < 0) {
        open.parts.push(remaining);
        open.chars += remaining.length;
        if (open.lines > MAX_RECORD_LINES || open.chars > MAX_RECORD_CHARS) {
          yield { type: 'unclosed', text: open.parts[0] ?? '', line: open.line };
          open = null;
        }
        break;
      }
      open.parts.push(remaining.slice(0, close + 1));
      const whole = open.parts.join(' ');
      yield { type: 'record', stamps: open.stamps, body: whole.slice(1, whole.length - 1), line: open.line };
      open = null;
      remaining = remaining.slice(close + 1);
    }
  }
  if (open) yield { type: 'unclosed', text: open.parts[0] ?? '', line: open.line };
}

/** Index in `text` of the "]" that brings the record's depth back to 0, updating `open.depth`; -1 if it stays open. */
function closingBracket(text: string, open: OpenRecord): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b) open.depth++;
    else if (c === 0x5d && open.depth > 0 && --open.depth === 0) return i;
  }
  return -1;
}
