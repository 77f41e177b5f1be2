/**
 * Tells JSON profile formats apart by their top-level structure. Only V8 CPU
 * profiles are imported; the others are recognised so the user is told what
 * the file is rather than "unknown format". Structure facts from each
 * format's producers: Chrome trace-event format (array of events with "ph",
 * or {traceEvents}), V8 heap snapshot ({snapshot, nodes, edges, strings}),
 * V8 sampling heap profile ({head{callFrame, selfSize}, samples}),
 * speedscope ({$schema: …speedscope…}), Firefox/Gecko ({meta, threads}),
 * Ruby stackprof ({mode, frames, raw}), Safari timeline ({recording}).
 */

export type JsonVerdict = { format: 'cpuprofile' } | { unsupported: string } | { unknown: string };

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const NOT_YET = 'which Kiln does not import yet';

export function classifyJson(value: unknown): JsonVerdict {
  if (Array.isArray(value)) {
    const first: unknown = value[0];
    if (isObject(first) && typeof first.ph === 'string') {
      return { unsupported: `looks like a Chrome trace (trace-event JSON), ${NOT_YET}` };
    }
    return { unknown: 'a JSON array that is not a known profile format' };
  }
  if (!isObject(value)) return { unknown: 'JSON that is not a known profile format' };

  if (Array.isArray(value.nodes) && (isObject(value.snapshot) || Array.isArray(value.edges))) {
    return { unsupported: `looks like a V8 heap snapshot (.heapsnapshot), ${NOT_YET}` };
  }
  if (Array.isArray(value.nodes) && (Array.isArray(value.samples) || isObject(value.nodes[0]))) {
    const node: unknown = value.nodes[0];
    if (value.nodes.length === 0 || (isObject(node) && isObject(node.callFrame))) return { format: 'cpuprofile' };
  }
  if (isObject(value.head)) {
    if (isObject(value.head.callFrame) && 'selfSize' in value.head) {
      return { unsupported: `looks like a V8 sampling heap profile (.heapprofile), ${NOT_YET}` };
    }
    if (typeof value.head.functionName === 'string') return { format: 'cpuprofile' };
  }
  if (Array.isArray(value.traceEvents)) {
    return { unsupported: `looks like a Chrome trace (trace-event JSON), ${NOT_YET}` };
  }
  if (typeof value.$schema === 'string' && value.$schema.includes('speedscope')) {
    return { unsupported: `looks like a speedscope profile (speedscope JSON), ${NOT_YET}` };
  }
  if (isObject(value.meta) && Array.isArray(value.threads)) {
    return { unsupported: `looks like a Firefox Profiler (Gecko) profile, ${NOT_YET}` };
  }
  if (typeof value.mode === 'string' && isObject(value.frames) && 'raw' in value) {
    return { unsupported: `looks like a Ruby stackprof profile, ${NOT_YET}` };
  }
  if (isObject(value.recording)) {
    return { unsupported: `looks like a Safari timeline recording, ${NOT_YET}` };
  }
  const keys = Object.keys(value).slice(0, 6).join(', ');
  return { unknown: `JSON that is not a known profile format (top-level keys: ${keys || 'none'})` };
}
