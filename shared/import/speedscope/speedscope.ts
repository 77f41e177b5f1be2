/**
 * speedscope's own file format (https://www.speedscope.app/file-format-schema.json;
 * facts from speedscope's file-format-spec): `shared.frames` lists
 * {name, file?, line?, col?}; each entry of `profiles` is
 * - "sampled": `samples` (stacks as frame indices, root first) with one
 *   `weights` entry each, or
 * - "evented": `events` {type "O" | "C", at, frame} that open and close frames,
 * with a `name`, a `unit` and `startValue`/`endValue` in that unit.
 *
 * One Kiln profile per entry, named by its `name`, format 'speedscope'.
 * - Units: nanoseconds/microseconds/milliseconds/seconds → wall/nanoseconds;
 *   bytes → space/bytes; none → samples/count. Anything else is refused.
 * - Sampled entries: kind 'cpu' ('allocations' for bytes), one sample per stack
 *   with its weight; the format gives samples no times.
 * - Evented entries: kind 'trace', samples are the self time of the innermost
 *   open frame (span-samples.ts), timed from `startValue` when the unit is a
 *   time. speedscope itself refuses evented entries whose events go back in
 *   time, close a frame other than the innermost open one, or leave frames
 *   open (its sample files `invalid/out-of-order-events.json` and
 *   `invalid/incomplete-trace.json`); so does Kiln, saying which event.
 * - `frames[].line` and `col` are taken as 1-based positions, as speedscope shows them.
 */
import { ProfileBuilder } from '../../profile/builder';
import type { Profile, ProfileKind, ValueType } from '../../profile/model';
import { fail } from '../errors';
import { isObject, numeric, positiveIntegerOrZero, readArray, readString, type JsonObject } from '../json-read';
import { checkItemCount, checkLimit, type ImportLimits } from '../limits';
import { uniqueNames, type NamedProfile } from '../named-profile';
import { shown, spansOfEvents } from './evented';
import { addSpanSamples } from '../chrome-trace/span-samples';

interface Unit {
  sampleType: ValueType;
  /** Factor to nanoseconds for time units; null for the others, which are kept as they are. */
  toNs: number | null;
}

const UNITS: Record<string, Unit> = {
  nanoseconds: { sampleType: { type: 'wall', unit: 'nanoseconds' }, toNs: 1 },
  microseconds: { sampleType: { type: 'wall', unit: 'nanoseconds' }, toNs: 1e3 },
  milliseconds: { sampleType: { type: 'wall', unit: 'nanoseconds' }, toNs: 1e6 },
  seconds: { sampleType: { type: 'wall', unit: 'nanoseconds' }, toNs: 1e9 },
  bytes: { sampleType: { type: 'space', unit: 'bytes' }, toNs: null },
  none: { sampleType: { type: 'samples', unit: 'count' }, toNs: null },
};

export function importSpeedscope(json: unknown, limits: ImportLimits): NamedProfile[] {
  if (!isObject(json)) return fail('a speedscope file must be a JSON object');
  const shared = json.shared;
  if (!isObject(shared)) return fail('speedscope file has no "shared" object');
  const frames = readArray(shared.frames, 'shared.frames');
  const profiles = readArray(json.profiles, 'profiles');
  if (profiles.length === 0) fail('speedscope file has no profiles');
  checkItemCount(profiles.length, limits);
  const fileName = typeof json.name === 'string' && json.name !== '' ? json.name : null;

  const items: NamedProfile[] = [];
  for (let p = 0; p < profiles.length; p++) {
    const entry = profiles[p];
    if (!isObject(entry)) return fail(`profiles[${p}] is not an object`);
    const name = readString(entry.name, `profiles[${p}].name`, limits);
    const where = `profiles[${p}]${name ? ` ("${name}")` : ''}`;
    const profile = importEntry(entry, where, frames, limits);
    if (fileName !== null) profile.comments.push(`speedscope file: ${fileName}`);
    items.push({ name: name || (profiles.length > 1 ? `profile ${p + 1}` : null), profile });
  }
  return uniqueNames(items);
}

