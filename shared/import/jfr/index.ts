/**
 * Java Flight Recorder recordings (.jfr, JDK 11 and later) to Kiln items,
 * read in TypeScript without a JDK: CPU samples, allocation samples and GC
 * events. A recording is one or more chunks back to back; each chunk is read
 * on its own (header, metadata, constant pools, then its events), and the
 * items gather what all chunks hold.
 *
 * Items, when the recording has the events:
 * - "CPU (execution samples)": jdk.ExecutionSample, kind cpu.
 * - "Native methods (native method samples)": jdk.NativeMethodSample, kind cpu.
 * - "Allocations": jdk.ObjectAllocationSample, kind allocations.
 * - "Allocations (TLAB events)": jdk.ObjectAllocationInNewTLAB/OutsideTLAB.
 * - "GC": jdk.GarbageCollection joined with jdk.GCHeapSummary, a GcLog.
 * Sample times are ns, and GC event times ms, since the first chunk's start,
 * which is every item's startTimeMs: one clock for the recording's items.
 * The JVM (jdk.JVMInformation) names the service and labels (capture.ts).
 */
import type { Profile } from '../../profile/model';
import { fail } from '../errors';
import type { ImportLimits } from '../limits';
import type { ImportedItem } from '../result';
import {
  ALLOCATION_IN_NEW_TLAB,
  ALLOCATION_OUTSIDE_TLAB,
  AllocationSamples,
  OBJECT_ALLOCATION_SAMPLE,
} from './allocations';
import { forEachEvent, readChunk, type ChunkEvent } from './chunk';
import { hasJfrMagic } from './chunk-header';
import { text } from './constant-pools';
import { JvmIdentity } from './capture';
import { CpuSamples, EXECUTION_SAMPLE, NATIVE_METHOD_SAMPLE } from './cpu';
import { G1_GARBAGE_COLLECTION, GARBAGE_COLLECTION, GC_HEAP_SUMMARY, GcEvents, JVM_INFORMATION } from './gc';
import type { RecordingInfo } from './sample-profile';
import { PeriodSettings } from './settings';
import { ChunkClock, nanosToMs } from './time';

const ACTIVE_SETTING = 'jdk.ActiveSetting';

const WANTED: ReadonlySet<string> = new Set([
  EXECUTION_SAMPLE,
  NATIVE_METHOD_SAMPLE,
  OBJECT_ALLOCATION_SAMPLE,
  ALLOCATION_IN_NEW_TLAB,
  ALLOCATION_OUTSIDE_TLAB,
  GARBAGE_COLLECTION,
  GC_HEAP_SUMMARY,
  G1_GARBAGE_COLLECTION,
  JVM_INFORMATION,
  ACTIVE_SETTING,
]);

/** A JFR chunk starts with "FLR\0". */
export function looksLikeJfr(bytes: Uint8Array): boolean {
  return hasJfrMagic(bytes, 0);
}

export function importJfr(bytes: Uint8Array, limits: ImportLimits): ImportedItem[] {
  if (!looksLikeJfr(bytes)) fail('not a JFR recording: it does not start with "FLR\\0"');

  const execution = new CpuSamples(EXECUTION_SAMPLE, limits);
  const native = new CpuSamples(NATIVE_METHOD_SAMPLE, limits);
  const allocations = new AllocationSamples(OBJECT_ALLOCATION_SAMPLE, limits);
  const tlab = new AllocationSamples('TLAB allocation event (jdk.ObjectAllocationInNewTLAB/OutsideTLAB)', limits);
  const gc = new GcEvents(limits);
  const settings = new PeriodSettings();
  const identity = new JvmIdentity();
  const counts = new Map<string, number>();
  let jvm: string | null = null;

  let recordingStart: bigint | null = null;
  let clock: ChunkClock | null = null;
  let endNs = 0;
  let version = '';
  let chunkCount = 0;
  // Each chunk is at least a header long, so this loop ends within the file.
  for (let start = 0; start < bytes.length; chunkCount++) {
    const chunk = readChunk(bytes, start, chunkCount, limits.maxStringLength);
    const { header } = chunk;
    recordingStart ??= header.startNanos;
    version ||= `${header.major}.${header.minor}`;
    const chunkClock: ChunkClock = new ChunkClock(header, recordingStart, clock);
    clock = chunkClock;
    endNs = Math.max(endNs, Number(header.startNanos - recordingStart) + header.durationNanos);
    forEachEvent(bytes, chunk, WANTED, limits.maxStringLength, counts, (event: ChunkEvent) => {
      switch (event.type.name) {
        case EXECUTION_SAMPLE:
          return execution.accept(chunk, chunkClock, event);
        case NATIVE_METHOD_SAMPLE:
          return native.accept(chunk, chunkClock, event);
        case OBJECT_ALLOCATION_SAMPLE:
          return allocations.accept(chunk, chunkClock, event);
        case ALLOCATION_IN_NEW_TLAB:
        case ALLOCATION_OUTSIDE_TLAB:
          return tlab.accept(chunk, chunkClock, event);
        case ACTIVE_SETTING:
          return settings.accept(chunk, event);
        case JVM_INFORMATION:
          jvm ??= text(chunk.pools, event.value.jvmVersion);
          identity.accept(chunk, event);
          return gc.accept(chunk, chunkClock, event);
        default:
          return gc.accept(chunk, chunkClock, event);
      }
    });
    start += header.size;
  }

  const startTimeMs = nanosToMs(recordingStart ?? 0n);
  const comments = [`JFR ${version}, ${chunkCount} chunk${chunkCount === 1 ? '' : 's'}`];
  if (jvm) comments.push(`JVM: ${jvm}`);
  const info: RecordingInfo = { startTimeMs, durationNs: Math.max(0, endNs), comments };

  const capture = identity.tags();
  const items: ImportedItem[] = [];
  const addProfile = (name: string, profile: Profile | null): void => {
    if (profile) items.push({ type: 'profile', name, profile: { ...profile, capture } });
  };
  addProfile('CPU (execution samples)', execution.build(info, settings, chunkCount));
  addProfile('Native methods (native method samples)', native.build(info, settings, chunkCount));
  addProfile('Allocations', allocations.build(info));
  addProfile('Allocations (TLAB events)', tlab.build(info));
  const gcLog = gc.build(chunkCount, startTimeMs);
  if (gcLog) items.push({ type: 'gc-log', name: 'GC', gcLog: { ...gcLog, capture } });

  if (items.length === 0) fail(nothingToImport(counts));
  return items;
}

const LISTED_TYPES = 15;

function nothingToImport(counts: Map<string, number>): string {
  const found = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const listed = found.slice(0, LISTED_TYPES).map(([name, n]) => `${name} (${n})`);
  if (found.length > LISTED_TYPES) listed.push(`and ${found.length - LISTED_TYPES} more types`);
  return (
    'JFR recording has no execution samples, allocation samples or GC events ' +
    `(${EXECUTION_SAMPLE}, ${NATIVE_METHOD_SAMPLE}, ${OBJECT_ALLOCATION_SAMPLE}, ${ALLOCATION_IN_NEW_TLAB}, ` +
    `${ALLOCATION_OUTSIDE_TLAB}, ${GARBAGE_COLLECTION}); ` +
    (listed.length > 0 ? `it contains ${listed.join(', ')}` : 'it contains no events')
  );
}
