/**
 * V8 CPU profiles recorded inside a trace (category
 * disabled-by-default-v8.cpu_profiler), one sampled profile per profiled thread.
 *
 * Two encodings exist, both seen in the corpus:
 * - Chrome 66 and later: a `Profile` event (ph "P", `id`, `args.data.startTime`
 *   in trace microseconds) on the profiled thread, then `ProfileChunk` events
 *   with the same pid and `id` — written by V8's profiler thread, so their tid
 *   is not the profiled one — each adding `args.data.cpuProfile.nodes` (new
 *   nodes, each naming its `parent`), `args.data.cpuProfile.samples` (node ids)
 *   and `args.data.timeDeltas` (microseconds since the previous sample, the
 *   first since startTime). Chrome DevTools groups chunks the same way.
 * - Older Chrome: one `CpuProfile` event whose `args.data.cpuProfile` is a whole
 *   V8 CPU profile (nodes, startTime, endTime, samples, timeDeltas).
 * Either is assembled into the .cpuprofile shape, mended where the trace lost
 * nodes (chrome-trace-lost-nodes.ts), and read by the .cpuprofile importer, so stacks, times and weights follow cpuprofile.ts exactly; the
 * result's sample times are then moved onto the trace's time axis.
 */
import type { Profile } from '../../profile/model';
import { threadRef, type ThreadRef } from './events';
import { mendLostNodes } from './lost-nodes';
import { importCpuProfile } from '../v8/cpuprofile';
import { fail } from '../errors';
import { isObject, numeric, readArray, type JsonObject } from '../json-read';
import { checkItemCount, checkLimit, type ImportLimits } from '../limits';

interface ChunkedProfile {
  /** The thread of the Profile event; the first chunk's thread when there is none. */
  thread: ThreadRef;
  startTimeUs: number | null;
  /** ts of the first chunk, the start when no Profile event gave one. */
  firstChunkUs: number | null;
  nodes: unknown[];
  samples: unknown[];
  timeDeltas: unknown[];
}

/** A CPU profile ready for the .cpuprofile importer. */
export interface TraceCpuProfile {
  thread: ThreadRef;
  /** In the .cpuprofile shape (cpuprofile-shape.ts). */
  cpuProfile: JsonObject;
  /** The time importCpuProfile measures sample times from, µs on the trace clock; null without sample times. */
  baseUs: number | null;
  comments: string[];
}

export class CpuProfileEvents {
  private readonly chunked = new Map<string, ChunkedProfile>();
  private readonly whole: { thread: ThreadRef; cpuProfile: JsonObject }[] = [];
  private sampleCount = 0;

  /** Profiles begun so far, each an item if it gets a sample. */
  get count(): number {
    return this.chunked.size + this.whole.length;
  }

  /** Takes a Profile, ProfileChunk or CpuProfile event. */
  add(event: JsonObject, index: number, limits: ImportLimits): void {
    const data = isObject(event.args) ? event.args.data : undefined;
    const thread = threadRef(event, limits);
    if (event.name === 'CpuProfile') {
      if (!isObject(data) || !isObject(data.cpuProfile)) return;
      this.whole.push({ thread, cpuProfile: data.cpuProfile });
      checkItemCount(this.count, limits);
      return;
    }
    // Chunks belong to the Profile event with the same pid and id.
    const key = `${thread.pid ?? ''}\u0000${typeof event.id === 'string' || typeof event.id === 'number' ? event.id : ''}`;
    let profile = this.chunked.get(key);
    if (event.name === 'Profile') {
      const startTimeUs = isObject(data) ? numeric(data.startTime) : null;
      if (profile === undefined) {
        this.chunked.set(key, { thread, startTimeUs, firstChunkUs: null, nodes: [], samples: [], timeDeltas: [] });
        checkItemCount(this.count, limits);
      } else {
        profile.thread = thread;
        profile.startTimeUs = startTimeUs;
      }
      return;
    }
    if (profile === undefined) {
      profile = { thread, startTimeUs: null, firstChunkUs: null, nodes: [], samples: [], timeDeltas: [] };
      this.chunked.set(key, profile);
      checkItemCount(this.count, limits);
    }
    // Chunks without data occur (Chrome 141 writes an empty last chunk).
    if (!isObject(data) || !isObject(data.cpuProfile)) return;
    profile.firstChunkUs ??= numeric(event.ts);
    const where = `traceEvents[${index}] (ProfileChunk)`;
    const cpu = data.cpuProfile;
    if (cpu.nodes !== undefined) append(profile.nodes, readArray(cpu.nodes, `${where} cpuProfile.nodes`));
    const samples = cpu.samples === undefined ? [] : readArray(cpu.samples, `${where} cpuProfile.samples`);
    const deltas = data.timeDeltas === undefined ? [] : readArray(data.timeDeltas, `${where} timeDeltas`);
    if (samples.length !== deltas.length) {
      fail(`${where} has ${samples.length} samples but ${deltas.length} timeDeltas`);
    }
    this.sampleCount += samples.length;
    checkLimit('sample count', this.sampleCount, limits, 'maxSamples');
    append(profile.samples, samples);
    append(profile.timeDeltas, deltas);
  }

