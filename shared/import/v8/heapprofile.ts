/**
 * V8 sampling heap profiles (.heapprofile: Chrome DevTools' "Allocation
 * sampling", node --heap-prof) to the Kiln model.
 *
 * Facts from the DevTools protocol (HeapProfiler.SamplingHeapProfile): a tree
 * `head` of nodes {callFrame{functionName, scriptId, url, lineNumber,
 * columnNumber}, selfSize, id, children[]}, and (V8 7.x onwards) `samples[]`
 * of {size, nodeId, ordinal}, where `size` is the bytes attributed to the
 * sample and `ordinal` its allocation order. The profile holds the sampled
 * allocations still live when it was written, so this is kind 'heap'.
 *
 * - Sample types: objects/count and space/bytes (the default, as the last type).
 * - One Kiln sample per node with allocations, values [sampled objects,
 *   selfSize]. Bytes always come from selfSize, so space totals equal the sum
 *   of selfSize, what DevTools shows. They can differ from the sum of
 *   samples[].size in real files: V8 scales each sample's count for the
 *   sampling rate and rounds samples one by one but a node's allocations
 *   together; and the last samples can name nodes that are not in the tree,
 *   their ids above every node's (apparently allocations V8 sampled while
 *   writing the profile). Node 20's --heap-prof output has both; the
 *   generator in test/producers/heapprofile makes such a file.
 * - Objects: with `samples[]`, the number of samples on the node (each
 *   sample is one sampled allocation); samples on nodes absent from the tree
 *   are left out and counted in a comment. Without `samples[]` (older Chrome
 *   and Node files, e.g. the corpus' 2018 ones) the count is unknown and
 *   recorded as 0, and node ids are optional.
 * - The synthetic "(root)" node is not a frame; a sample on it gets a
 *   "(root)" frame. V8 line and column numbers are 0-based; Kiln stores them
 *   1-based (0 = unknown), as the .cpuprofile importer does.
 * The tree is walked with an explicit stack: nothing recurses.
 */
import { ProfileBuilder } from '../../profile/builder';
import type { Profile, ValueType } from '../../profile/model';
import { fail } from '../errors';
import { isObject, numeric, readArray, readString, type JsonObject } from '../json-read';
import { checkLimit, type ImportLimits } from '../limits';

const SAMPLE_TYPES: ValueType[] = [
  { type: 'objects', unit: 'count' },
  { type: 'space', unit: 'bytes' },
];

interface HeapNode {
  id: number | null;
  selfSize: number;
  /** Builder stack of this node; -1 for the (root) node. */
  stack: number;
}

export function importHeapProfile(json: unknown, limits: ImportLimits): Profile {
  if (!isObject(json)) return fail('a .heapprofile must be a JSON object');
  if (!isObject(json.head)) return fail('a .heapprofile needs a "head" node');
  const builder = new ProfileBuilder('heapprofile', 'heap', SAMPLE_TYPES);
  const nodes = readTree(json.head, builder, limits);

  let rootStack = -1;
  const stackOf = (node: HeapNode): number => {
    if (node.stack >= 0) return node.stack;
    if (rootStack < 0) {
      rootStack = builder.internStack(-1, builder.internFrame({ func: builder.internFunction({ name: '(root)' }) }));
    }
    return rootStack;
  };

  const counts = new Float64Array(nodes.length);
  if (json.samples !== undefined) countSamples(json.samples, nodes, counts, builder, limits);

  let sampled = 0;
  for (let i = 0; i < nodes.length; i++)
    if ((nodes[i] as HeapNode).selfSize > 0 || (counts[i] as number) > 0) sampled++;
  checkLimit('sample count', sampled, limits, 'maxSamples');
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as HeapNode;
    const count = counts[i] as number;
    if (node.selfSize > 0 || count > 0) builder.addSample(stackOf(node), [count, node.selfSize]);
  }
  return builder.build();
}

/** Adds the number of `samples[]` entries on each node to `counts`; notes samples on nodes the tree lacks. */
function countSamples(
  value: unknown,
  nodes: HeapNode[],
  counts: Float64Array,
  builder: ProfileBuilder,
  limits: ImportLimits,
): void {
  const samples = readArray(value, 'samples');
  checkLimit('sample count', samples.length, limits, 'maxSamples');
  const indexOfId = new Map<number, number>();
  nodes.forEach((node, i) => {
    if (node.id === null) fail('a node has no numeric id, but samples refer to nodes by id');
    if (indexOfId.has(node.id)) fail(`node id ${node.id} appears twice`);
    indexOfId.set(node.id, i);
  });
  let lost = 0;
  let lostBytes = 0;
  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i];
    if (!isObject(sample)) fail(`samples[${i}] is not an object`);
    const size = numeric(sample.size);
    if (size === null || size < 0) fail(`samples[${i}].size is not a non-negative number`);
    const nodeId = numeric(sample.nodeId);
    if (nodeId === null) fail(`samples[${i}].nodeId is not a number`);
    const index = indexOfId.get(nodeId);
    if (index === undefined) {
      lost++;
      lostBytes += size;
    } else {
      counts[index] = (counts[index] as number) + 1;
    }
  }
  if (lost > 0) {
    builder.comments.push(
      `heapprofile: ${lost} samples (${lostBytes} bytes) name nodes absent from the tree; ` +
        'left out of the object counts',
    );
  }
}

/** Every node of the tree, parents before children, each with its builder stack. */
function readTree(head: JsonObject, builder: ProfileBuilder, limits: ImportLimits): HeapNode[] {
  const nodes: HeapNode[] = [];
  const pending: { raw: unknown; path: string; parentStack: number; depth: number }[] = [
    { raw: head, path: 'head', parentStack: -1, depth: 0 },
  ];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { raw, path, parentStack, depth } = item;
    if (!isObject(raw)) return fail(`${path} is not an object`);
    const frame = raw.callFrame;
    if (!isObject(frame)) return fail(`${path}.callFrame is not an object`);
    const selfSize = numeric(raw.selfSize);
    if (selfSize === null || selfSize < 0) return fail(`${path}.selfSize is not a non-negative number`);
    const functionName = readString(frame.functionName, `${path}.callFrame.functionName`, limits);

    let stack = -1;
    let nodeDepth = depth;
    // The synthetic (root) at the top is not a frame: stacks start below it.
    if (!(path === 'head' && functionName === '(root)')) {
      nodeDepth = depth + 1;
      checkLimit('stack depth', nodeDepth, limits, 'maxStackDepth');
      const line = oneBased(frame.lineNumber);
      const func = builder.internFunction({
        name: functionName || '(anonymous)',
        file: readString(frame.url, `${path}.callFrame.url`, limits),
        startLine: line,
      });
      stack = builder.internStack(
        parentStack,
        builder.internFrame({ func, line, column: oneBased(frame.columnNumber) }),
      );
    }
    const id = numeric(raw.id);
    nodes.push({ id, selfSize, stack });

    if (raw.children === undefined) continue;
    const children = readArray(raw.children, `${path}.children`);
    for (let k = children.length - 1; k >= 0; k--) {
      pending.push({ raw: children[k], path: `node ${id ?? path} child ${k}`, parentStack: stack, depth: nodeDepth });
    }
  }
  return nodes;
}

function oneBased(zeroBased: unknown): number {
  return typeof zeroBased === 'number' && Number.isFinite(zeroBased) && zeroBased >= 0 ? Math.floor(zeroBased) + 1 : 0;
}
