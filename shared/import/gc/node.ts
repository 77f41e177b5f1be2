/**
 * V8's --trace-gc output (Node's `node --trace-gc`): one line per collection
 * on stdout, printed by V8's GCTracer:
 *
 *     [pid:0xisolate]   1234 ms: Scavenge 4.1 (5.2) -> 3.9 (6.2) MB, 1.2 / 0.0 ms  (average mu = …) allocation failure;
 *
 * - "N ms": time since the isolate started, when the line was printed: V8 prints it at the end of the pause
 *   (GCTracer::StopObservablePause calls Print(), which stamps `isolate->time_millis_since_init()`;
 *   src/heap/gc-tracer.cc), rounded to the millisecond ("%8.0f"). The event time is the pause's start
 *   (shared/gc/model.ts timeMs): N minus the pause X below.
 * - The collector: "Scavenge" and "Minor Mark-Sweep"/"Minor Mark-Compact" (young generation),
 *   "Mark-Compact" (full heap, "(reduce)" when reducing memory) or "Mark-sweep" in older V8.
 * - "A (B) -> C (D) MB": objects' size before (A) and after (C), each followed by the memory
 *   committed for the heap (B, D). Heap before = A, after = C (what the collection left: heapAfterBytes in
 *   shared/gc/model.ts), capacity = D; MB = 2^20 bytes.
 * - "X / Y ms": time in the GC pause (pauseNs = X) and in external callbacks (Y, not kept).
 * - What follows: optional "(+ … ms in … steps since start of marking …)" (incremental marking done
 *   before the pause, on the main thread between script steps: not part of this pause), then
 *   "(average mu = …, current mu = …)" in newer V8, then the reason. Newer V8 ends the reason with
 *   ";" and may add the collector's reason ("heap profiler; GC in old space requested"); older V8
 *   writes "[allocation failure]." or "[reason] [collector reason].". The cause keeps both
 *   reasons, joined with "; ".
 *
 * The "[pid:0xaddress]" prefix names the process and isolate; a line whose prefix is malformed (as in
 * gc-trace-parser-csv's "bad-pid" test) cannot be attributed and is counted as skipped. Other stdout
 * lines (the program's output, V8's other traces) are ignored.
 */
import type { GcLog } from '../../gc/model';
import { parseMebibytes, scaleDecimal } from '../../gc/parse-units';
import { GcEventCollector, startBefore } from './events';
import { firstLines, GC_SNIFF_LINES, logLines } from './lines';
import type { ImportLimits } from '../limits';

const COLLECTORS = String.raw`Scavenge|Minor Mark-Sweep|Minor Mark-Compact|Mark-sweep|Mark-Compact`;
const NUMBER = String.raw`[0-9]+(?:\.[0-9]+)?`;
/** Anything that reads like a trace-gc event, with or without a proper prefix. */
const LOOKS_LIKE = new RegExp(String.raw`^\[[^\]]*\]\s+${NUMBER} ms: (?:${COLLECTORS})\b`);
const TRACE_LINE = new RegExp(
  String.raw`^\[[0-9]+:0x[0-9a-fA-F]+\]\s+(${NUMBER}) ms: (${COLLECTORS})(?: \(([a-z ]+)\))? ` +
    String.raw`(${NUMBER}) \((${NUMBER})\) -> (${NUMBER}) \((${NUMBER})\) MB, (${NUMBER}) / ${NUMBER} ms(.*)$`,
);

const KINDS: Readonly<Record<string, { kind: string; generation: string }>> = {
  Scavenge: { kind: 'scavenge', generation: 'young' },
  'Minor Mark-Sweep': { kind: 'minor-mark-sweep', generation: 'young' },
  'Minor Mark-Compact': { kind: 'minor-mark-compact', generation: 'young' },
  'Mark-sweep': { kind: 'mark-sweep', generation: 'both' },
  'Mark-Compact': { kind: 'mark-compact', generation: 'both' },
};

/** A --trace-gc line ("[1234:0x5d6f…]   63 ms: Scavenge …") among the first lines. */
export function looksLikeNodeTraceGc(textStart: string): boolean {
  return firstLines(textStart, GC_SNIFF_LINES).some((line) => LOOKS_LIKE.test(line) && TRACE_LINE.test(line));
}

/** The reasons after the numbers: "(…) (…) heap profiler; GC in old space requested" or "[reason] [reason].". */
function causeOf(tail: string): string | null {
  let pos = 0;
  for (;;) {
    while (tail[pos] === ' ') pos++;
    if (tail[pos] !== '(') break;
    const close = tail.indexOf(')', pos);
    if (close < 0) break;
    pos = close + 1;
  }
  const rest = tail.slice(pos).trim();
  const bracketed = [...rest.matchAll(/\[([^[\]]*)\]/g)].map((m) => (m[1] as string).trim());
  const reasons = bracketed.length > 0 ? bracketed : rest.split(';').map((r) => r.trim());
  const kept = reasons.filter((r) => r !== '' && r !== '.');
  return kept.length > 0 ? kept.join('; ') : null;
}

export function importNodeTraceGc(text: string, limits: ImportLimits): GcLog {
  const events = new GcEventCollector(limits);
  for (const line of logLines(text)) {
    if (!LOOKS_LIKE.test(line.text)) continue;
    const m = line.tooLong ? null : TRACE_LINE.exec(line.text.trimEnd());
    const endMs = m ? Number(m[1]) : null;
    const pauseNs = m ? scaleDecimal(m[8] as string, 6) : null;
    const kind = m ? KINDS[m[2] as string] : undefined;
    if (!m || endMs === null || pauseNs === null || kind === undefined) {
      events.skip(line.number, line.text);
      continue;
    }
    events.add({
      timeMs: startBefore(endMs, pauseNs),
      kind: kind.kind,
      generation: kind.generation,
      cause: causeOf(m[9] as string),
      pauseNs,
      durationNs: null,
      heapBeforeBytes: parseMebibytes(m[4] as string),
      heapAfterBytes: parseMebibytes(m[6] as string),
      heapCapacityBytes: parseMebibytes(m[7] as string),
    });
  }
  return events.build('node-trace-gc', 'V8', null, 'V8 --trace-gc output');
}
