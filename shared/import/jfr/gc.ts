/**
 * GC events of a recording to a GcLog.
 *
 * Facts (JDK 17 metadata; names as JDK 17 and 25 write them):
 * - jdk.GarbageCollection { startTime, duration: Tickspan, gcId: uint,
 *   name: GCName ("G1New", "G1Old", "G1Full", "ParallelScavenge",
 *   "ParallelOld", "DefNew", "SerialOld", "Z", "ZGC Minor", "ZGC Major",
 *   "Shenandoah" …), cause: GCCause,
 *   sumOfPauses: Tickspan, longestPause: Tickspan }: one per collection;
 *   "G1Old" is a concurrent cycle whose pauses are its remark and cleanup.
 * - jdk.GCHeapSummary { startTime, gcId, when: GCWhen ("Before GC" |
 *   "After GC"), heapSpace: VirtualSpace { committedSize … }, heapUsed }: two
 *   per collection, joined to it by gcId.
 * - jdk.G1GarbageCollection { gcId, type: "Normal" | "Concurrent Start" |
 *   "Prepare Mixed" | "Mixed" … } tells G1's young and mixed pauses apart.
 * - jdk.JVMInformation { jvmStartTime: ms since the epoch, pid }: which JVM a
 *   chunk's gcIds belong to. Event times are ms since the recording's start,
 *   like its samples' times, not JVM uptimes.
 * gcIds count from 0 per JVM; chunks of one file may come from different
 * JVMs (recordings concatenated), so the join key includes the JVM.
 */
import type { GcEvent, GcLog } from '../../gc/model';
import { checkLimit, type ImportLimits } from '../limits';
import type { Chunk, ChunkEvent } from './chunk';
import { field, num, text } from './constant-pools';
import type { ChunkClock } from './time';

export const GARBAGE_COLLECTION = 'jdk.GarbageCollection';
export const GC_HEAP_SUMMARY = 'jdk.GCHeapSummary';
export const G1_GARBAGE_COLLECTION = 'jdk.G1GarbageCollection';
export const JVM_INFORMATION = 'jdk.JVMInformation';

interface Collection {
  chunk: number;
  gcId: number;
  name: string | null;
  cause: string | null;
  /** ns since the recording's start. */
  timeNs: number;
  pauseNs: number;
  durationNs: number;
  order: number;
}

interface HeapState {
  usedBefore: number | null;
  usedAfter: number | null;
  committedBefore: number | null;
  committedAfter: number | null;
}

/** Collector families by GC name (jdk.types.GCName values, HotSpot gcName.hpp). */
const COLLECTORS: readonly [RegExp, string][] = [
  [/^G1/, 'G1'],
  [/^(ParallelScavenge|ParallelOld|PSMarkSweep)$/, 'Parallel'],
  [/^(DefNew|SerialOld)$/, 'Serial'],
  [/^(ParNew|ConcurrentMarkSweep)$/, 'CMS'],
  [/^Z/, 'ZGC'],
  [/^Shenandoah/, 'Shenandoah'],
  [/^Epsilon/, 'Epsilon'],
];

const YOUNG = /^(G1New|ParallelScavenge|DefNew|ParNew)$/;
const FULL = /^(G1Full|ParallelOld|SerialOld|PSMarkSweep)$/;

/**
 * G1's young-pause types (jdk.G1GarbageCollection.type), named as the unified
 * GC log reader names the same pauses ("Pause Young (Concurrent Start)" …),
 * so JFR and -Xlog:gc logs of one JVM show the same kinds.
 */
const G1_YOUNG_TYPES: ReadonlyMap<string, string> = new Map([
  ['Normal', 'young'],
  ['Concurrent Start', 'concurrent-start'],
  ['Prepare Mixed', 'young'],
  ['Mixed', 'mixed'],
  ['Concurrent End', 'young'],
]);

export class GcEvents {
  private readonly limits: ImportLimits;
  private readonly collections: Collection[] = [];
  /** JVM identity per chunk index ("pid@startMs"), from jdk.JVMInformation. */
  private readonly jvmOfChunk: (string | undefined)[] = [];
  /** Heap summaries and G1 types are recorded against the chunk, then keyed by JVM at the end. */
  private readonly heapRecords: {
    chunk: number;
    gcId: number;
    when: string | null;
    used: number | null;
    committed: number | null;
  }[] = [];
  private readonly g1Records: { chunk: number; gcId: number; type: string }[] = [];

  constructor(limits: ImportLimits) {
    this.limits = limits;
  }

  get count(): number {
    return this.collections.length;
  }

  accept(chunk: Chunk, clock: ChunkClock, event: ChunkEvent): void {
    const { pools } = chunk;
    const v = event.value;
    const gcId = num(pools, v.gcId);
    switch (event.type.name) {
      case GARBAGE_COLLECTION: {
        if (gcId === null) return;
        checkLimit('GC event count', this.collections.length + 1, this.limits, 'maxGcEvents');
        this.collections.push({
          chunk: chunk.index,
          gcId,
          name: text(pools, v.name),
          cause: text(pools, v.cause),
          timeNs: clock.recordingNs(event.type, 'startTime', num(pools, v.startTime) ?? 0),
          pauseNs: clock.spanNs(event.type, 'sumOfPauses', num(pools, v.sumOfPauses) ?? 0),
          durationNs: clock.spanNs(event.type, 'duration', num(pools, v.duration) ?? 0),
          order: this.collections.length,
        });
        return;
      }
      case GC_HEAP_SUMMARY:
        if (gcId === null) return;
        checkLimit('GC heap summary count', this.heapRecords.length + 1, this.limits, 'maxGcEvents');
        this.heapRecords.push({
          chunk: chunk.index,
          gcId,
          when: text(pools, v.when),
          used: num(pools, v.heapUsed),
          committed: num(pools, field(pools, v.heapSpace, 'committedSize')),
        });
        return;
      case G1_GARBAGE_COLLECTION: {
        const type = text(pools, v.type);
        if (gcId !== null && type !== null) this.g1Records.push({ chunk: chunk.index, gcId, type });
        return;
      }
      case JVM_INFORMATION: {
        const startRaw = num(pools, v.jvmStartTime);
        const startMs = startRaw === null ? undefined : clock.epochMs(event.type, 'jvmStartTime', startRaw);
        this.jvmOfChunk[chunk.index] = `${num(pools, v.pid) ?? '?'}@${startMs ?? '?'}`;
        return;
      }
    }
  }

