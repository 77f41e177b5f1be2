/**
 * Duration events of a trace (phases B/E and X) to one 'trace' profile per
 * thread, whose samples are the self time of the innermost open event
 * (span-samples.ts).
 *
 * Facts from the Trace Event Format document: B and E mark the beginning and
 * end of a duration event on one thread and must nest; an E event's name and
 * args are optional (its args are merged into the B's); X is a complete event
 * with `dur`; events need not be in timestamp order in the file.
 *
 * Matching rules (documented choices; the corpus' speedscope test files
 * exercise each one):
 * - Per thread, B and E events are taken in timestamp order, ties in file order.
 * - At one timestamp, an E that closes the innermost open B is taken before
 *   any other event of that timestamp (so "E C, B C" at one instant is a
 *   zero-length C, and sibling tasks that meet end to end do not nest); the
 *   search looks at most END_LOOKAHEAD events ahead, so hostile input stays linear.
 * - An E closes the innermost open B when it has no name or the same name.
 *   An E named differently is ignored, as speedscope and Perfetto do; so is
 *   an E with nothing open. Both are counted in the profile's comments.
 * - B events still open at the end are closed at the thread's last timestamp
 *   (as speedscope does), and counted.
 * - X events without a numeric, non-negative `dur` are ignored and counted.
 * Arguments never affect matching.
 *
 * Hermes (React Native) writes its sampling profiles as B/E events whose args
 * carry `url`, `line` and `column`; when present they become the frame's file
 * and position.
 */
import { ProfileBuilder } from '../../profile/builder';
import type { Profile } from '../../profile/model';
import { threadKey, threadRef, type ThreadRef } from './events';
import { fail } from '../errors';
import { isObject, numeric, positiveIntegerOrZero, readString, type JsonObject } from '../json-read';
import { checkItemCount, type ImportLimits } from '../limits';
import { addSpanSamples, type Span } from './span-samples';

const END_LOOKAHEAD = 64;

interface Location {
  file: string;
  line: number;
  column: number;
}

interface Begin {
  ts: number;
  name: string;
  index: number;
  location: Location | null;
}

interface End {
  ts: number;
  /** "" when the E event has no name: it closes whatever is open. */
  name: string;
  index: number;
}

interface Complete extends Begin {
  end: number;
}

/** The duration events of one thread, as read from the file. */
export interface ThreadSpans {
  thread: ThreadRef;
  begins: Begin[];
  ends: End[];
  completes: Complete[];
  /** X events left out for lack of a usable duration. */
  completesWithoutDuration: number;
}

/** Collects B, E and X events per thread, in the order threads first appear. */
export class SpanEvents {
  private readonly byThread = new Map<string, ThreadSpans>();
  /** Earliest timestamp of any duration event, microseconds; Infinity when none. */
  earliestUs = Infinity;

  add(event: JsonObject, index: number, limits: ImportLimits): void {
    const ph = event.ph as 'B' | 'E' | 'X';
    const ts = numeric(event.ts);
    if (ts === null) fail(`traceEvents[${index}] (ph "${ph}") has no numeric ts`);
    const thread = threadRef(event, limits);
    const key = threadKey(thread);
    let spans = this.byThread.get(key);
    if (spans === undefined) {
      spans = { thread, begins: [], ends: [], completes: [], completesWithoutDuration: 0 };
      this.byThread.set(key, spans);
      checkItemCount(this.byThread.size, limits);
    }
    const name = readString(event.name, `traceEvents[${index}].name`, limits);
    if (ph === 'E') {
      spans.ends.push({ ts, name, index });
    } else if (ph === 'B') {
      spans.begins.push({ ts, name, index, location: location(event.args, index, limits) });
    } else {
      const dur = numeric(event.dur);
      if (dur === null || dur < 0) {
        spans.completesWithoutDuration++;
        return;
      }
      spans.completes.push({ ts, end: ts + dur, name, index, location: location(event.args, index, limits) });
    }
    this.earliestUs = Math.min(this.earliestUs, ts);
  }

  /** Threads with a duration event so far, each an item. */
  get threadCount(): number {
    return this.byThread.size;
  }

  threads(): ThreadSpans[] {
    return [...this.byThread.values()];
  }
}

function location(args: unknown, index: number, limits: ImportLimits): Location | null {
  if (!isObject(args) || typeof args.url !== 'string' || args.url === '') return null;
  return {
    file: readString(args.url, `traceEvents[${index}].args.url`, limits),
    line: positiveIntegerOrZero(args.line),
    column: positiveIntegerOrZero(args.column),
  };
}

