/**
 * Linux `perf script` text output to the Kiln model (format 'perf-script',
 * kind 'cpu').
 *
 * Layout (perf-script(1)): each sample starts with a header line
 * (perf-script-header.ts); with call chains (`perf record -g`) one indented
 * line per frame follows, leaf first (perf-script-frame.ts), and a blank
 * line ends the sample; without call chains the sample's own "ip sym (dso)"
 * ends the header line. Lines starting with "#" are perf's header
 * (`--header`) and comments.
 *
 * - Sample types: samples/count (one per sample), then one column per event
 *   whose samples carry a period (event name without modifiers; cpu-clock and
 *   task-clock in nanoseconds, other events in counts), the period of each
 *   sample in its event's column. The default type is the last column.
 * - Labels per sample: comm (string), pid and tid (numbers) as printed.
 * - Times: every header has one; timeNs counts nanoseconds from the first
 *   sample (perf script sorts samples by time; were one earlier, from it),
 *   exact as seconds and fractions are subtracted apart. durationNs spans them.
 * - Service: the comm with the most samples; pid (when one) and the --header's
 *   host and perf version are item labels (perf-script-capture.ts).
 * - Lines that are neither header, frame, blank nor comment are skipped and
 *   counted in the profile's comments (an indented one, such as the source
 *   line -F +srcline prints under a frame, does not end its sample); a text
 *   without any sample fails.
 */
import { ProfileBuilder } from '../../profile/builder';
import type { Profile, ValueType } from '../../profile/model';
import { fail } from '../errors';
import { checkLimit, type ImportLimits } from '../limits';
import { LineReader } from '../line-reader';
import { perfCapture } from './capture';
import { isFrameLine, parsePerfFrame, type PerfFrame } from './frame';
import { eventTypeName, eventUnit, parsePerfHeader, type PerfHeader } from './header';

const REPORTED_SKIPPED_LINES = 3;
/** perf --header lines worth keeping as the profile's comments. */
const KEPT_HEADER = /^#\s*(captured on|hostname|perf version|cmdline)\s*:/;

/**
 * Whether a text's start is `perf script` output: its first line that is
 * neither blank nor a "#" comment (perf's --header block can be long) is a
 * sample header with a timestamp
 * ("comm pid [cpu] secs.usecs: [period] event:"), and the next such line is
 * a call-chain frame, another header, or missing.
 */
export function looksLikePerfScript(textStart: string): boolean {
  const reader = new LineReader(textStart);
  const meaningful: string[] = [];
  for (let line = reader.next(); line !== null && meaningful.length < 2; line = reader.next()) {
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) meaningful.push(line);
  }
  const [first, second] = meaningful;
  if (first === undefined || !isHeader(first)) return false;
  return second === undefined || isFrameLine(second) || isHeader(second);
}

function isHeader(line: string): boolean {
  const header = parsePerfHeader(line);
  return header !== null && (header.event !== '' || header.period !== null);
}

interface RawSample {
  header: PerfHeader;
  /** Local frame ids, leaf first. */
  frames: number[];
}

