/**
 * Times in a JFR chunk. Event timestamps are ticks of the JVM's counter (the
 * field carries @Timestamp("TICKS")); the chunk header gives the tick at the
 * chunk's start and the ticks per second, which map them onto the chunk's
 * start in ns since the epoch. Durations are @Timespan("TICKS") in JDK 11+
 * (jdk.jfr.Timespan also allows NANOSECONDS, MICROSECONDS, MILLISECONDS,
 * SECONDS), and jdk.jfr.Timestamp allows MILLISECONDS_SINCE_EPOCH besides
 * TICKS, so a field's annotation, not its name, says how to convert it.
 * Conversions truncate to whole ns like the JDK's TimeConverter
 * ((long) (ticks / (ticksPerSecond / 1e9))), so values match `jfr print` exactly.
 *
 * Chunks of one JVM share its tick counter, but each header pairs its start
 * tick with a fresh wall-clock reading, and the two drift apart (about 2.5 ms
 * a second with a 2.8 GHz TSC in kiln-producer-3chunks.jfr). The JDK's
 * reader (17 and 25 alike) converts every chunk of such a recording with the
 * first chunk's converter, which keeps one monotonic time line; so does
 * `ChunkClock`, for as long as the chunks' headers agree with that clock.
 */
import type { ChunkHeader } from './chunk-header';
import type { JfrClass } from './metadata';

// TICKS is missing on purpose: it depends on the chunk.
const NS_PER_UNIT: ReadonlyMap<string, number> = new Map([
  ['NANOSECONDS', 1],
  ['MICROSECONDS', 1e3],
  ['MILLISECONDS', 1e6],
  ['SECONDS', 1e9],
]);

export class ChunkClock {
  /** ns from the recording's first chunk start to the anchor's start (exact; chunks can be days apart). */
  private readonly offsetNs: number;
  private readonly ticksPerNs: number;
  private readonly startTicks: number;
  /** The anchor's and the recording's start in ms since the epoch. */
  private readonly startMs: number;
  private readonly recordingStartMs: number;

  /** The header whose start anchors the conversion: this chunk's, or an earlier one of the same clock. */
  readonly anchor: ChunkHeader;

  /** `previous`: the clock of the chunk before, which this chunk continues if its header agrees with it. */
  constructor(header: ChunkHeader, recordingStartNanos: bigint, previous: ChunkClock | null) {
    const anchor = previous && continuesClock(previous.anchor, header) ? previous.anchor : header;
    this.anchor = anchor;
    this.offsetNs = Number(anchor.startNanos - recordingStartNanos);
    this.ticksPerNs = anchor.ticksPerSecond / 1e9;
    this.startTicks = anchor.startTicks;
    this.startMs = nanosToMs(anchor.startNanos);
    this.recordingStartMs = nanosToMs(recordingStartNanos);
  }

  /** A timestamp field's value as whole ns since the recording's start. */
  recordingNs(type: JfrClass, field: string, raw: number): number {
    if (isEpochMillis(type, field)) return Math.round((raw - this.recordingStartMs) * 1e6);
    return this.offsetNs + Math.trunc((raw - this.startTicks) / this.ticksPerNs);
  }

  /** A timestamp field's value as ms since the Unix epoch (with a sub-ms fraction). */
  epochMs(type: JfrClass, field: string, raw: number): number {
    if (isEpochMillis(type, field)) return raw;
    return this.startMs + Math.trunc((raw - this.startTicks) / this.ticksPerNs) / 1e6;
  }

  /** A duration field's value in ns, as the field's @Timespan annotation says (ticks when unstated). */
  spanNs(type: JfrClass, field: string, raw: number): number {
    const unit = annotation(type, field, 'jdk.jfr.Timespan');
    const perUnit = unit === undefined ? undefined : NS_PER_UNIT.get(unit);
    return perUnit === undefined ? Math.trunc(raw / this.ticksPerNs) : Math.round(raw * perUnit);
  }
}

/** ns since the epoch (a bigint, beyond 2^53) to ms with a µs fraction. */
export function nanosToMs(nanos: bigint): number {
  return Number(nanos / 1000n) / 1000;
}

function annotation(type: JfrClass, field: string, name: string): string | undefined {
  const index = type.fieldIndex.get(field);
  return index === undefined ? undefined : type.fields[index]?.annotations.get(name);
}

function isEpochMillis(type: JfrClass, field: string): boolean {
  return annotation(type, field, 'jdk.jfr.Timestamp') === 'MILLISECONDS_SINCE_EPOCH';
}

/**
 * Whether `next` counts ticks on `anchor`'s clock: same frequency, and its
 * start projected from the anchor's lands within 1 s plus 1% of the time in
 * between of what its header says. Chunks of unrelated recordings
 * concatenated into one file fail this and get their own clock.
 */
function continuesClock(anchor: ChunkHeader, next: ChunkHeader): boolean {
  if (anchor.ticksPerSecond !== next.ticksPerSecond || next.startTicks < anchor.startTicks) return false;
  const elapsedNs = Number(next.startNanos - anchor.startNanos);
  const projectedNs = (next.startTicks - anchor.startTicks) / (anchor.ticksPerSecond / 1e9);
  return elapsedNs >= 0 && Math.abs(projectedNs - elapsedNs) <= 1e9 + 0.01 * elapsedNs;
}
