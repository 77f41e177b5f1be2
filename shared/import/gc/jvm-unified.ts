/**
 * JDK 9+ unified GC logging (`-Xlog:gc`, `-Xlog:gc*`, JEP 158/271). Each
 * collection is logged by GC id, e.g. `[0.202s][info][gc] GC(12) Pause Young
 * (Normal) (G1 Evacuation Pause) 24M->8M(256M) 3.456ms`:
 *
 * - Every timed pause line ("GC(n) Pause … <duration>ms") is one event with
 *   that stop-the-world time. The untimed line that opens it (tag gc,start in
 *   `-Xlog:gc*`) is a start marker, not an event.
 * - Every timed concurrent phase ("GC(n) Concurrent Mark 13.627ms", G1's whole
 *   "Concurrent Cycle", Shenandoah's "Concurrent evacuation", ZGC's phases) is an
 *   event with pauseNs 0 and durationNs; phases nest (G1's "Concurrent Mark
 *   From Roots" is inside "Concurrent Mark", inside "Concurrent Mark Cycle"),
 *   and each is kept as the log states it.
 * - Heap before/after/capacity come from the pause line ("24M->8M(256M)"); a
 *   pause without them (ZGC) takes before/after from the cycle's summary line
 *   "GC(n) Garbage Collection (cause) 10M(5%)->6M(3%)". A cycle that has a
 *   summary but no timed pause (ZGC under plain `-Xlog:gc`) becomes one event
 *   of kind "garbage-collection" with pauseNs 0.
 *   "After" (shared/gc/model.ts heapAfterBytes) is the occupancy printed after `->`: what the pause left.
 *   ZGC's summary `after` is the heap used when its concurrent cycle ended, which, like Go gctrace's second
 *   number, includes what the program allocated meanwhile: ZGC prints the live size only in the
 *   `-Xlog:gc+heap` table ("Live:"), not read here.
 * - Serial and CMS of JDK 9–11 log a young collection that fails over to a
 *   full one as "GC(3) Pause Full …" inside "GC(2) Pause Young …": the full
 *   pause ends first with the higher id, and the young pause's time includes
 *   it. Both stay events; the young one keeps only its own part, so the sum
 *   of pauses is the stop-the-world time once.
 * - A line's time is its uptime. Without an uptime decoration it is the wall
 *   clock relative to the first decorated line. `startTimeMs` is the first
 *   line's wall clock minus its uptime (or the first wall clock when there is
 *   no uptime).
 * - Event time is the pause's (or phase's) start, as for every dialect
 *   (shared/gc/model.ts timeMs): the line time minus the duration it prints.
 *   HotSpot's GCTraceTime logs the timed line when the pause or phase ends
 *   (GCTraceTimeLoggerImpl::log_end, src/hotspot/share/gc/shared/gcTraceTime.cpp;
 *   the untimed ",start" line is log_start), so its decorations are the end.
 *   A ZGC summary with its seconds is moved back by them; one without stays.
 * - Allocation stalls (ZGC "Allocation Stall (thread) 0.7ms") are mutator
 *   waits, not collector pauses, and safepoint lines ("Total time for which
 *   application threads were stopped") repeat the pauses: neither is an event.
 */
import type { GcEvent, GcLog } from '../../gc/model';
import {
  JVM_SIZE,
  parseHeapTransition,
  parseSizeBytes,
  scaleDecimal,
  trailingNumber,
  type HeapTransition,
} from '../../gc/parse-units';
import { GcEventCollector, startBefore } from './events';
import { firstLines, GC_SNIFF_LINES, logLines } from './lines';
import type { ImportLimits } from '../limits';
import {
  collectorFromPause,
  collectorFromSpace,
  collectorFromUsing,
  jvmConcurrentKind,
  jvmPauseName,
  slug,
  splitParenthesised,
} from './jvm-gc-names';
import { parseUnifiedLine } from './jvm-unified-decorations';

