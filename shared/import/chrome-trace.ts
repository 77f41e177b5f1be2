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
 * Unix epoch, so `startTimeMs` stays null.
 */
import { eventAt, readTraceFile, ThreadNames } from './chrome-trace-events';
import { buildCpuProfile, CpuProfileEvents } from './chrome-trace-cpu';
import { buildSampledProfile, readTraceSamples } from './chrome-trace-samples';
import { buildSpanProfile, SpanEvents } from './chrome-trace-spans';
import { fail } from './errors';
import type { ImportLimits } from './limits';
import { uniqueNames, type NamedProfile } from './named-profile';

export function importChromeTrace(json: unknown, limits: ImportLimits): NamedProfile[] {
  const file = readTraceFile(json);
  const names = new ThreadNames();
  const spans = new SpanEvents();
  const cpu = new CpuProfileEvents();
  for (let i = 0; i < file.events.length; i++) {
    const event = eventAt(file.events, i);
    const ph = event.ph;
    if (typeof ph !== 'string') continue;
    if (isCpuProfileEvent(event.name, ph)) cpu.add(event, i, limits);
    else if (ph === 'M') names.add(event, limits);
    else if (ph === 'B' || ph === 'E' || ph === 'X') spans.add(event, i, limits);
  }
  const cpuProfiles = cpu.profiles();
  const samples = readTraceSamples(file.samples, limits);

  let baseUs = Math.min(spans.earliestUs, samples.earliestUs);
  for (const p of cpuProfiles) if (p.baseUs !== null) baseUs = Math.min(baseUs, p.baseUs);
  if (!Number.isFinite(baseUs)) baseUs = 0;

  const items: NamedProfile[] = [];
  for (const p of cpuProfiles) {
    const profile = buildCpuProfile(p, baseUs, limits);
    if (profile) items.push({ name: `${names.label(p.thread)}: CPU profile`, profile });
  }
  for (const thread of samples.threads) {
    const profile = buildSampledProfile(thread, file.stackFrames, baseUs, limits);
    items.push({ name: `${names.label(thread.thread)}: samples`, profile });
  }
  for (const thread of spans.threads()) {
    const profile = buildSpanProfile(thread, baseUs, limits);
    if (profile) items.push({ name: `${names.label(thread.thread)}: trace events`, profile });
  }
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
