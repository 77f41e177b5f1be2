/**
 * pprof (profile.proto, uncompressed bytes) to the Kiln model, decoding with
 * the pprof-format package after a structural check of the wire format.
 *
 * Facts from google/pprof proto/profile.proto that shape this code:
 * - string_table[0] must be ""; every *_index / string field is an index into it.
 * - Sample.location_id[0] is the leaf; the last entry is the root.
 * - Location.line[] lists inlined frames: line[0] is the innermost function,
 *   each later entry the caller it was inlined into; the last is the real
 *   (non-inlined) function at that address.
 * - default_sample_type names a type by string index; without it, pprof uses
 *   the last sample type.
 * - drop_frames/keep_frames are display hints; Kiln ignores them.
 */
import { Profile as PprofProfile, type Location, type Mapping } from 'pprof-format';
import { ProfileBuilder } from '../profile/builder';
import type { Profile, ValueType } from '../profile/model';
import { fail } from './errors';
import { checkLimit, type ImportLimits } from './limits';
import { pprofKind } from './pprof-kind';
import { hex, IdTable, int64, stringIndex, uint64, type Numeric } from './pprof-numbers';
import { checkProfileWire } from './protobuf-wire';

/** `wireChecked`: the caller (the sniffer) has already run checkProfileWire on `data`. */
export function importPprof(data: Uint8Array, limits: ImportLimits, wireChecked = false): Profile {
  if (!wireChecked) checkProfileWire(data, limits);
  let decoded: PprofProfile;
  try {
    decoded = PprofProfile.decode(data);
  } catch (error) {
    return fail(`corrupt protobuf: ${error instanceof Error ? error.message : String(error)}`);
  }

  const strings = decoded.stringTable.strings;
  if (strings.length > 0 && strings[0] !== '') fail('corrupt profile: string_table[0] must be the empty string');
  for (const s of strings) checkLimit('string length', s.length, limits, 'maxStringLength');
  // `what` names the field for the error message; a function, so that the
  // per-sample calls build no strings unless something is wrong.
  const str = (index: Numeric, what: () => string): string => {
    const value = strings[stringIndex(index)];
    if (value === undefined) {
      return fail(`corrupt profile: ${what()} refers to string ${String(index)}, but the table has ${strings.length}`);
    }
    return value;
  };

  const sampleTypes: ValueType[] = decoded.sampleType.map((t, i) => ({
    type: str(t.type, () => `sample_type[${i}].type`),
    unit: str(t.unit, () => `sample_type[${i}].unit`),
  }));
  if (sampleTypes.length === 0) fail('profile has no sample types (sample_type is empty)');

  const defaultSampleType = defaultTypeIndex(
    sampleTypes,
    str(decoded.defaultSampleType, () => 'default_sample_type'),
  );
  const builder = new ProfileBuilder('pprof', pprofKind(sampleTypes, defaultSampleType), sampleTypes);
  builder.defaultSampleType = defaultSampleType;

  const functions = new IdTable<number>();
  for (const fn of decoded.function) {
    functions.set(
      fn.id,
      builder.internFunction({
        name: str(fn.name, () => `function ${String(fn.id)} name`),
        systemName: str(fn.systemName, () => `function ${String(fn.id)} system_name`),
        file: str(fn.filename, () => `function ${String(fn.id)} filename`),
        startLine: Math.max(0, int64(fn.startLine)),
      }),
    );
  }

  const mappingNames = new IdTable<string>();
  for (const mapping of decoded.mapping) mappingNames.set(mapping.id, mappingName(mapping, str));

  // Each location's frames, root-most (the real function) first, ready to be
  // pushed onto a stack in caller-to-callee order.
  const locations = new IdTable<number[]>();
  for (const location of decoded.location) {
    locations.set(location.id, locationFrames(location, builder, functions, mappingNames));
  }

  const typeCount = sampleTypes.length;
  const values = new Array<number>(typeCount);
  let emptyStack = -1;
  decoded.sample.forEach((sample, index) => {
    if (sample.value.length !== typeCount) {
      fail(
        `corrupt profile: sample ${index} has ${sample.value.length} values but there are ${typeCount} sample types`,
      );
    }
    for (let t = 0; t < typeCount; t++) values[t] = int64(sample.value[t] as Numeric);

    const ids = sample.locationId;
    const frameLists = new Array<number[]>(ids.length);
    let depth = 0;
    for (let k = 0; k < ids.length; k++) {
      const frames = locations.get(ids[k] as Numeric);
      if (!frames) fail(`corrupt profile: sample ${index} refers to location ${String(ids[k])}, which does not exist`);
      frameLists[k] = frames;
      depth += frames.length;
    }
    checkLimit('stack depth', depth, limits, 'maxStackDepth');

    let stack = -1;
    for (let k = ids.length - 1; k >= 0; k--) {
      for (const frame of frameLists[k] as number[]) stack = builder.internStack(stack, frame);
    }
    if (stack < 0) {
      // profile.proto allows a sample without locations; the model needs a
      // stack, so such samples share one synthetic frame and keep their value.
      if (emptyStack < 0) {
        emptyStack = builder.internStack(
          -1,
          builder.internFrame({ func: builder.internFunction({ name: '(no stack)' }) }),
        );
      }
      stack = emptyStack;
    }
    const row = builder.addSample(stack, values);

    for (const label of sample.label) {
      const key = str(label.key, () => `sample ${index} label key`);
      if (key === '') continue;
      if (stringIndex(label.str) !== 0) {
        builder.addStringLabel(
          row,
          key,
          str(label.str, () => `sample ${index} label ${key}`),
        );
      } else {
        builder.addNumericLabel(
          row,
          key,
          int64(label.num),
          str(label.numUnit, () => `sample ${index} label ${key} unit`),
        );
      }
    }
  });

  if (decoded.periodType) {
    builder.periodType = {
      type: str(decoded.periodType.type, () => 'period_type.type'),
      unit: str(decoded.periodType.unit, () => 'period_type.unit'),
    };
  }
  const period = int64(decoded.period);
  builder.period = period !== 0 || decoded.periodType ? period : null;
  const timeNanos = int64(decoded.timeNanos);
  builder.startTimeMs = timeNanos !== 0 ? timeNanos / 1e6 : null;
  const durationNanos = int64(decoded.durationNanos);
  builder.durationNs = durationNanos > 0 ? durationNanos : null;
  decoded.comment.forEach((c, i) => builder.comments.push(str(c, () => `comment[${i}]`)));
  return builder.build();
}