function importEntry(entry: JsonObject, where: string, frames: unknown[], limits: ImportLimits): Profile {
  const unitName = entry.unit;
  const unit =
    typeof unitName === 'string' && Object.prototype.hasOwnProperty.call(UNITS, unitName) ? UNITS[unitName] : undefined;
  if (unit === undefined) {
    return fail(`${where} has unit ${shown(unitName)}, not one of ${Object.keys(UNITS).join(', ')}`);
  }
  const startValue = numeric(entry.startValue) ?? 0;
  const endValue = numeric(entry.endValue);
  let kind: ProfileKind;
  if (entry.type === 'evented') kind = 'trace';
  else if (entry.type === 'sampled') kind = unit.sampleType.unit === 'bytes' ? 'allocations' : 'cpu';
  else return fail(`${where} has type ${shown(entry.type)}, not "sampled" or "evented"`);

  const builder = new ProfileBuilder('speedscope', kind, [unit.sampleType]);
  const frameRows = new FrameRows(frames, builder, limits);
  if (unit.toNs !== null && endValue !== null && endValue >= startValue) {
    builder.durationNs = Math.round((endValue - startValue) * unit.toNs);
  }
  if (entry.type === 'evented') {
    const events = readArray(entry.events, `${where}.events`);
    checkLimit('event count', events.length, limits, 'maxSamples');
    const scale = unit.toNs ?? 1;
    const toValue = (at: number): number =>
      unit.toNs === null ? at - startValue : Math.round((at - startValue) * scale);
    const spans = spansOfEvents(events, where, frames, (frame) => frameRows.row(frame), toValue);
    addSpanSamples(builder, spans, limits, unit.toNs !== null);
  } else {
    addSampledStacks(entry, where, unit, frameRows, builder, limits);
  }
  return builder.build();
}

function addSampledStacks(
  entry: JsonObject,
  where: string,
  unit: Unit,
  frameRows: FrameRows,
  builder: ProfileBuilder,
  limits: ImportLimits,
): void {
  const samples = readArray(entry.samples, `${where}.samples`);
  const weights = readArray(entry.weights, `${where}.weights`);
  if (weights.length !== samples.length) {
    fail(`${where} has ${samples.length} samples but ${weights.length} weights`);
  }
  checkLimit('sample count', samples.length, limits, 'maxSamples');
  for (let i = 0; i < samples.length; i++) {
    const stackFrames = readArray(samples[i], `${where}.samples[${i}]`);
    checkLimit('stack depth', stackFrames.length, limits, 'maxStackDepth');
    const weight = weights[i];
    if (typeof weight !== 'number' || !Number.isFinite(weight)) fail(`${where}.weights[${i}] is not a finite number`);
    // A sample with an empty stack has nowhere to go in a call tree; speedscope skips it too.
    if (stackFrames.length === 0) continue;
    let stack = -1;
    for (let d = 0; d < stackFrames.length; d++) {
      const frame = stackFrames[d];
      if (!frameRows.isIndex(frame)) fail(`${where}.samples[${i}][${d}] is not a frame index (${String(frame)})`);
      stack = builder.internStack(stack, frameRows.row(frame));
    }
    builder.addSample(stack, [unit.toNs === null ? weight : Math.round(weight * unit.toNs)]);
  }
}

/** Builder frame rows for `shared.frames` indices, read on first use. */
class FrameRows {
  private readonly rows: Int32Array;

  constructor(
    private readonly frames: unknown[],
    private readonly builder: ProfileBuilder,
    private readonly limits: ImportLimits,
  ) {
    this.rows = new Int32Array(frames.length).fill(-1);
  }

  isIndex(value: unknown): value is number {
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < this.frames.length;
  }

  row(index: number): number {
    const known = this.rows[index] as number;
    if (known >= 0) return known;
    const frame = this.frames[index];
    if (!isObject(frame)) return fail(`shared.frames[${index}] is not an object`);
    const where = `shared.frames[${index}]`;
    const func = this.builder.internFunction({
      name: readString(frame.name, `${where}.name`, this.limits) || '(unnamed)',
      file: readString(frame.file, `${where}.file`, this.limits),
    });
    const row = this.builder.internFrame({
      func,
      line: positiveIntegerOrZero(frame.line),
      column: positiveIntegerOrZero(frame.col),
    });
    this.rows[index] = row;
    return row;
  }
}
