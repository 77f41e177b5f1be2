/**
 * The object form's `samples` and `stackFrames` (Trace Event Format, "Stack
 * Frames" and "Samples"): `stackFrames` maps an id to {name, category,
 * parent}; each sample names its leaf frame (`sf`), its thread, `ts`
 * (microseconds) and `weight`. Hermes (React Native) writes its sampling
 * profiles this way, with numbers quoted and names like "fn(url:line:col)".
 *
 * One sampled profile per thread, as a V8 CPU profile is read: samples/count
 * (the sample's weight, 1 when absent) and wall/nanoseconds (until the thread's
 * next sample, the last getting the mean interval; cpuprofile-times.ts).
 */
import { ProfileBuilder } from '../../profile/builder';
import type { Profile } from '../../profile/model';
import { idText, threadKey, threadRef, type ThreadRef } from './events';
import { sampleTimes } from '../v8/cpuprofile-times';
import { fail } from '../errors';
import { isObject, numeric, readArray, readString, type JsonObject } from '../json-read';
import { checkItemCount, checkLimit, type ImportLimits } from '../limits';
import { splitCallSite } from '../source-location';

interface ThreadSamples {
  thread: ThreadRef;
  timesUs: number[];
  weights: number[];
  frames: string[];
}

export interface TraceSamples {
  threads: ThreadSamples[];
  earliestUs: number;
}

/** Reads `samples` (absent: no threads); fails on a sample without a numeric ts or a frame id. */
export function readTraceSamples(samples: unknown, limits: ImportLimits): TraceSamples {
  const byThread = new Map<string, ThreadSamples>();
  let earliestUs = Infinity;
  if (samples === undefined) return { threads: [], earliestUs };
  const list = readArray(samples, 'samples');
  checkLimit('sample count', list.length, limits, 'maxSamples');
  for (let i = 0; i < list.length; i++) {
    const sample = list[i];
    if (!isObject(sample)) fail(`samples[${i}] is not an object`);
    const ts = numeric(sample.ts);
    if (ts === null) fail(`samples[${i}] has no numeric ts`);
    const frame = idText(sample.sf, limits);
    if (frame === undefined) fail(`samples[${i}] has no stack frame id (sf)`);
    const thread = threadRef(sample, limits);
    const key = threadKey(thread);
    let entry = byThread.get(key);
    if (entry === undefined) {
      entry = { thread, timesUs: [], weights: [], frames: [] };
      byThread.set(key, entry);
      checkItemCount(byThread.size, limits);
    }
    entry.timesUs.push(ts);
    entry.weights.push(numeric(sample.weight) ?? 1);
    entry.frames.push(frame);
    earliestUs = Math.min(earliestUs, ts);
  }
  return { threads: [...byThread.values()], earliestUs };
}

/** One thread's samples as a profile; sample times in nanoseconds since `baseUs`. */
export function buildSampledProfile(
  samples: ThreadSamples,
  stackFrames: unknown,
  baseUs: number,
  limits: ImportLimits,
): Profile {
  if (!isObject(stackFrames)) fail('samples refer to stack frames, but "stackFrames" is not an object');
  const builder = new ProfileBuilder('chrome-trace', 'cpu', [
    { type: 'samples', unit: 'count' },
    { type: 'wall', unit: 'nanoseconds' },
  ]);
  const stacks = new StackFrameStacks(stackFrames, builder, limits);
  const times = sampleTimes(samples.timesUs, null);
  for (let k = 0; k < times.order.length; k++) {
    const i = times.order[k] as number;
    const stack = stacks.stackOf(samples.frames[i] as string);
    const timeNs = Math.round(((times.timeUs[k] as number) - baseUs) * 1000);
    builder.addSample(stack, [samples.weights[i] as number, (times.weightUs[k] as number) * 1000], timeNs);
  }
  if (times.meanIntervalUs !== null) {
    builder.period = Math.round(times.meanIntervalUs * 1000);
    builder.periodType = { type: 'wall', unit: 'nanoseconds' };
  }
  return builder.build();
}

/** Builder stacks for stack frame ids, each resolved once, walking parents with a loop. */
class StackFrameStacks {
  private readonly stackOfId = new Map<string, number>();
  private readonly depthOfId = new Map<string, number>();
  /** A chain longer than this repeats a frame: a cycle. */
  private readonly frameCount: number;

  constructor(
    private readonly frames: JsonObject,
    private readonly builder: ProfileBuilder,
    private readonly limits: ImportLimits,
  ) {
    this.frameCount = Object.keys(frames).length;
  }

  stackOf(id: string): number {
    const known = this.stackOfId.get(id);
    if (known !== undefined) return known;
    // Walk up to a resolved frame or a root, then resolve downwards.
    const chain: string[] = [];
    let cursor: string | undefined = id;
    while (cursor !== undefined && !this.stackOfId.has(cursor)) {
      const parent = this.parentOf(cursor);
      chain.push(cursor);
      if (chain.length > this.frameCount) fail(`stackFrames has a cycle through frame ${cursor}`);
      cursor = parent;
    }
    let stack = cursor === undefined ? -1 : (this.stackOfId.get(cursor) as number);
    let depth = cursor === undefined ? 0 : (this.depthOfId.get(cursor) as number);
    for (let k = chain.length - 1; k >= 0; k--) {
      const frameId = chain[k] as string;
      depth++;
      checkLimit('stack depth', depth, this.limits, 'maxStackDepth');
      stack = this.builder.internStack(stack, this.frameRow(frameId));
      this.stackOfId.set(frameId, stack);
      this.depthOfId.set(frameId, depth);
    }
    return stack;
  }

  private entry(id: string): JsonObject {
    const entry = Object.prototype.hasOwnProperty.call(this.frames, id) ? this.frames[id] : undefined;
    if (!isObject(entry)) return fail(`stack frame ${id} does not exist in stackFrames`);
    return entry;
  }

  private parentOf(id: string): string | undefined {
    return idText(this.entry(id).parent, this.limits);
  }

  private frameRow(id: string): number {
    const label = readString(this.entry(id).name, `stackFrames[${id}].name`, this.limits) || '(unnamed)';
    const site = splitCallSite(label, '(');
    const func = this.builder.internFunction({ name: site?.name ?? label, file: site?.file });
    return this.builder.internFrame({ func, line: site?.line, column: site?.column });
  }
}
