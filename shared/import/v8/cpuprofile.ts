/**
 * V8 CPU profiles (.cpuprofile from Chrome DevTools or node --cpu-prof) to
 * the Kiln model.
 *
 * - Sample types: samples/count (1 per sample) and wall/nanoseconds (see
 *   cpuprofile-times.ts for how a sample's wall time is chosen); wall is the
 *   default, as the last type.
 * - The synthetic "(root)" node is not a frame: stacks start below it.
 *   "(program)", "(idle)" and "(garbage collector)" stay frames, as Chrome
 *   shows them.
 * - V8 lineNumber/columnNumber (Runtime.CallFrame) are 0-based and name the
 *   function's position; Kiln stores them 1-based (0 = unknown) as the
 *   function's start line and the frame's line and column.
 * - timeNs is relative to the profile start (startTime), or to the first
 *   sample when a sample precedes it.
 */
import { ProfileBuilder } from '../../profile/builder';
import type { Profile, ValueType } from '../../profile/model';
import { readV8CpuProfile, type V8CpuProfile, type V8Node } from './cpuprofile-shape';
import { sampleTimes, type SampleTimes } from './cpuprofile-times';
import { buildNodeTree } from './cpuprofile-tree';
import { fail } from '../errors';
import { checkLimit, type ImportLimits } from '../limits';

const SAMPLE_TYPES: ValueType[] = [
  { type: 'samples', unit: 'count' },
  { type: 'wall', unit: 'nanoseconds' },
];

// V8's startTime is a monotonic clock in Chrome and Node (not the Unix
// epoch), so no wall-clock start can be derived from it, unless the value is
// plausibly epoch microseconds (2001..2100), as some converters write.
const EPOCH_US_MIN = 978_307_200e6;
const EPOCH_US_MAX = 4_102_444_800e6;

export function importCpuProfile(json: unknown, limits: ImportLimits): Profile {
  const v8 = readV8CpuProfile(json, limits);
  const builder = new ProfileBuilder('cpuprofile', 'cpu', SAMPLE_TYPES);
  const { stackOfNode, indexOfId } = buildStacks(v8.nodes, builder, limits);
  const stackOf = (nodeIndex: number): number => {
    const stack = stackOfNode[nodeIndex] as number;
    if (stack >= 0) return stack;
    // A sample on the (root) node itself has no frames below it; keep its
    // time under a "(root)" frame rather than dropping it.
    return builder.internStack(-1, builder.internFrame({ func: builder.internFunction({ name: '(root)' }) }));
  };
  const nodeIndexOfSample = (sample: number): number => {
    const id = v8.samples[sample] as number;
    const index = indexOfId.get(id);
    if (index === undefined) fail(`samples[${sample}] refers to node ${id}, which does not exist`);
    return index;
  };

  const { startTimeUs, endTimeUs } = v8;
  if (startTimeUs !== null && endTimeUs !== null && endTimeUs >= startTimeUs) {
    builder.durationNs = (endTimeUs - startTimeUs) * 1000;
  }
  if (startTimeUs !== null && startTimeUs >= EPOCH_US_MIN && startTimeUs <= EPOCH_US_MAX) {
    builder.startTimeMs = startTimeUs / 1000;
  }

  if (v8.samples.length > 0 && v8.timestampsUs !== null) {
    const times = sampleTimes(v8.timestampsUs, endTimeUs);
    const baseUs = Math.min(startTimeUs ?? Infinity, times.timeUs[0] as number);
    builder.adoptSamples(...sampleColumns(times, baseUs, (sample) => stackOf(nodeIndexOfSample(sample))));
    if (times.meanIntervalUs !== null) {
      builder.period = Math.round(times.meanIntervalUs * 1000);
      builder.periodType = { type: 'wall', unit: 'nanoseconds' };
    }
  } else if (v8.samples.length > 0) {
    // No per-sample times: every sample gets an equal share of the duration.
    const share = builder.durationNs !== null ? builder.durationNs / v8.samples.length : 0;
    builder.reserveSamples(v8.samples.length, false);
    for (let i = 0; i < v8.samples.length; i++) builder.addSample(stackOf(nodeIndexOfSample(i)), [1, share]);
  } else {
    addHitCountSamples(v8, stackOf, builder);
  }
  return builder.build();
}

/**
 * The model's columns in time order, made from the time arrays in place (their
 * microseconds become nanoseconds): a 60 MB file holds 15M samples, and a
 * second copy of each column would cost 16 bytes a sample more (issue 10).
 */
function sampleColumns(
  times: SampleTimes,
  baseUs: number,
  stackOfSample: (sample: number) => number,
): [Int32Array, Float64Array[], Float64Array] {
  const count = times.order.length;
  const stack = new Int32Array(count);
  for (let k = 0; k < count; k++) stack[k] = stackOfSample(times.order[k] as number);
  const weightNs = times.weightUs;
  for (let k = 0; k < count; k++) weightNs[k] = (weightNs[k] as number) * 1000;
  // timeUs is the importer's own array (readV8CpuProfile made it, nothing else holds it): rewritten in place.
  const { timeUs } = times;
  const timeNs = timeUs instanceof Float64Array ? timeUs : new Float64Array(count);
  for (let k = 0; k < count; k++) timeNs[k] = ((timeUs[k] as number) - baseUs) * 1000;
  return [stack, [new Float64Array(count).fill(1), weightNs], timeNs];
}

/** A stack row per node (-1 for the synthetic root), walking parents before children. */
function buildStacks(
  nodes: V8Node[],
  builder: ProfileBuilder,
  limits: ImportLimits,
): { stackOfNode: Int32Array; indexOfId: Map<number, number> } {
  const tree = buildNodeTree(nodes);
  const stackOfNode = new Int32Array(nodes.length).fill(-1);
  const depthOfNode = new Int32Array(nodes.length);
  for (const index of tree.order) {
    const node = nodes[index] as V8Node;
    const parent = tree.parent[index] as number;
    if (parent < 0 && node.functionName === '(root)') continue;
    const depth = (parent < 0 ? 0 : (depthOfNode[parent] as number)) + 1;
    checkLimit('stack depth', depth, limits, 'maxStackDepth');
    depthOfNode[index] = depth;
    const line = oneBased(node.lineNumber);
    const func = builder.internFunction({ name: node.functionName || '(anonymous)', file: node.url, startLine: line });
    const frame = builder.internFrame({ func, line, column: oneBased(node.columnNumber) });
    stackOfNode[index] = builder.internStack(parent < 0 ? -1 : (stackOfNode[parent] as number), frame);
  }
  return { stackOfNode, indexOfId: tree.indexOfId };
}

function oneBased(zeroBased: number): number {
  return zeroBased >= 0 ? Math.floor(zeroBased) + 1 : 0;
}

/**
 * Profiles without a samples array (some exporters keep only the tree) still
 * carry hitCount per node: one sample per node with its hit count, and wall
 * time shared out in proportion when the duration is known.
 */
function addHitCountSamples(v8: V8CpuProfile, stackOf: (nodeIndex: number) => number, builder: ProfileBuilder): void {
  let totalHits = 0;
  for (const node of v8.nodes) totalHits += Math.max(0, node.hitCount);
  if (totalHits === 0) return;
  const perHit = builder.durationNs !== null ? builder.durationNs / totalHits : 0;
  v8.nodes.forEach((node, index) => {
    if (node.hitCount > 0) builder.addSample(stackOf(index), [node.hitCount, node.hitCount * perHit]);
  });
}
