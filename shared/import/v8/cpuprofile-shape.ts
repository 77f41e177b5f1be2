/**
 * Reads a parsed V8 CPU profile (JSON) into one checked, normalized shape.
 * Two layouts exist:
 * - current (Chrome DevTools protocol Profiler.Profile, node --cpu-prof):
 *   `nodes[{id, callFrame{functionName, scriptId, url, lineNumber,
 *   columnNumber}, hitCount?, children?: id[], parent?: id}]`, `startTime` and
 *   `endTime` in microseconds, `samples[]` node ids, `timeDeltas[]` in
 *   microseconds, each relative to the previous sample (the first to startTime);
 * - old (pre-2016 V8, node v8-profiler): a nested `head{functionName, url,
 *   lineNumber, id, hitCount, children: node[]}`, `startTime`/`endTime` in
 *   seconds and absolute `timestamps[]` in microseconds.
 * Anything malformed fails with a reason naming the field.
 */
import { fail } from '../errors';
import { checkLimit, type ImportLimits } from '../limits';

export interface V8Node {
  id: number;
  functionName: string;
  url: string;
  /** 0-based as in V8 (Runtime.CallFrame); -1 when unknown. */
  lineNumber: number;
  columnNumber: number;
  hitCount: number;
  children: number[];
  /** Some producers (trace-event ProfileChunk) give the parent instead of children. */
  parent: number | undefined;
}

export interface V8CpuProfile {
  nodes: V8Node[];
  /** Node id per sample, in file order (a Float64Array when the JSON scanner read it, json-scan.ts). */
  samples: ArrayLike<number>;
  /** Absolute time of each sample in microseconds, or null when the file has none. */
  timestampsUs: Float64Array | null;
  startTimeUs: number | null;
  endTimeUs: number | null;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finiteOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function optionalFinite(value: unknown, what: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) return fail(`${what} is not a finite number`);
  return value;
}

/** A JSON array of finite numbers, or the Float64Array the JSON scanner read it into. */
function numberArray(value: unknown, what: string): ArrayLike<number> {
  if (value instanceof Float64Array) {
    for (let i = 0; i < value.length; i++) if (!Number.isFinite(value[i])) fail(`${what}[${i}] is not a finite number`);
    return value;
  }
  if (!Array.isArray(value)) return fail(`${what} is not an array`);
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== 'number' || !Number.isFinite(item)) fail(`${what}[${i}] is not a finite number`);
  }
  return value as number[];
}

function childIds(value: unknown, what: string): number[] {
  const ids = numberArray(value, what);
  return Array.isArray(ids) ? (ids as number[]) : Array.from(ids);
}

function stringField(value: unknown, what: string, limits: ImportLimits): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') return fail(`${what} is not a string`);
  checkLimit(`length of ${what}`, value.length, limits, 'maxStringLength');
  return value;
}

export function readV8CpuProfile(json: unknown, limits: ImportLimits): V8CpuProfile {
  if (!isObject(json)) return fail('a .cpuprofile must be a JSON object');
  return Array.isArray(json.nodes) ? readCurrent(json, limits) : readOld(json, limits);
}

function readSamples(json: JsonObject, limits: ImportLimits): ArrayLike<number> {
  if (json.samples === undefined) return [];
  const samples = numberArray(json.samples, 'samples');
  checkLimit('sample count', samples.length, limits, 'maxSamples');
  return samples;
}