/**
 * The thread's profile, or null when its events cover no time (only
 * zero-length or ignored events). Times are nanoseconds since `baseUs`.
 */
export function buildSpanProfile(spans: ThreadSpans, baseUs: number, limits: ImportLimits): Profile | null {
  const builder = new ProfileBuilder('chrome-trace', 'trace', [{ type: 'wall', unit: 'nanoseconds' }]);
  const toNs = (us: number): number => Math.round((us - baseUs) * 1000);
  const frameOf = (event: Begin): number => {
    const func = builder.internFunction({ name: event.name || '(unnamed)', file: event.location?.file });
    return builder.internFrame({ func, line: event.location?.line, column: event.location?.column });
  };

  let firstUs = Infinity;
  let lastUs = -Infinity;
  for (const b of spans.begins) lastUs = Math.max(lastUs, b.ts);
  for (const e of spans.ends) lastUs = Math.max(lastUs, e.ts);
  for (const x of spans.completes) lastUs = Math.max(lastUs, x.end);

  const list: Span[] = [];
  const add = (event: Begin, endUs: number): void => {
    firstUs = Math.min(firstUs, event.ts);
    list.push({ start: toNs(event.ts), end: toNs(endUs), frame: frameOf(event), order: event.index });
  };
  const counts = matchBeginEnd(spans.begins, spans.ends, lastUs, add);
  for (const x of spans.completes) add(x, x.end);

  const { clamped } = addSpanSamples(builder, list, limits, true);
  if (builder.sampleCount === 0) return null;
  builder.durationNs = toNs(lastUs) - toNs(firstUs);
  const notes: [number, string][] = [
    [counts.unmatched, 'E events with no open B event were ignored'],
    [counts.mismatched, 'E events named differently from the innermost open B event were ignored'],
    [counts.unclosed, "B events still open at the end were closed at the thread's last timestamp"],
    [spans.completesWithoutDuration, 'X events without a duration were ignored'],
    [clamped, 'events that ended after their enclosing event were cut at its end'],
  ];
  for (const [count, what] of notes) if (count > 0) builder.comments.push(`trace: ${count} ${what}`);
  return builder.build();
}

interface MatchCounts {
  unmatched: number;
  mismatched: number;
  unclosed: number;
}

/** Pairs B with E events by the rules in the header; `onSpan` gets each B with its end time (µs). */
function matchBeginEnd(
  begins: Begin[],
  ends: End[],
  threadEndUs: number,
  onSpan: (begin: Begin, endUs: number) => void,
): MatchCounts {
  // Stable sorts (ES2019): ties keep file order.
  begins.sort((a, b) => a.ts - b.ts);
  ends.sort((a, b) => a.ts - b.ts);
  const counts: MatchCounts = { unmatched: 0, mismatched: 0, unclosed: 0 };
  const open: Begin[] = [];
  let bi = 0;
  let ei = 0;
  while (bi < begins.length || ei < ends.length) {
    const b = begins[bi];
    const e = ends[ei];
    const top = open[open.length - 1];
    let takeEnd: boolean;
    if (e === undefined) takeEnd = false;
    else if (b === undefined || e.ts < b.ts) {
      bringClosingEndForward(ends, ei, top);
      takeEnd = true;
    } else if (b.ts < e.ts) takeEnd = false;
    else takeEnd = bringClosingEndForward(ends, ei, top);

    if (!takeEnd) {
      open.push(b as Begin);
      bi++;
      continue;
    }
    const end = ends[ei++] as End;
    if (top === undefined) counts.unmatched++;
    else if (end.name !== '' && end.name !== top.name) counts.mismatched++;
    else onSpan(open.pop() as Begin, end.ts);
  }
  for (let k = open.length - 1; k >= 0; k--) {
    onSpan(open[k] as Begin, threadEndUs);
    counts.unclosed++;
  }
  return counts;
}

/**
 * Among the E events at `ends[from]`'s timestamp (at most END_LOOKAHEAD), moves
 * the first that closes `top` to `from`, keeping the others' order. True when
 * one was found.
 */
function bringClosingEndForward(ends: End[], from: number, top: Begin | undefined): boolean {
  if (top === undefined) return false;
  const ts = (ends[from] as End).ts;
  const limit = Math.min(ends.length, from + END_LOOKAHEAD);
  for (let j = from; j < limit && (ends[j] as End).ts === ts; j++) {
    const candidate = ends[j] as End;
    if (candidate.name !== '' && candidate.name !== top.name) continue;
    for (let k = j; k > from; k--) ends[k] = ends[k - 1] as End;
    ends[from] = candidate;
    return true;
  }
  return false;
}
