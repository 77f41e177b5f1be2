/**
 * Firefox Profiler files to Kiln profiles, one per thread that has samples,
 * format 'firefox' (firefox-thread.ts says how a thread reads).
 *
 * Layouts accepted (facts from the Firefox Profiler's developer docs):
 * - Gecko profiles, what Firefox emits: `meta`, `threads[]` each with its own
 *   `stringTable`, and `processes[]`, the profiles of child processes, each a
 *   Gecko profile again (possibly serialized as a JSON string), with times
 *   relative to its own `meta.startTime`. Gecko version 3 and older put child
 *   process profiles, as JSON strings, into `threads[]` instead.
 * - Processed profiles, what profiler.firefox.com saves
 *   (`meta.preprocessedProfileVersion`): one flat `threads[]` with
 *   `funcTable`s, strings per thread (`stringArray`) or, since version 56,
 *   shared (`shared.stringArray`); times relative to the one `meta.startTime`.
 * - Firefox DevTools' old performance-panel export (Firefox 59–63), which
 *   wraps a Gecko profile in `{profile: …}` beside its own recording data.
 *
 * Items are named "<thread> (<process name or type>, pid P, tid T)". Threads
 * without samples are skipped; a file with no sampled thread is refused.
 * Child processes are visited with a work list, not recursion.
 */
import { fail } from '../errors';
import { firefoxCapture } from './capture';
import { buildThreadProfile, type ThreadContext } from './thread';
import { isObject, numeric, readArray, readString, type JsonObject } from '../json-read';
import { checkItemCount, type ImportLimits } from '../limits';
import { uniqueNames, type NamedProfile } from '../named-profile';

export function importFirefoxProfile(json: unknown, limits: ImportLimits): NamedProfile[] {
  const root = unwrap(json);
  const items: NamedProfile[] = [];
  let threadCount = 0;
  const pending: { profile: JsonObject; where: string }[] = [{ profile: root, where: '' }];
  for (let k = 0; k < pending.length; k++) {
    const { profile, where } = pending[k] as (typeof pending)[number];
    const meta = isObject(profile.meta) ? profile.meta : {};
    const shared = isObject(profile.shared) ? profile.shared : null;
    const threads = readArray(profile.threads, `${where}threads`);
    for (let t = 0; t < threads.length; t++) {
      const threadWhere = `${where}threads[${t}]`;
      const thread = parsedObject(threads[t], threadWhere);
      // Gecko version 3 and older put a child process's whole profile, as a
      // JSON string, among the parent's threads.
      if (typeof threads[t] === 'string' && Array.isArray(thread.threads)) {
        pending.push({ profile: thread, where: `${threadWhere}.` });
        continue;
      }
      threadCount++;
      checkItemCount(threadCount, limits);
      const context: ThreadContext = {
        where: threadWhere,
        strings: stringsOf(thread, shared, threadWhere),
        sources: shared !== null && isObject(shared.sources) ? shared.sources : null,
        intervalMs: positiveOrNull(numeric(meta.interval)),
        startTimeMs: numeric(meta.startTime),
      };
      const built = buildThreadProfile(thread, context, limits);
      if (built !== null) {
        const profile = { ...built, capture: firefoxCapture(meta, thread) };
        items.push({ name: threadName(thread, threadWhere, limits), profile });
      }
    }
    if (profile.processes === undefined) continue;
    const processes = readArray(profile.processes, `${where}processes`);
    for (let p = 0; p < processes.length; p++) {
      const processWhere = `${where}processes[${p}].`;
      pending.push({ profile: parsedObject(processes[p], processWhere.slice(0, -1)), where: processWhere });
    }
  }
  if (items.length === 0) {
    fail(`Firefox profile has no thread with samples (${threadCount} thread${threadCount === 1 ? '' : 's'})`);
  }
  return uniqueNames(items);
}

/** The Gecko or processed profile inside `json`: itself, or the `profile` of a DevTools export. */
function unwrap(json: unknown): JsonObject {
  if (!isObject(json)) return fail('a Firefox profile must be a JSON object');
  if (!Array.isArray(json.threads) && isObject(json.profile) && Array.isArray(json.profile.threads))
    return json.profile;
  if (!Array.isArray(json.threads)) return fail('Firefox profile has no "threads" array');
  return json;
}

/** An object, or a JSON string holding one (Gecko serializes some threads and child processes that way). */
function parsedObject(value: unknown, where: string): JsonObject {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return fail(`${where} is a string that is not JSON`);
    }
  }
  if (!isObject(parsed)) return fail(`${where} is not an object`);
  return parsed;
}

function stringsOf(thread: JsonObject, shared: JsonObject | null, where: string): unknown[] {
  if (Array.isArray(thread.stringTable)) return thread.stringTable;
  if (Array.isArray(thread.stringArray)) return thread.stringArray;
  if (shared !== null && Array.isArray(shared.stringArray)) return shared.stringArray;
  return thread.samples === undefined
    ? []
    : fail(`${where} has no string table (stringTable, stringArray or shared.stringArray)`);
}

function positiveOrNull(value: number | null): number | null {
  return value !== null && value > 0 ? value : null;
}

/** "GeckoMain (Web Content, pid 123, tid 456)"; the process type stands in for a missing process name. */
function threadName(thread: JsonObject, where: string, limits: ImportLimits): string {
  const text = (key: string): string =>
    typeof thread[key] === 'string' ? readString(thread[key], `${where}.${key}`, limits) : '';
  const name = text('name') || 'thread';
  const processName = text('processName');
  const processType = text('processType');
  const parts: string[] = [];
  if (processName !== '') parts.push(processName);
  else if (processType !== '') parts.push(`${processType} process`);
  const pid = idOf(thread.pid);
  const tid = idOf(thread.tid);
  if (pid !== null) parts.push(`pid ${pid}`);
  if (tid !== null) parts.push(`tid ${tid}`);
  return parts.length > 0 ? `${name} (${parts.join(', ')})` : name;
}

function idOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value !== '' && value.length <= 100 ? value : null;
}