function readCurrent(json: JsonObject, limits: ImportLimits): V8CpuProfile {
  const rawNodes = json.nodes as unknown[];
  const nodes: V8Node[] = new Array<V8Node>(rawNodes.length);
  for (let i = 0; i < rawNodes.length; i++) {
    const raw = rawNodes[i];
    if (!isObject(raw)) return fail(`nodes[${i}] is not an object`);
    if (typeof raw.id !== 'number' || !Number.isFinite(raw.id)) return fail(`nodes[${i}].id is not a number`);
    const frame = raw.callFrame;
    if (!isObject(frame)) return fail(`nodes[${i}].callFrame is not an object`);
    const parent =
      raw.parent === undefined ? undefined : (optionalFinite(raw.parent, `nodes[${i}].parent`) ?? undefined);
    nodes[i] = {
      id: raw.id,
      functionName: stringField(frame.functionName, `nodes[${i}].callFrame.functionName`, limits),
      url: stringField(frame.url, `nodes[${i}].callFrame.url`, limits),
      lineNumber: finiteOr(frame.lineNumber, -1),
      columnNumber: finiteOr(frame.columnNumber, -1),
      hitCount: finiteOr(raw.hitCount, 0),
      children: raw.children === undefined ? [] : childIds(raw.children, `nodes[${i}].children`),
      parent,
    };
  }
  const samples = readSamples(json, limits);
  const startTimeUs = optionalFinite(json.startTime, 'startTime');
  const endTimeUs = optionalFinite(json.endTime, 'endTime');
  let timestampsUs: Float64Array | null = null;
  if (json.timeDeltas !== undefined && samples.length > 0) {
    const deltas = numberArray(json.timeDeltas, 'timeDeltas');
    if (deltas.length < samples.length) fail(`timeDeltas has ${deltas.length} entries for ${samples.length} samples`);
    // Each delta is relative to the previous sample; the first to startTime.
    timestampsUs = new Float64Array(samples.length);
    let time = startTimeUs ?? 0;
    for (let i = 0; i < samples.length; i++) {
      time += deltas[i] as number;
      timestampsUs[i] = time;
    }
  }
  return { nodes, samples, timestampsUs, startTimeUs, endTimeUs };
}

/** The old nested layout, flattened with an explicit stack (the tree can be deep). */
function readOld(json: JsonObject, limits: ImportLimits): V8CpuProfile {
  if (!isObject(json.head)) return fail('a .cpuprofile needs "nodes" (or the old nested "head")');
  const nodes: V8Node[] = [];
  const pending: { raw: unknown; path: string }[] = [{ raw: json.head, path: 'head' }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { raw, path } = item;
    if (!isObject(raw)) return fail(`${path} is not an object`);
    if (typeof raw.id !== 'number' || !Number.isFinite(raw.id)) return fail(`${path}.id is not a number`);
    const children: number[] = [];
    if (raw.children !== undefined) {
      if (!Array.isArray(raw.children)) return fail(`${path}.children is not an array`);
      raw.children.forEach((child: unknown, k: number) => {
        const childPath = `node ${raw.id as number} child ${k}`;
        if (!isObject(child) || typeof child.id !== 'number') fail(`${childPath} has no numeric id`);
        children.push(child.id);
        pending.push({ raw: child, path: childPath });
      });
    }
    nodes.push({
      id: raw.id,
      functionName: stringField(raw.functionName, `${path}.functionName`, limits),
      url: stringField(raw.url, `${path}.url`, limits),
      lineNumber: finiteOr(raw.lineNumber, -1),
      columnNumber: finiteOr(raw.columnNumber, -1),
      hitCount: finiteOr(raw.hitCount, 0),
      children,
      parent: undefined,
    });
  }
  const samples = readSamples(json, limits);
  // Old profiles give start/end in seconds and absolute sample times in µs.
  const startSeconds = optionalFinite(json.startTime, 'startTime');
  const endSeconds = optionalFinite(json.endTime, 'endTime');
  let timestampsUs: Float64Array | null = null;
  if (json.timestamps !== undefined && samples.length > 0) {
    const timestamps = numberArray(json.timestamps, 'timestamps');
    if (timestamps.length < samples.length) {
      fail(`timestamps has ${timestamps.length} entries for ${samples.length} samples`);
    }
    // Sample i was taken at timestamps[i] (speedscope reads them the same
    // way); extra trailing timestamps carry no sample.
    timestampsUs = Float64Array.from({ length: samples.length }, (_, i) => timestamps[i] as number);
  }
  return {
    nodes,
    samples,
    timestampsUs,
    startTimeUs: startSeconds === null ? null : startSeconds * 1e6,
    endTimeUs: endSeconds === null ? null : endSeconds * 1e6,
  };
}
