/**
 * Collects sampled events (execution samples, allocation samples) of one kind
 * into one profile. JFR writes events per thread buffer, so file order is not
 * time order; samples are added sorted by time (file order breaks ties), which
 * is what a time-ordered view of the profile expects.
 */
import { ProfileBuilder } from '../../profile/builder';
import type { Profile, ProfileKind, ValueType } from '../../profile/model';
import { checkLimit, type ImportLimits } from '../limits';
import type { Chunk, ChunkEvent } from './chunk';
import { field, num, text, type ConstantPools } from './constant-pools';
import { StackMapper } from './stacks';
import type { ChunkClock } from './time';
import type { JfrValue } from './values';

export interface SampleRecord {
  stack: number;
  /** ns since the recording's start. */
  timeNs: number;
  /** Chunk the event came from (settings such as the period are per chunk). */
  chunk: number;
  /** Bytes for allocations; unused for execution samples. */
  weight: number;
  thread: string | null;
  state: string | null;
}

export interface RecordingInfo {
  startTimeMs: number;
  durationNs: number;
  comments: string[];
}

export class SampleCollector {
  readonly builder: ProfileBuilder;
  readonly stacks: StackMapper;
  private readonly records: SampleRecord[] = [];
  private readonly limits: ImportLimits;
  private readonly what: string;

  constructor(what: string, kind: ProfileKind, sampleTypes: ValueType[], limits: ImportLimits) {
    this.what = what;
    this.limits = limits;
    this.builder = new ProfileBuilder('jfr', kind, sampleTypes);
    this.stacks = new StackMapper(this.builder, limits);
  }

  get count(): number {
    return this.records.length;
  }

  add(record: SampleRecord): void {
    checkLimit(`${this.what} count`, this.records.length + 1, this.limits, 'maxSamples');
    this.records.push(record);
  }

  /**
   * The profile, with each sample's values from `values` (one per sample
   * type). With `keepTypes` the profile keeps only its first sample types: the
   * builder needs the types before the first stack is interned, and whether a
   * recording states a period is known only once all of it has been read.
   */
  build(info: RecordingInfo, values: (record: SampleRecord) => number[], keepTypes?: number): Profile {
    const order = this.records.map((_, i) => i);
    const records = this.records;
    order.sort((a, b) => (records[a] as SampleRecord).timeNs - (records[b] as SampleRecord).timeNs || a - b);
    const builder = this.builder;
    for (const i of order) {
      const record = records[i] as SampleRecord;
      const row = builder.addSample(record.stack, values(record), record.timeNs);
      if (record.thread) builder.addStringLabel(row, 'thread', record.thread);
      if (record.state) builder.addStringLabel(row, 'state', record.state);
    }
    builder.startTimeMs = info.startTimeMs;
    builder.durationNs = info.durationNs;
    builder.comments.push(...info.comments);
    const profile = builder.build();
    if (keepTypes !== undefined && keepTypes < profile.sampleTypes.length) {
      profile.sampleTypes = profile.sampleTypes.slice(0, keepTypes);
      profile.samples.values = profile.samples.values.slice(0, keepTypes);
      profile.defaultSampleType = Math.min(profile.defaultSampleType, keepTypes - 1);
    }
    return profile;
  }
}

/** A java.lang.Thread value's name: the Java name, else the OS thread's name; null when it has neither. */
export function threadName(pools: ConstantPools, thread: JfrValue | undefined): string | null {
  return text(pools, field(pools, thread, 'javaName')) || text(pools, field(pools, thread, 'osName')) || null;
}

/** An event's time in ns since the recording's start (its startTime field). */
export function eventTimeNs(chunk: Chunk, clock: ChunkClock, event: ChunkEvent): number {
  const raw = num(chunk.pools, event.value.startTime);
  return raw === null ? 0 : clock.recordingNs(event.type, 'startTime', raw);
}
