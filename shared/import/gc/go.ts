/**
 * Go's GODEBUG=gctrace=1 output: one line per collection on stderr, in the
 * format the runtime documents (package runtime, "Environment Variables"):
 *
 *     gc # @#s #%: #+#+# ms clock, #+#/#/#+# ms cpu, #->#-># MB, # MB goal, # MB stacks, # MB globals, # P
 *
 * - "gc #": the GC number; "@#s": seconds since program start (the event time); "#%": share of time in GC.
 *   "@#s" is the cycle's start, as shared/gc/model.ts timeMs wants: the runtime prints
 *   `work.tSweepTerm - runtimeInitTime`, the time sweep termination (the first phase) began (gcMarkTermination,
 *   src/runtime/mgc.go), though the line is written when the cycle ends.
 * - "#+#+# ms clock": wall time of stop-the-world sweep termination, concurrent mark and scan, and
 *   stop-the-world mark termination. pauseNs = the two STW phases; durationNs = all three.
 * - "#+#/#/#+# ms cpu": CPU time of the same phases (mark split into assist/background/idle): not used.
 * - "#->#-># MB": heap size at GC start, at GC end, and live heap after marking (the runtime's docs: "heap size
 *   at GC start, at GC end, and live heap"). Heap before = the first; after = the third, the live heap, which is
 *   what every other dialect's "after" is (shared/gc/model.ts) and what shows a leak; the second, which adds
 *   what was allocated during the concurrent mark, is kept as heapEndBytes. "# MB goal" is the capacity.
 *   MB is bytes >> 20 in the runtime's formatting.
 * - "# MB stacks, # MB globals" (Go 1.18+) and "# P" are not kept. "(forced)" at the end marks a
 *   runtime.GC() call or the forced periodic GC: cause "forced".
 *
 * Go 1.5 and 1.6 printed five clock phases whose STW parts differ: such lines are counted as skipped.
 * The rest of stderr (the program's own logging, "scvg" scavenger lines) is ignored, not skipped.
 */
import type { GcLog } from '../../gc/model';
import { parseMebibytes, scaleDecimal } from '../../gc/parse-units';
import { GcEventCollector } from './events';
import { firstLines, GC_SNIFF_LINES, logLines } from './lines';
import type { ImportLimits } from '../limits';

const GC_LINE_START = /^gc [0-9]+ @[0-9]+(?:\.[0-9]+)?s [0-9]+%: /;
const NUMBER = String.raw`[0-9]+(?:\.[0-9]+)?`;
const GC_LINE = new RegExp(
  String.raw`^gc ([0-9]+) @(${NUMBER})s [0-9]+%: (${NUMBER})\+(${NUMBER})\+(${NUMBER}) ms clock, ` +
    String.raw`[0-9.+/]+ ms cpu, ([0-9]+)->([0-9]+)->([0-9]+) MB, ([0-9]+) MB goal, (?:[0-9]+ MB [a-z]+, )*` +
    String.raw`[0-9]+ P( \(forced\))?$`,
);

/** A gctrace line ("gc 1 @0.058s 0%: …") among the first lines; other program output may surround it. */
export function looksLikeGoGctrace(textStart: string): boolean {
  return firstLines(textStart, GC_SNIFF_LINES).some((line) => GC_LINE_START.test(line));
}

export function importGoGctrace(text: string, limits: ImportLimits): GcLog {
  const events = new GcEventCollector(limits);
  for (const line of logLines(text)) {
    if (!GC_LINE_START.test(line.text)) continue;
    const m = line.tooLong ? null : GC_LINE.exec(line.text.trimEnd());
    const timeMs = m ? scaleDecimal(m[2] as string, 3) : null;
    const sweepTermination = m ? scaleDecimal(m[3] as string, 6) : null;
    const concurrentMark = m ? scaleDecimal(m[4] as string, 6) : null;
    const markTermination = m ? scaleDecimal(m[5] as string, 6) : null;
    if (!m || timeMs === null || sweepTermination === null || concurrentMark === null || markTermination === null) {
      events.skip(line.number, line.text);
      continue;
    }
    events.add({
      timeMs,
      kind: 'gc',
      generation: null,
      cause: m[10] === undefined ? null : 'forced',
      pauseNs: sweepTermination + markTermination,
      durationNs: sweepTermination + concurrentMark + markTermination,
      heapBeforeBytes: parseMebibytes(m[6] as string),
      heapAfterBytes: parseMebibytes(m[8] as string),
      heapCapacityBytes: parseMebibytes(m[9] as string),
      ...endHeap(parseMebibytes(m[7] as string)),
    });
  }
  return events.build('go-gctrace', 'Go', null, 'Go gctrace output');
}

/** heapEndBytes when the number was read (parseMebibytes gives null for an out-of-range value). */
function endHeap(bytes: number | null): { heapEndBytes?: number } {
  return bytes === null ? {} : { heapEndBytes: bytes };
}