  /** The GC log, or null when the recording has no jdk.GarbageCollection events. */
  build(chunkCount: number, recordingStartMs: number): GcLog | null {
    if (this.collections.length === 0) return null;
    // A chunk without jdk.JVMInformation belongs to the JVM of the chunk before it.
    const jvm: string[] = [];
    let carry = 'unknown';
    for (let i = 0; i < chunkCount; i++) {
      carry = this.jvmOfChunk[i] ?? carry;
      jvm.push(carry);
    }
    const key = (chunk: number, gcId: number): string => `${jvm[chunk] ?? 'unknown'}/${gcId}`;
    const heapByGc = new Map<string, HeapState>();
    for (const r of this.heapRecords) {
      const k = key(r.chunk, r.gcId);
      let state = heapByGc.get(k);
      if (!state) {
        state = { usedBefore: null, usedAfter: null, committedBefore: null, committedAfter: null };
        heapByGc.set(k, state);
      }
      if (r.when === 'Before GC') {
        state.usedBefore = r.used;
        state.committedBefore = r.committed;
      } else if (r.when === 'After GC') {
        state.usedAfter = r.used;
        state.committedAfter = r.committed;
      }
    }
    const g1Types = new Map<string, string>();
    for (const r of this.g1Records) g1Types.set(key(r.chunk, r.gcId), r.type);

    // Times since the recording's start, the origin of the samples' times too, so the GC chart and the stack
    // charts of one recording share a clock (JVM uptimes put the same moment seconds apart).
    const sorted = [...this.collections].sort((a, b) => a.timeNs - b.timeNs || a.order - b.order);
    const events: GcEvent[] = sorted.map((c) => {
      const k = key(c.chunk, c.gcId);
      const heap = heapByGc.get(k);
      const { kind, generation } = classify(c.name, g1Types.get(k));
      return {
        timeMs: c.timeNs / 1e6,
        kind,
        generation,
        cause: c.cause,
        pauseNs: c.pauseNs,
        durationNs: c.durationNs,
        heapBeforeBytes: heap?.usedBefore ?? null,
        // jdk.GCHeapSummary with when = "After GC": heapUsed once the collection finished (model.ts heapAfterBytes).
        heapAfterBytes: heap?.usedAfter ?? null,
        heapCapacityBytes: heap?.committedAfter ?? heap?.committedBefore ?? null,
      };
    });
    return {
      format: 'jfr',
      collector: collectorName(this.collections.map((c) => c.name)),
      startTimeMs: recordingStartMs,
      events,
      skippedLines: 0,
    };
  }
}

/**
 * What kind of collection a GC name (and G1's pause type) stands for, in the
 * words the unified GC log reader (../gc-jvm-unified.ts) uses for the same
 * collections, so a JVM's JFR recording and its -Xlog:gc log agree: "young",
 * "concurrent-start", "mixed", "full"; G1's concurrent cycle (G1Old, whose
 * pauses are its remark and cleanup) is "concurrent-mark-cycle"; ZGC's
 * cycles are "garbage-collection" (JDK 17, "Z"), "minor-collection" and
 * "major-collection" (generational, JDK 21+: "ZGC Minor", "ZGC Major").
 */
export function classify(name: string | null, g1Type: string | undefined): { kind: string; generation: string | null } {
  if (name === 'G1New' && g1Type !== undefined) {
    const kind = G1_YOUNG_TYPES.get(g1Type) ?? 'young';
    return { kind, generation: kind === 'mixed' ? 'both' : 'young' };
  }
  if (name === null) return { kind: 'gc', generation: null };
  if (YOUNG.test(name)) return { kind: 'young', generation: 'young' };
  if (FULL.test(name)) return { kind: 'full', generation: 'both' };
  switch (name) {
    case 'G1Old':
      return { kind: 'concurrent-mark-cycle', generation: 'old' };
    case 'ConcurrentMarkSweep':
      return { kind: 'concurrent-cycle', generation: 'old' };
    case 'Z':
      return { kind: 'garbage-collection', generation: null };
    case 'ZGC Minor':
      return { kind: 'minor-collection', generation: 'young' };
    case 'ZGC Major':
      return { kind: 'major-collection', generation: 'both' };
    case 'Shenandoah':
      return { kind: 'concurrent-cycle', generation: null };
    default:
      return { kind: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'), generation: null };
  }
}

/** The collector family ("G1", "Parallel"…) of the GC names seen; names joined with "/" when unknown. */
export function collectorName(names: (string | null)[]): string | null {
  const families = new Set<string>();
  for (const name of names) {
    if (name === null) continue;
    families.add(COLLECTORS.find(([pattern]) => pattern.test(name))?.[1] ?? name);
  }
  return families.size === 0 ? null : [...families].sort().join('/');
}