/**
 * A unified-logging line about GC among the first lines: decorations with a level and a tag set that
 * has "gc" or "safepoint" (`[0.202s][info][gc,start]`), or a time decoration before a GC message when
 * the log was configured without level and tags (`[0.202s] GC(0) Pause Young …`). Other programs'
 * "[info][app]" lines do not qualify.
 */
export function looksLikeJvmUnified(textStart: string): boolean {
  return firstLines(textStart, GC_SNIFF_LINES).some((line) => {
    const parsed = parseUnifiedLine(line);
    if (!parsed) return false;
    if (parsed.level !== null && parsed.tags !== null && /(^|,)(gc|safepoint)(,|$)/.test(parsed.tags)) return true;
    return (parsed.uptimeMs !== null || parsed.wallMs !== null) && /^(GC\([0-9]+\) |Using )/.test(parsed.message);
  });
}

const GC_ID = /^GC\(([0-9]+)\) (?:([YO]): )?(.*)$/;
const SUMMARY = new RegExp(
  `^(Garbage|Major|Minor) Collection \\((.+)\\) (${JVM_SIZE})\\([0-9]+%\\)->(${JVM_SIZE})\\([0-9]+%\\)(?: ([0-9]+[.,][0-9]+)s)?$`,
);
/** Lines that look like a timed GC event even when their decorations are damaged. */
const LOOKS_EVENT = /GC\([0-9]+\) (?:[YO]: )?(?:Pause|Concurrent) /;
const looksTimed = (line: string): boolean => LOOKS_EVENT.test(line) && trailingNumber(line, ['ms'])?.unit === 'ms';
/** GC ids whose pauses still wait for a ZGC summary line; old ones are dropped past this many. */
const MAX_WAITING_IDS = 10_000;

interface Timed {
  /** The words between "Pause"/"Concurrent" and the numbers. */
  name: string;
  heap: HeapTransition | null;
  ns: number;
}

/** "Young (Normal) (G1 Evacuation Pause) 24M->8M(256M) 3.456ms" → name, heap, duration; null when untimed, 'bad' when unreadable. */
function readTimed(words: string): Timed | null | 'bad' {
  const time = trailingNumber(words, ['ms']);
  if (time === null || time.unit === null) return null;
  let name = words.slice(0, time.index).trimEnd();
  const ns = scaleDecimal(time.number, 6);
  if (ns === null) return 'bad';
  let heap: HeapTransition | null = null;
  const space = name.lastIndexOf(' ');
  const last = name.slice(space + 1);
  if (last.includes('->')) {
    heap = parseHeapTransition(last);
    if (heap === null) return 'bad';
    name = space < 0 ? '' : name.slice(0, space);
  }
  if (name.trim() === '') return 'bad';
  return { name, heap, ns };
}