  /** Every profile with at least one sample, chunked ones first, each in the order it appeared. */
  profiles(): TraceCpuProfile[] {
    const result: TraceCpuProfile[] = [];
    for (const p of this.chunked.values()) {
      if (p.samples.length === 0) continue;
      const comments: string[] = [];
      let startTimeUs = p.startTimeUs;
      if (startTimeUs === null) {
        startTimeUs = p.firstChunkUs ?? 0;
        comments.push('trace: no Profile event for these ProfileChunk events; sample times start at the first chunk');
      }
      const cpuProfile: JsonObject = {
        nodes: p.nodes,
        samples: p.samples,
        timeDeltas: p.timeDeltas,
        startTime: startTimeUs,
      };
      const span = sampleSpan(startTimeUs, p.timeDeltas);
      if (span !== null) cpuProfile.endTime = span.lastUs;
      result.push({ thread: p.thread, cpuProfile, baseUs: span?.baseUs ?? null, comments });
    }
    for (const w of this.whole) {
      const startTimeUs = numeric(w.cpuProfile.startTime);
      const deltas = w.cpuProfile.timeDeltas;
      const span = startTimeUs !== null && Array.isArray(deltas) ? sampleSpan(startTimeUs, deltas) : null;
      result.push({ thread: w.thread, cpuProfile: w.cpuProfile, baseUs: span?.baseUs ?? null, comments: [] });
    }
    return result;
  }
}

/**
 * The trace's CPU profile as a Kiln profile on the trace's time axis (sample
 * times in nanoseconds since `fileBaseUs`), or null when it has no samples.
 */
export function buildCpuProfile(input: TraceCpuProfile, fileBaseUs: number, limits: ImportLimits): Profile | null {
  const mended = mendLostNodes(input.cpuProfile);
  const profile = importCpuProfile(mended.cpuProfile, limits);
  if (profile.samples.stack.length === 0) return null;
  profile.format = 'chrome-trace';
  profile.comments.push(...input.comments);
  if (mended.comment !== null) profile.comments.push(mended.comment);
  const times = profile.samples.timeNs;
  if (times !== null && input.baseUs !== null) {
    const offsetNs = Math.round((input.baseUs - fileBaseUs) * 1000);
    for (let i = 0; i < times.length; i++) times[i] = (times[i] as number) + offsetNs;
  }
  return profile;
}

/**
 * The earliest of startTime and every sample time (what importCpuProfile
 * measures from), and the last sample time; null when a delta is not a number
 * (importCpuProfile then fails with the precise reason).
 */
function sampleSpan(startTimeUs: number, deltas: unknown[]): { baseUs: number; lastUs: number } | null {
  let time = startTimeUs;
  let baseUs = startTimeUs;
  let lastUs = startTimeUs;
  for (const delta of deltas) {
    if (typeof delta !== 'number' || !Number.isFinite(delta)) return null;
    time += delta;
    baseUs = Math.min(baseUs, time);
    lastUs = Math.max(lastUs, time);
  }
  return { baseUs, lastUs };
}

/** Appends without spreading: a spread of a long array overflows the call stack. */
function append(target: unknown[], items: unknown[]): void {
  for (let i = 0; i < items.length; i++) target.push(items[i]);
}
