/**
 * A garbage-collector log as Kiln keeps it: one event per collection (or per
 * pause of a concurrent collection), on one time axis, with the heap before
 * and after. Fields a format does not state are null, never guessed.
 *
 * Producers: JVM unified logging (-Xlog:gc*, JDK 9+), JDK 8
 * -XX:+PrintGCDetails, Go GODEBUG=gctrace=1, Node/V8 --trace-gc, and the GC
 * events inside JFR recordings.
 */

export type GcFormat = 'jvm-unified' | 'jvm-legacy' | 'go-gctrace' | 'node-trace-gc' | 'jfr';

export interface GcEvent {
  /** Milliseconds since the process (or log) started: JVM uptime, Go's "@Ns", V8's "N ms". */
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
  heapBeforeBytes: number | null;
  heapAfterBytes: number | null;
  /** Committed heap size after the collection, or Go's heap goal. */
  heapCapacityBytes: number | null;
}

export interface GcLog {
  format: GcFormat;
  /** Collector or runtime as the log names it: "G1", "Parallel", "ZGC", "Go", "V8"… null when unknown. */
  collector: string | null;
  /** Wall-clock start of the process in ms since the Unix epoch, when the log states it; else null. */
  startTimeMs: number | null;
  /** Events in time order. */
  events: GcEvent[];
  /** Lines that looked like GC events but could not be read (counted, not fatal). */
  skippedLines: number;
}
