/**
 * The parts of a trace-event file every reader needs: the event list and the
 * names of processes and threads.
 *
 * Facts from Google's "Trace Event Format" document: a file is either a JSON
 * array of events ("JSON Array Format") or an object whose `traceEvents` holds
 * them ("JSON Object Format", which may add `stackFrames`, `samples`,
 * `metadata`, `displayTimeUnit`). An event has `ph` (phase), `ts` in
 * microseconds, `pid`, `tid`, `name`, `cat` and `args`. Metadata events
 * (`ph: "M"`) named `process_name` and `thread_name` carry `args.name`.
 * Chrome writes pid and tid as numbers; some writers (Hermes) quote them, so a
 * thread is identified by their text.
 */
import { captureTags, type CaptureTags } from '../../capture/capture';
import { fail } from '../errors';
import { parseIsoTimeMs } from '../iso-time';
import { isObject, readArray, type JsonObject } from '../json-read';
import type { ImportLimits } from '../limits';
import { checkLimit } from '../limits';

export interface TraceFile {
  events: unknown[];
  /** Object form: DevTools' `metadata.startTime` (ISO 8601), the wall-clock time the recording started. */
  startTimeMs: number | null;
  /** Object form only: the stack-frame dictionary and the sample list (Trace Event Format "Stack frames"). */
  stackFrames: unknown;
  samples: unknown;
}

export function readTraceFile(json: unknown): TraceFile {
  if (Array.isArray(json)) return { events: json, startTimeMs: null, stackFrames: undefined, samples: undefined };
  if (!isObject(json)) return fail('a trace must be a JSON array of events or an object with "traceEvents"');
  const meta = json.metadata;
  const start = isObject(meta) && typeof meta.startTime === 'string' ? parseIsoTimeMs(meta.startTime) : null;
  return {
    events: readArray(json.traceEvents, 'traceEvents'),
    startTimeMs: start,
    stackFrames: json.stackFrames,
    samples: json.samples,
  };
}

/** The text of a pid, tid or id: numbers and strings are accepted, anything else is absent. */
export function idText(value: unknown, limits: ImportLimits): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value !== 'string') return undefined;
  checkLimit('length of an id', value.length, limits, 'maxStringLength');
  return value;
}

/** A thread as events name it. */
export interface ThreadRef {
  pid: string | undefined;
  tid: string | undefined;
}

export function threadRef(event: JsonObject, limits: ImportLimits): ThreadRef {
  return { pid: idText(event.pid, limits), tid: idText(event.tid, limits) };
}

/** A map key for a thread; NUL cannot occur in a sensible id, so pairs never collide. */
export function threadKey(thread: ThreadRef): string {
  return `${thread.pid ?? ''}\u0000${thread.tid ?? ''}`;
}

/** Process and thread names from `process_name` / `thread_name` metadata events. */
export class ThreadNames {
  private readonly processes = new Map<string, string>();
  private readonly threads = new Map<string, string>();

  /** Takes a `ph: "M"` event; other metadata (sort indices, labels, uptime) is ignored. */
  add(event: JsonObject, limits: ImportLimits): void {
    const args = event.args;
    if (!isObject(args) || typeof args.name !== 'string') return;
    checkLimit('length of a thread or process name', args.name.length, limits, 'maxStringLength');
    const thread = threadRef(event, limits);
    if (event.name === 'process_name') this.processes.set(thread.pid ?? '', args.name);
    else if (event.name === 'thread_name') this.threads.set(threadKey(thread), args.name);
  }

  /** The process name is the service (Chrome: "Browser", "Renderer"; Node: "node"); pid and tid are labels. */
  capture(thread: ThreadRef): CaptureTags {
    return captureTags(this.processes.get(thread.pid ?? '') ?? null, {
      pid: thread.pid,
      tid: thread.tid,
      thread: this.threads.get(threadKey(thread)),
    });
  }

  /** "CrRendererMain (Renderer, pid 123, tid 456)"; "thread (pid 1, tid 2)" when unnamed. */
  label(thread: ThreadRef): string {
    const parts: string[] = [];
    const processName = this.processes.get(thread.pid ?? '');
    if (processName) parts.push(processName);
    if (thread.pid !== undefined) parts.push(`pid ${thread.pid}`);
    if (thread.tid !== undefined) parts.push(`tid ${thread.tid}`);
    const name = this.threads.get(threadKey(thread)) || 'thread';
    return parts.length > 0 ? `${name} (${parts.join(', ')})` : name;
  }
}

/** An event of the list, or a failure naming its index: an entry that is not an object is not a trace event. */
export function eventAt(events: unknown[], index: number): JsonObject {
  const event = events[index];
  if (!isObject(event)) return fail(`traceEvents[${index}] is not an object`);
  return event;
}
