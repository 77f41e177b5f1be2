/**
 * Tells JSON profile formats apart by their top-level structure. Structure
 * facts from each format's producers: V8 heap snapshot ({snapshot, nodes,
 * edges, strings}), V8 CPU profile ({nodes[{callFrame}], samples} or the old
 * nested {head{functionName}}), V8 sampling heap profile ({head{callFrame,
 * selfSize}, samples}), Chrome trace-event format (array of events with "ph",
 * or {traceEvents}), speedscope ({$schema: …speedscope…}), Firefox Profiler
 * Gecko and processed formats ({meta, threads}; Firefox DevTools' old export
 * wraps one in {profile}), Ruby stackprof ({mode, frames, raw}), Safari
 * timeline ({recording}).
 *
 * Order matters: the V8 shapes are checked first, so a .cpuprofile (which
 * has no meta, traceEvents or $schema) is never taken for another format, and
 * heap snapshots keep their own verdict. Formats recognised but not imported
 * get an "unsupported" verdict that says what the file looks like.
 */

export type JsonFormat = 'cpuprofile' | 'heapprofile' | 'chrome-trace' | 'speedscope' | 'firefox';

export type JsonVerdict = { format: JsonFormat } | { unsupported: string } | { unknown: string };

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const NOT_YET = 'which Kiln does not import yet';

/** {meta, threads}: the Firefox Profiler's Gecko and processed formats. */
function isFirefoxProfile(value: unknown): boolean {
  return isObject(value) && isObject(value.meta) && Array.isArray(value.threads);
}

export function classifyJson(value: unknown): JsonVerdict {
  if (Array.isArray(value)) {
    // The JSON Array Format of trace events: every entry is an event object with a phase.
    const first: unknown = value[0];
    if (isObject(first) && typeof first.ph === 'string') return { format: 'chrome-trace' };
    return { unknown: 'a JSON array that is not a known profile format' };
  }
  if (!isObject(value)) return { unknown: 'JSON that is not a known profile format' };

  if (Array.isArray(value.nodes) && (isObject(value.snapshot) || Array.isArray(value.edges))) {
    return { unsupported: `looks like a V8 heap snapshot (.heapsnapshot), ${NOT_YET}` };
  }
  // samples may be the Float64Array the JSON scanner read a long array into (json-scan.ts).
  const samples = Array.isArray(value.samples) || value.samples instanceof Float64Array;
  if (Array.isArray(value.nodes) && (samples || isObject(value.nodes[0]))) {
    const node: unknown = value.nodes[0];
    if (value.nodes.length === 0 || (isObject(node) && isObject(node.callFrame))) return { format: 'cpuprofile' };
  }
  if (isObject(value.head)) {
    if (isObject(value.head.callFrame) && 'selfSize' in value.head) return { format: 'heapprofile' };
    if (typeof value.head.functionName === 'string') return { format: 'cpuprofile' };
  }
  if (Array.isArray(value.traceEvents)) return { format: 'chrome-trace' };
  if (typeof value.$schema === 'string' && value.$schema.includes('speedscope')) return { format: 'speedscope' };
  if (isFirefoxProfile(value) || (!('threads' in value) && isFirefoxProfile(value.profile))) {
    return { format: 'firefox' };
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
