/**
 * Collects the events of one GC log: checks the maxGcEvents budget, counts
 * the lines that looked like GC events but could not be read, and builds the
 * GcLog, failing when the file holds no GC event at all.
 */
import type { GcEvent, GcFormat, GcLog } from '../../gc/model';
import { ImportFailure } from '../errors';
import { checkLimit, type ImportLimits } from '../limits';

const REPORTED_SKIPPED_LINES = 3;
const REPORTED_LINE_CHARS = 100;

/**
 * The text holds no readable GC event. When the sniffer has already recognised
 * the file as a GC log (from lines such as "Using G1" or the exit statistics)
 * and no line failed to parse, the importer entry turns this into an empty log.
 */
export class NoGcEvents extends ImportFailure {
  constructor(
    reason: string,
    readonly skippedLines: number,
  ) {
    super(reason);
  }
}

export class GcEventCollector {
  readonly events: GcEvent[] = [];
  private skipped = 0;
  private readonly skippedSamples: string[] = [];

  constructor(private readonly limits: ImportLimits) {}

  add(event: GcEvent): void {
    checkLimit('GC event count', this.events.length + 1, this.limits, 'maxGcEvents');
    this.events.push(event);
  }

  /** A line (or multi-line record) that looked like a GC event but could not be read. */
  skip(lineNumber: number, text: string): void {
    this.skipped++;
    if (this.skippedSamples.length < REPORTED_SKIPPED_LINES) {
      this.skippedSamples.push(`line ${lineNumber}: ${text.slice(0, REPORTED_LINE_CHARS)}`);
    }
  }

  get skippedLines(): number {
    return this.skipped;
  }

  /**
   * The log, events in time order (a stable sort: events of equal time keep
   * the order of the file). `what` names the format in the failure message.
   */
  build(format: GcFormat, collector: string | null, startTimeMs: number | null, what: string, hint = ''): GcLog {
    if (this.events.length === 0) {
      const detail =
        this.skipped > 0
          ? `; ${this.skipped} line(s) looked like GC events but could not be read, first ${this.skippedSamples[0] ?? ''}`
          : '';
      throw new NoGcEvents(`no GC events found in this ${what}${detail}${hint}`, this.skipped);
    }
    const events = this.events;
    for (let i = 1; i < events.length; i++) {
      if ((events[i] as GcEvent).timeMs < (events[i - 1] as GcEvent).timeMs) {
        events.sort((a, b) => a.timeMs - b.timeMs);
        break;
      }
    }
    return { format, collector, startTimeMs, events, skippedLines: this.skipped };
  }
}

/**
 * An event's start (GcEvent.timeMs) from the time its line was stamped when the pause or phase ended and the
 * duration it printed. Rounded to the nanosecond, so "2.472s" minus "3.341ms" is 2468.659, not a float's
 * neighbour of it.
 */
export function startBefore(endMs: number, ns: number): number {
  return Math.round(endMs * 1e6 - ns) / 1e6;
}