/** profile.proto: default_sample_type is the type's name; absent or unknown means the last type. */
function defaultTypeIndex(sampleTypes: ValueType[], name: string): number {
  if (name !== '') {
    const index = sampleTypes.findIndex((t) => t.type === name);
    if (index >= 0) return index;
  }
  return sampleTypes.length - 1;
}

/** pprof names unsymbolized code by the base name of its mapping's file, in brackets: "[libc-2.15.so]". */
function mappingName(mapping: Mapping, str: (index: Numeric, what: () => string) => string): string {
  const file = str(mapping.filename, () => `mapping ${String(mapping.id)} filename`);
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  return base === '' ? '' : `[${base}]`;
}

function locationFrames(
  location: Location,
  builder: ProfileBuilder,
  functions: IdTable<number>,
  mappingNames: IdTable<string>,
): number[] {
  const address = uint64(location.address);
  const lines = location.line;
  const frames: number[] = [];
  for (let j = lines.length - 1; j >= 0; j--) {
    const line = lines[j] as Location['line'][number];
    // function_id 0 means "no function" (profile.proto); treat like a location without lines.
    if (uint64(line.functionId) === 0) continue;
    const func = functions.get(line.functionId);
    if (func === undefined) {
      fail(
        `corrupt profile: location ${String(location.id)} refers to function ${String(line.functionId)}, which does not exist`,
      );
    }
    frames.push(
      builder.internFrame({
        func,
        line: Math.max(0, int64(line.line)),
        column: Math.max(0, int64(line.column)),
        address,
        // Every entry but the last was inlined into the entry after it.
        inlined: j < lines.length - 1,
      }),
    );
  }
  if (frames.length === 0) {
    // No symbol information: like pprof, name the code by its mapping
    // ("[libc-2.15.so]"); without a mapping file, by its address.
    const name = mappingNames.get(location.mappingId) || hex(location.address);
    frames.push(builder.internFrame({ func: builder.internFunction({ name }), address }));
  }
  return frames;
}
