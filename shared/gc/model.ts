/**
 * A garbage-collector log as Kiln keeps it: one event per collection (or per
 * pause of a concurrent collection), on one time axis, with the heap before
 * and after. Fields a format does not state are null, never guessed.
 *
 * Producers: JVM unified logging (-Xlog:gc*, JDK 9+), JDK 8
 * -XX:+PrintGCDetails, Go GODEBUG=gctrace=1, Node/V8 --trace-gc, and the GC
 * events inside JFR recordings.
 */
import type { CaptureTags } from '../capture/capture';

export type GcFormat = 'jvm-unified' | 'jvm-legacy' | 'go-gctrace' | 'node-trace-gc' | 'jfr';

export interface GcEvent {
  /**
   * When the collection's pause started (for an event without a pause, a concurrent phase or cycle: when it
   * started), in milliseconds since the log's time 0 (GcLog.startTimeMs): JVM uptime, Go's "@Ns", V8's "N ms";
   * for a JFR recording, since the recording's start, the origin of its samples' times too.
   * Always the start, in every dialect, because the timeline draws pause ticks and brushes windows on one clock
   * and JFR gives the start (jdk.GarbageCollection startTime): a log that stamps a line when the pause or phase
   * ends (JVM unified logging, JDK 8 concurrent and Shenandoah records, V8 --trace-gc) is read as the stamp minus
   * the duration it prints. Go gctrace's "@Ns" and JDK 8 pause records already give the start. Only a ZGC cycle
   * summary without a duration stays at its line's time (its end: the log says no more).
   */
  timeMs: number;
  /**
   * What kind of collection, in the log's own words, normalised to lower case:
   * e.g. "young", "mixed", "full", "remark", "cleanup" (G1), "scavenge", "mark-compact",
   * "minor-mark-sweep" (V8), "gc" (Go), "forced" is a cause, not a kind.
   */
  kind: string;
  /** Generation or space collected when the log says ("young", "old", "both"); null otherwise. */
  generation: string | null;
  /** Why it ran, as the log says ("G1 Evacuation Pause", "allocation failure", "forced"); null when unstated. */
  cause: string | null;
  /** Stop-the-world time in nanoseconds (0 for a purely concurrent phase). */
  pauseNs: number;
  /** Wall time of the whole collection when it differs from the pause (concurrent cycles), else null. */
  durationNs: number | null;
  /** Heap in use when the collection started. */
  heapBeforeBytes: number | null;
  /**
   * Heap in use after the collection: what it left, the number whose floor shows a leak. Every dialect's "after"
   * means this: Go gctrace's third number (`A->B->C MB`: C, the heap marked live); the JVM's `before->after`
   * (unified `24M->8M(256M)` and legacy `[PSYoungGen: …] 24576K->8192K(…)`: occupancy after the pause);
   * V8 --trace-gc's `A (B) -> C (D) MB` (C); JFR's GCHeapSummary `when = "After GC"` heapUsed. After a young
   * collection of a generational collector that includes the old generation's unreclaimed objects; the lows
   * across full collections are the live heap.
   */
  heapAfterBytes: number | null;
  /**
   * Heap in use when the cycle ended, where the log tells it apart from what the collection left: Go gctrace's
   * second number (B), which adds what the program allocated during the concurrent mark. Absent elsewhere.
   */
  heapEndBytes?: number;
  /** Committed heap size after the collection, or Go's heap goal. */
  heapCapacityBytes: number | null;
}

export interface GcLog {
  format: GcFormat;
  /** Collector or runtime as the log names it: "G1", "Parallel", "ZGC", "Go", "V8"… null when unknown. */
  collector: string | null;
  /**
   * Wall-clock time of the events' time 0 (the process start, or a JFR recording's start) in ms since the Unix
   * epoch, when the log states it; else null. Stored as the item's capturedAtMs.
   */
  startTimeMs: number | null;
  /** Events in time order. */
  events: GcEvent[];
  /** Lines that looked like GC events but could not be read (counted, not fatal). */
  skippedLines: number;
  /** Service and item-level labels, when the log names them (shared/capture); absent: it names none. */
  capture?: CaptureTags;
}