export function importJvmUnified(text: string, limits: ImportLimits): GcLog {
  const events = new GcEventCollector(limits);
  let collector: string | null = null;
  let inferredCollector: string | null = null;
  let startTimeMs: number | null = null;
  let firstWallMs: number | null = null;
  let firstUptimeSeen = false;
  let previousPause: { gcId: number; base: string; event: GcEvent } | null = null;
  // Pauses without heap numbers, by GC id, until the cycle's summary line gives them.
  const waiting = new Map<number, GcEvent[]>();

  for (const line of logLines(text)) {
    if (line.tooLong) {
      if (/GC\([0-9]+\)/.test(line.text)) events.skip(line.number, line.text);
      continue;
    }
    const parsed = parseUnifiedLine(line.text);
    if (!parsed) {
      if (looksTimed(line.text)) events.skip(line.number, line.text);
      continue;
    }
    if (parsed.wallMs !== null && firstWallMs === null) firstWallMs = parsed.wallMs;
    if (!firstUptimeSeen && parsed.uptimeMs !== null) {
      firstUptimeSeen = true;
      if (parsed.wallMs !== null) startTimeMs = parsed.wallMs - parsed.uptimeMs;
    }
    const message = parsed.message;
    if (collector === null && message.startsWith('Using ')) collector = collectorFromUsing(message.slice(6));

    const id = GC_ID.exec(message);
    if (!id) continue;
    const gcId = Number(id[1]);
    const generationPrefix = id[2] ?? null;
    const body = id[3] as string;
    const timeMs =
      parsed.uptimeMs ?? (parsed.wallMs !== null && firstWallMs !== null ? parsed.wallMs - firstWallMs : null);

    if (body.startsWith('Pause ') || body.startsWith('Concurrent ')) {
      const pause = body.startsWith('Pause ');
      const timed = readTimed(body.slice(pause ? 6 : 11));
      if (timed === null) continue; // the untimed line that opens a pause or phase
      if (timed === 'bad' || timeMs === null) {
        events.skip(line.number, line.text);
        continue;
      }
      const event: GcEvent = {
        // The whole printed time, also for a young pause that a nested full one shortens below.
        timeMs: startBefore(timeMs, timed.ns),
        kind: '',
        generation: generationPrefix === 'Y' ? 'young' : generationPrefix === 'O' ? 'old' : null,
        cause: null,
        pauseNs: pause ? timed.ns : 0,
        durationNs: pause ? null : timed.ns,
        heapBeforeBytes: timed.heap?.beforeBytes ?? null,
        heapAfterBytes: timed.heap?.afterBytes ?? null,
        heapCapacityBytes: timed.heap?.capacityBytes ?? null,
      };
      if (pause) {
        const { base, groups } = splitParenthesised(timed.name);
        const name = jvmPauseName(base, groups, generationPrefix);
        event.kind = name.kind;
        event.generation = name.generation;
        event.cause = name.cause;
        inferredCollector ??= collectorFromPause(name.kind, name.cause);
        const baseName = base.toLowerCase();
        if (
          baseName === 'young' &&
          previousPause !== null &&
          previousPause.base === 'full' &&
          previousPause.gcId > gcId &&
          event.pauseNs >= previousPause.event.pauseNs
        ) {
          // The full pause just logged ran inside this young pause (see the header).
          event.pauseNs -= previousPause.event.pauseNs;
        }
        previousPause = { gcId, base: baseName, event };
        if (timed.heap === null) {
          const list = waiting.get(gcId);
          if (list) list.push(event);
          else {
            if (waiting.size >= MAX_WAITING_IDS) waiting.delete(waiting.keys().next().value as number);
            waiting.set(gcId, [event]);
          }
        }
      } else {
        event.kind = jvmConcurrentKind(timed.name);
      }
      events.add(event);
      continue;
    }

    const summary = SUMMARY.exec(body);
    if (summary) {
      const before = parseSizeBytes(summary[3] as string);
      const after = parseSizeBytes(summary[4] as string);
      const pauses = waiting.get(gcId);
      if (pauses) {
        waiting.delete(gcId);
        for (const event of pauses) {
          event.heapBeforeBytes = before;
          event.heapAfterBytes = after;
        }
      } else if (timeMs !== null) {
        const seconds = summary[5];
        const cycleNs = seconds === undefined ? null : scaleDecimal(seconds, 9);
        events.add({
          timeMs: cycleNs === null ? timeMs : startBefore(timeMs, cycleNs),
          kind: slug(`${summary[1] as string} collection`),
          generation: null,
          cause: summary[2] as string,
          pauseNs: 0,
          durationNs: cycleNs,
          heapBeforeBytes: before,
          heapAfterBytes: after,
          heapCapacityBytes: null,
        });
      }
      continue;
    }
    if (/^(Garbage|Major|Minor) Collection \(.*->/.test(body)) {
      events.skip(line.number, line.text);
      continue;
    }
    if (collector === null && inferredCollector === null) {
      // -Xlog:gc+heap names the generations: "GC(0) PSYoungGen: 33275K->5090K(38400K)".
      const space = /^([A-Za-z ]+): [0-9]/.exec(body);
      if (space) inferredCollector = collectorFromSpace(space[1] as string);
    }
  }

  return events.build(
    'jvm-unified',
    collector ?? inferredCollector,
    startTimeMs ?? firstWallMs,
    'JVM unified log',
    ' (collections are logged with -Xlog:gc or -Xlog:gc*)',
  );
}
