/**
 * Chrome / Edge performance traces and other trace-event JSON (Google's
 * "Trace Event Format": Chrome DevTools' Performance panel, chrome://tracing,
 * Perfetto's JSON export, Node's --trace-events-enabled, Hermes) to Kiln
 * profiles, one per thread and kind of data:
 *
 * - "<thread> (<process>, pid P, tid T): CPU profile": V8 CPU samples from
 *   Profile/ProfileChunk or CpuProfile events (chrome-trace-cpu.ts), kind 'cpu';
 * - "<thread> …: samples": the object form's samples/stackFrames (chrome-trace-samples.ts), kind 'cpu';
 * - "<thread> …: trace events": duration events B/E and X as the self time
 *   of the innermost open event (chrome-trace-spans.ts), kind 'trace'.
 *
 * Thread and process names come from `thread_name` / `process_name` metadata
 * events. All other phases (instant I/i, async b/e/n/S/T/F, flow s/t/f,
 * counters C, objects N/O/D, marks R, memory dumps v/V, context (/), clock
 * sync c) are ignored without failing. Timestamps are microseconds on one
 * clock; every profile's sample times are nanoseconds since the file's
 * earliest timestamp, so the threads of a file line up. That clock is not the
 * Unix epoch: `startTimeMs` is DevTools' `metadata.startTime` when the file
 * has it, else null. The process name is each item's service, pid and tid labels.
 */
import type { Profile } from '../../profile/model';
import { eventAt, readTraceFile, ThreadNames, type ThreadRef } from './events';
import { buildCpuProfile, CpuProfileEvents } from './cpu';
import { buildSampledProfile, readTraceSamples } from './samples';
import { buildSpanProfile, SpanEvents } from './spans';
import { fail } from '../errors';
import { checkItemCount, type ImportLimits } from '../limits';
import { uniqueNames, type NamedProfile } from '../named-profile';

/** Chrome DevTools' event at the moment tracing started, the moment its metadata.startTime names. */
const TRACING_STARTED = 'TracingStartedInBrowser';

export function importChromeTrace(json: unknown, limits: ImportLimits): NamedProfile[] {
  const file = readTraceFile(json);
  const names = new ThreadNames();
  const spans = new SpanEvents();
  const cpu = new CpuProfileEvents();
  let tracingStartedUs: number | undefined;
  for (let i = 0; i < file.events.length; i++) {
    const event = eventAt(file.events, i);
    const ph = event.ph;
    if (typeof ph !== 'string') continue;
    if (event.name === TRACING_STARTED && typeof event.ts === 'number') tracingStartedUs ??= event.ts;
    if (isCpuProfileEvent(event.name, ph)) cpu.add(event, i, limits);
    else if (ph === 'M') names.add(event, limits);
    else if (ph === 'B' || ph === 'E' || ph === 'X') spans.add(event, i, limits);
  }
  const cpuProfiles = cpu.profiles();
  const samples = readTraceSamples(file.samples, limits);
  // Each source was checked alone as it read; together they must fit too, before any profile is built.
  checkItemCount(cpuProfiles.length + samples.threads.length + spans.threadCount, limits);

  let baseUs = Math.min(spans.earliestUs, samples.earliestUs);
  for (const p of cpuProfiles) if (p.baseUs !== null) baseUs = Math.min(baseUs, p.baseUs);
  if (!Number.isFinite(baseUs)) baseUs = 0;

  const items: NamedProfile[] = [];
  // Every item's times count from baseUs. DevTools' metadata.startTime is the wall clock when tracing started (its
  // TracingStartedInBrowser event; the first events come a little earlier), so all threads of a file share a start.
  const startOffsetMs = tracingStartedUs === undefined ? 0 : (tracingStartedUs - baseUs) / 1000;
  const fileStartMs = file.startTimeMs === null ? null : file.startTimeMs - startOffsetMs;
  const add = (thread: ThreadRef, what: string, profile: Profile | null): void => {
    if (!profile) return;
    const startTimeMs = profile.startTimeMs ?? fileStartMs;
    items.push({
      name: `${names.label(thread)}: ${what}`,
      profile: { ...profile, startTimeMs, capture: names.capture(thread) },
    });
  };
  for (const p of cpuProfiles) add(p.thread, 'CPU profile', buildCpuProfile(p, baseUs, limits));
  for (const thread of samples.threads) {
    add(thread.thread, 'samples', buildSampledProfile(thread, file.stackFrames, baseUs, limits));
  }
  for (const thread of spans.threads()) add(thread.thread, 'trace events', buildSpanProfile(thread, baseUs, limits));
  if (items.length === 0) {
    fail(
      `trace has no CPU profile (Profile/ProfileChunk or CpuProfile events), no samples and no duration events ` +
        `(B/E/X) that cover any time, in ${file.events.length} events`,
    );
  }
  return uniqueNames(items);
}

/**
 * Chrome writes Profile and ProfileChunk as sample events (ph "P") and the
 * older CpuProfile as an instant event; a duration event that happens to
 * carry one of these names is an ordinary slice.
 */
function isCpuProfileEvent(name: unknown, ph: string): boolean {
  if (name === 'Profile' || name === 'ProfileChunk') return ph === 'P';
  return name === 'CpuProfile' && ph !== 'B' && ph !== 'E' && ph !== 'X';
}
