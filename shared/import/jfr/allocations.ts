/**
 * Allocation events to allocation profiles.
 *
 * Facts (JDK 17 metadata):
 * - jdk.ObjectAllocationSample (JDK 16+) { startTime, eventThread, stackTrace,
 *   objectClass: Class, weight: long bytes }. It is throttled (profile.jfc:
 *   300 per second), and `weight` is the bytes the thread allocated since its
 *   previous sample, so the weights add up to an estimate of all allocation.
 * - jdk.ObjectAllocationInNewTLAB { …, objectClass, allocationSize, tlabSize }
 *   and jdk.ObjectAllocationOutsideTLAB { …, objectClass, allocationSize }
 *   (JDK 11+, off by default): one event per new TLAB or per allocation
 *   outside one. Weighed like JMC's allocation pressure: a new TLAB stands for
 *   its size (the allocations that will fill it), an outside allocation for itself.
 *
 * The two are different samplings of the same allocations, so adding them
 * would count allocations twice: the sample events make "Allocations", the
 * TLAB events, when present, "Allocations (TLAB events)".
 *
 * The allocated class is the leaf frame of each stack ("java.lang.String",
 * "byte[]"), as async-profiler and JMC's flame view show it: the flame graph
 * then splits a method's allocations by type, and the class stays visible in
 * the store's function search; its system name is the JVM's name ("[B"). alloc_objects counts events, not objects.
 */
import type { Profile } from '../../profile/model';
import type { ImportLimits } from '../limits';
import type { Chunk, ChunkEvent } from './chunk';
import { field, num, text } from './constant-pools';
import { eventTimeNs, SampleCollector, threadName, type RecordingInfo } from './sample-profile';
import { className } from './stacks';
import type { ChunkClock } from './time';

export const OBJECT_ALLOCATION_SAMPLE = 'jdk.ObjectAllocationSample';
export const ALLOCATION_IN_NEW_TLAB = 'jdk.ObjectAllocationInNewTLAB';
export const ALLOCATION_OUTSIDE_TLAB = 'jdk.ObjectAllocationOutsideTLAB';

export class AllocationSamples {
  private readonly collector: SampleCollector;

  constructor(what: string, limits: ImportLimits) {
    this.collector = new SampleCollector(
      what,
      'allocations',
      [
        { type: 'alloc_objects', unit: 'count' },
        { type: 'alloc_space', unit: 'bytes' },
      ],
      limits,
    );
  }

  get count(): number {
    return this.collector.count;
  }

  accept(chunk: Chunk, clock: ChunkClock, event: ChunkEvent): void {
    const { pools } = chunk;
    const collector = this.collector;
    const stacks = collector.stacks;
    stacks.useChunk(pools);
    const v = event.value;
    const base = stacks.stack(v.stackTrace, 1);
    const cls = className(pools, v.objectClass) ?? '(unknown class)';
    const rawName = text(pools, field(pools, v.objectClass, 'name')) ?? '';
    const leaf = collector.builder.internStack(base, stacks.syntheticFrame(cls, rawName));
    collector.add({
      stack: leaf,
      timeNs: eventTimeNs(chunk, clock, event),
      chunk: chunk.index,
      weight: allocationWeight(chunk, event),
      thread: threadName(pools, v.eventThread),
      state: null,
    });
  }

  build(info: RecordingInfo): Profile | null {
    if (this.collector.count === 0) return null;
    return this.collector.build(info, (record) => [1, record.weight]);
  }
}

function allocationWeight(chunk: Chunk, event: ChunkEvent): number {
  const { pools } = chunk;
  const v = event.value;
  let bytes: number | null;
  if (event.type.name === OBJECT_ALLOCATION_SAMPLE) bytes = num(pools, v.weight);
  else if (event.type.name === ALLOCATION_IN_NEW_TLAB) bytes = num(pools, v.tlabSize) || num(pools, v.allocationSize);
  else bytes = num(pools, v.allocationSize);
  return bytes !== null && bytes > 0 ? bytes : 0;
}