export function importPerfScript(text: string, limits: ImportLimits): Profile {
  // Frames by their line's text, so that repeated lines are parsed once.
  const frameIds = new Map<string, number>();
  const frames: PerfFrame[] = [];
  const frameOf = (textOfFrame: string): number | null => {
    const key = textOfFrame.trim();
    let id = frameIds.get(key);
    if (id === undefined) {
      const frame = parsePerfFrame(key);
      if (!frame) return null;
      checkLimit('name length', Math.max(frame.name.length, frame.file.length), limits, 'maxStringLength');
      id = frames.length;
      frames.push(frame);
      frameIds.set(key, id);
    }
    return id;
  };

  const samples: RawSample[] = [];
  const comments: string[] = [];
  const skipped: string[] = [];
  let skippedCount = 0;
  let current: RawSample | null = null;
  const reader = new LineReader(text);
  for (let line = reader.next(); line !== null; line = reader.next()) {
    const trimmed = line.trim();
    if (trimmed === '') {
      current = null;
      continue;
    }
    if (trimmed.startsWith('#')) {
      if (KEPT_HEADER.test(trimmed)) comments.push(trimmed.replace(/^#\s*/, ''));
      continue;
    }
    // A header first: without -g headers follow each other, and a comm may look like hex ("beef").
    const header = parsePerfHeader(line);
    if (header) {
      checkLimit('sample count', samples.length + 1, limits, 'maxSamples');
      current = { header, frames: [] };
      samples.push(current);
      // Without -g the sample's own ip, sym and dso end the header line.
      if (header.rest !== '') {
        const id = frameOf(header.rest);
        if (id !== null) current.frames.push(id);
      }
      continue;
    }
    if (current) {
      const id = frameOf(trimmed);
      if (id !== null) {
        checkLimit('stack depth', current.frames.length + 1, limits, 'maxStackDepth');
        current.frames.push(id);
        continue;
      }
    }
    skippedCount++;
    if (skipped.length < REPORTED_SKIPPED_LINES) skipped.push(`line ${reader.lineNumber}: ${trimmed.slice(0, 80)}`);
    // An indented line inside a sample (a srcline under its frame, say) does not end the sample.
    if (!/^\s/.test(line)) current = null;
  }

  if (samples.length === 0) {
    const detail = skippedCount > 0 ? ` (${skippedCount} lines do not parse; first ${skipped[0] ?? ''})` : '';
    fail(`no perf script sample ("comm pid time: period event:" line) found${detail}`);
  }
  if (skippedCount > 0) {
    comments.push(`skipped ${skippedCount} line(s) that are neither sample headers nor frames: ${skipped.join(' | ')}`);
  }
  return buildPerfProfile(samples, frames, comments);
}

function buildPerfProfile(samples: RawSample[], frames: PerfFrame[], comments: string[]): Profile {
  // One value column per event that has periods, in order of first appearance.
  const eventColumn = new Map<string, number>();
  const sampleTypes: ValueType[] = [{ type: 'samples', unit: 'count' }];
  for (const { header } of samples) {
    if (header.period === null) continue;
    const type = eventTypeName(header.event) || 'period';
    if (!eventColumn.has(type)) {
      eventColumn.set(type, sampleTypes.length);
      sampleTypes.push({ type, unit: eventUnit(type) });
    }
  }
  const builder = new ProfileBuilder('perf-script', 'cpu', sampleTypes);
  builder.comments.push(...comments);

  const frameRows = frames.map((f) =>
    builder.internFrame({
      func: builder.internFunction({ name: f.name, file: f.file }),
      line: f.line,
      column: f.column,
      address: f.address,
    }),
  );
  let emptyStack = -1;
  const values = new Array<number>(sampleTypes.length).fill(0);
  const first = samples[0]?.header as PerfHeader;
  const times: number[] = [];
  for (const { header, frames: ids } of samples) {
    let stack = -1;
    for (let k = ids.length - 1; k >= 0; k--) stack = builder.internStack(stack, frameRows[ids[k] as number] as number);
    if (stack < 0) {
      if (emptyStack < 0) {
        emptyStack = builder.internStack(
          -1,
          builder.internFrame({ func: builder.internFunction({ name: '(no stack)' }) }),
        );
      }
      stack = emptyStack;
    }
    values.fill(0);
    values[0] = 1;
    if (header.period !== null)
      values[eventColumn.get(eventTypeName(header.event) || 'period') as number] = header.period;
    const row = builder.addSample(stack, values);
    if (header.comm !== '') builder.addStringLabel(row, 'comm', header.comm);
    if (header.pid !== null) builder.addNumericLabel(row, 'pid', header.pid);
    if (header.tid !== null) builder.addNumericLabel(row, 'tid', header.tid);
    times.push((header.seconds - first.seconds) * 1e9 + (header.nanoseconds - first.nanoseconds));
  }

  let min = 0;
  let max = 0;
  for (const t of times) {
    if (t < min) min = t;
    if (t > max) max = t;
  }
  const profile = builder.build();
  profile.samples.timeNs = Float64Array.from(times, (t) => t - min);
  profile.durationNs = max - min;
  profile.capture = perfCapture(
    samples.map((s) => s.header),
    comments,
  );
  return profile;
}
