/**
 * jdk.ExecutionSample and jdk.NativeMethodSample to CPU profiles.
 *
 * Facts (JDK 17 metadata): both events are { startTime: ticks, sampledThread:
 * Thread, stackTrace: StackTrace, state: ThreadState ("STATE_RUNNABLE" …) }.
 * The JVM samples Java threads running Java code (ExecutionSample) or
 * blocked in native code (NativeMethodSample) once per the event type's
 * "period" setting (profile.jfc: 10 ms and 20 ms), so one sample stands for
 * one period of that thread's time, which is how pprof and async-profiler
 * weigh samples too. Without a stated period only the count is given.
 */
import type { Profile, ValueType } from '../../profile/model';
import type { ImportLimits } from '../limits';
import type { Chunk, ChunkEvent } from './chunk';
import { text } from './constant-pools';
import { eventTimeNs, SampleCollector, threadName, type RecordingInfo } from './sample-profile';
import type { PeriodSettings } from './settings';
import type { ChunkClock } from './time';

export const EXECUTION_SAMPLE = 'jdk.ExecutionSample';
export const NATIVE_METHOD_SAMPLE = 'jdk.NativeMethodSample';

export class CpuSamples {
  readonly eventType: string;
  private readonly collector: SampleCollector;
  private readonly timeType: ValueType;

  constructor(eventType: string, limits: ImportLimits) {
    this.eventType = eventType;
    // Native method samples measure time spent waiting in native code, not CPU time.
    this.timeType = { type: eventType === NATIVE_METHOD_SAMPLE ? 'wall' : 'cpu', unit: 'nanoseconds' };
    this.collector = new SampleCollector(eventType, 'cpu', [{ type: 'samples', unit: 'count' }, this.timeType], limits);
  }

  get count(): number {
    return this.collector.count;
  }

  accept(chunk: Chunk, clock: ChunkClock, event: ChunkEvent): void {
    const { pools } = chunk;
    const collector = this.collector;
    collector.stacks.useChunk(pools);
    const v = event.value;
    collector.add({
      stack: collector.stacks.stack(v.stackTrace),
      timeNs: eventTimeNs(chunk, clock, event),
      chunk: chunk.index,
      weight: 0,
      thread: threadName(pools, v.sampledThread ?? v.eventThread),
      state: text(pools, v.state),
    });
  }

  /** The profile, or null when the recording has no such samples. */
  build(info: RecordingInfo, settings: PeriodSettings, chunkCount: number): Profile | null {
    if (this.collector.count === 0) return null;
    const periods = settings.periods(this.eventType, chunkCount);
    const stated = periods.filter((p): p is number => p !== null);
    const comments = [...info.comments];
    const distinct = [...new Set(stated)];
    comments.push(
      distinct.length > 0
        ? `${this.eventType} period: ${distinct.map((p) => `${p / 1e6} ms`).join(', ')}`
        : `${this.eventType} period: not stated in the recording (samples are counts only)`,
    );
    const profile = this.collector.build(
      { ...info, comments },
      (record) => [1, periods[record.chunk] ?? 0],
      stated.length > 0 ? undefined : 1,
    );
    if (stated.length > 0) {
      profile.period = stated[0] as number;
      profile.periodType = { ...this.timeType };
    }
    return profile;
  }
}
