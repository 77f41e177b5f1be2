/**
 * The two corrections pprof makes to native (C++/Go) legacy CPU samples
 * before anything else sees them (google/pprof profile/legacy_profile.go,
 * cpuProfile and cleanupDuplicateLocations). Java profiles get neither.
 */
import { isSuccessor } from './cpu-address';
import type { LegacyCpuSamples } from './cpu-records';

// pprof: "Remove up to two frames", and "Allow one different sample for this
// many samples with the same second-to-last frame".
const SIGNAL_FRAME_PASSES = 2;
const SIMILAR_SAMPLES = 32;

/**
 * The profiler's signal handler pushes a frame of its own that the unwinder
 * reports right after the leaf (the leaf itself comes from the signal context,
 * not the stack). pprof's test: when the frame after the leaf has the same
 * address in all samples but len/32 (integer division), it is that artifact;
 * drop it from every sample that has it. Done twice, for handlers that push
 * two frames. Samples with fewer than two frames count in the total but never
 * vote. At most one address can pass the test, so the outcome does not depend
 * on iteration order.
 */
export function dropSignalHandlerFrames(samples: LegacyCpuSamples): void {
  const { leaf, rest, end, frames } = samples;
  const sampleCount = leaf.length;
  const needed = sampleCount - Math.floor(sampleCount / SIMILAR_SAMPLES);
  for (let pass = 0; pass < SIGNAL_FRAME_PASSES; pass++) {
    const votes = new Map<number, number>();
    for (let i = 0; i < sampleCount; i++) {
      const next = rest[i] as number;
      if (next < (end[i] as number)) {
        const id = frames[next] as number;
        votes.set(id, (votes.get(id) ?? 0) + 1);
      }
    }
    let artifact = -1;
    for (const [id, count] of votes) {
      if (count >= needed) {
        artifact = id;
        break;
      }
    }
    if (artifact < 0) continue;
    for (let i = 0; i < sampleCount; i++) {
      const next = rest[i] as number;
      if (next < (end[i] as number) && frames[next] === artifact) rest[i] = next + 1;
    }
  }
}

/**
 * The handler may record the leaf twice, once from the signal context and once
 * from unwinding; the second copy has been adjusted by -1 as a return address.
 * pprof drops the frame after the leaf when its address + 1 equals the leaf's.
 */
export function dropDuplicateLeaves(samples: LegacyCpuSamples): void {
  const { leaf, rest, end, frames, addresses } = samples;
  for (let i = 0; i < leaf.length; i++) {
    const next = rest[i] as number;
    if (next >= (end[i] as number)) continue;
    const leafAddress = addresses[frames[leaf[i] as number] as number];
    const nextAddress = addresses[frames[next] as number];
    if (leafAddress !== undefined && nextAddress !== undefined && isSuccessor(leafAddress, nextAddress)) {
      rest[i] = next + 1;
    }
  }
}
