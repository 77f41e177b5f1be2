/**
 * Between the passes: pass 1's raw records (ids, string indices) become the
 * model's strings, functions and frames, and every location becomes its list
 * of frames, so that pass 2 turns a sample into a stack with array reads only.
 *
 * Semantics kept from profile.proto and `go tool pprof`:
 * - string_table[0] must be ""; every string field is an index into it.
 * - Location.line[] lists inlined frames: line[0] is the innermost function,
 *   each later entry the caller it was inlined into, the last the real
 *   function. A location's frames are stored root-most first (the order in
 *   which they are pushed onto a stack) and all but the real one are marked inlined.
 * - function_id 0 means "no function"; a location left without frames is
 *   named, as pprof does, by its mapping's file base name in brackets
 *   ("[libc-2.15.so]"), else by its address in hex.
 * - default_sample_type names a type; absent or unknown means the last type.
 * - When ids repeat, the last message with that id wins (as pprof-format's
 *   decode into an IdTable did).
 */
import type { ProfileKind, ValueType } from '../../profile/model';
import { ModelTables } from '../../profile/model-tables';
import type { CaptureTags } from '../../capture/capture';
import { fail } from '../errors';
import { pprofCapture } from './capture';
import { pprofKind } from './kind';
import { IdTable, type IdKey } from './numbers';
import { uint64Hex } from './stream-reader';
import type { RawTables, RawValueType } from './stream-tables';

const TWO_32 = 4294967296;

/**
 * Location id → location row. Writers number ids 1..n (Go, pprof-format), so
 * small ids index a typed array, which the per-sample loop reads without
 * hashing; others go through a Map keyed exactly (IdKey).
 */
export class LocationIndex {
  private readonly dense: Int32Array;
  private readonly sparse = new Map<IdKey, number>();

  constructor(ids: readonly IdKey[]) {
    // Dense up to a bound proportional to the count, so one huge id cannot claim a huge array.
    const limit = 4 * ids.length + 1024;
    let size = 0;
    for (const id of ids) if (typeof id === 'number' && id < limit && id >= size) size = id + 1;
    this.dense = new Int32Array(size).fill(-1);
    ids.forEach((id, row) => {
      if (typeof id === 'number' && id < size) this.dense[id] = row;
      else this.sparse.set(id, row);
    });
  }

  /** The row of the location whose id has these uint64 halves, or -1. */
  get(lo: number, hi: number): number {
    if (hi === 0 && lo < this.dense.length) return this.dense[lo] as number;
    const key: IdKey = hi < 0x200000 ? hi * TWO_32 + lo : (BigInt(hi) << 32n) | BigInt(lo);
    return this.sparse.get(key) ?? -1;
  }
}

export interface ResolvedTables {
  model: ModelTables;
  /** The file's string table, for label checks in pass 2. */
  fileStrings: readonly string[];
  sampleTypes: ValueType[];
  defaultSampleType: number;
  kind: ProfileKind;
  periodType: ValueType | null;
  period: number | null;
  startTimeMs: number | null;
  durationNs: number | null;
  comments: string[];
  /** Service (the main binary's name) and item labels (its build id, key=value comments): pprof-capture.ts. */
  capture: CaptureTags;
  sampleCount: number;
  locationIndex: LocationIndex;
  /** `frames[frameStart[i]…frameStart[i + 1]]`: location i's frames, root-most first. */
  frameStart: Int32Array;
  frames: Int32Array;
  /** File string index → model string index (interned on first use). */
  modelString(fileIndex: number): number;
}

export function resolveTables(raw: RawTables): ResolvedTables {
  const fileStrings = raw.strings;
  if (fileStrings.length > 0 && fileStrings[0] !== '')
    fail('corrupt profile: string_table[0] must be the empty string');
  const model = new ModelTables();
  const stringMap = new Int32Array(fileStrings.length).fill(-1);
  // `what` names the field for the error message; a function, so no string is built unless something is wrong.
  const str = (index: number, what: () => string): string => {
    const value = Number.isSafeInteger(index) ? fileStrings[index] : undefined;
    if (value === undefined) {
      return fail(`corrupt profile: ${what()} refers to string ${index}, but the table has ${fileStrings.length}`);
    }
    return value;
  };
  const modelString = (fileIndex: number): number => {
    let id = stringMap[fileIndex] as number;
    if (id < 0) {
      id = model.strings.intern(fileStrings[fileIndex] as string);
      stringMap[fileIndex] = id;
    }
    return id;
  };
  const strId = (index: number, what: () => string): number => {
    str(index, what);
    return modelString(index);
  };
  const valueType = (t: RawValueType, what: string): ValueType => ({
    type: str(t.type, () => `${what}.type`),
    unit: str(t.unit, () => `${what}.unit`),
  });

  const sampleTypes = raw.sampleTypes.map((t, i) => valueType(t, `sample_type[${i}]`));
  if (sampleTypes.length === 0) fail('profile has no sample types (sample_type is empty)');
  const defaultSampleType = defaultTypeIndex(
    sampleTypes,
    str(raw.defaultSampleType, () => 'default_sample_type'),
  );

  const functions = new IdTable<number>();
  const f = raw.functions;
  for (let i = 0; i < f.id.length; i++) {
    const id = f.id[i] as IdKey;
    functions.set(
      id,
      model.internFunction(
        strId(f.name[i] as number, () => `function ${String(id)} name`),
        strId(f.systemName[i] as number, () => `function ${String(id)} system_name`),
        strId(f.filename[i] as number, () => `function ${String(id)} filename`),
        Math.max(0, f.startLine[i] as number),
      ),
    );
  }

  const mappingNames = new IdTable<string>();
  const m = raw.mappings;
  for (let i = 0; i < m.id.length; i++) {
    const id = m.id[i] as IdKey;
    const file = str(m.filename[i] as number, () => `mapping ${String(id)} filename`);
    const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
    mappingNames.set(id, base === '' ? '' : `[${base}]`);
  }

  const { frameStart, frames } = locationFrames(raw, model, functions, mappingNames);

  const periodType = raw.periodType ? valueType(raw.periodType, 'period_type') : null;
  const comments = raw.comments.map((c, i) => str(c, () => `comment[${i}]`));
  const main = m.id.length > 0 ? 0 : -1;
  const capture = pprofCapture(
    main < 0 ? null : str(m.filename[main] as number, () => 'mapping filename'),
    main < 0 ? null : str(m.buildId[main] as number, () => 'mapping build_id'),
    comments,
  );
  return {
    model,
    fileStrings,
    sampleTypes,
    defaultSampleType,
    kind: pprofKind(sampleTypes, defaultSampleType),
    periodType,
    period: raw.period !== 0 || periodType ? raw.period : null,
    startTimeMs: raw.timeNanos !== 0 ? raw.timeNanos / 1e6 : null,
    durationNs: raw.durationNanos > 0 ? raw.durationNanos : null,
    comments,
    capture,
    sampleCount: raw.sampleCount,
    locationIndex: new LocationIndex(raw.locations.id),
    frameStart,
    frames,
    modelString,
  };
}

/** profile.proto: default_sample_type is the type's name; absent or unknown means the last type. */
function defaultTypeIndex(sampleTypes: ValueType[], name: string): number {
  if (name !== '') {
    const index = sampleTypes.findIndex((t) => t.type === name);
    if (index >= 0) return index;
  }
  return sampleTypes.length - 1;
}

function locationFrames(
  raw: RawTables,
  model: ModelTables,
  functions: IdTable<number>,
  mappingNames: IdTable<string>,
): { frameStart: Int32Array; frames: Int32Array } {
  const { locations, lines } = raw;
  const count = locations.id.length;
  const frameStart = new Int32Array(count + 1);
  const frames: number[] = [];
  for (let i = 0; i < count; i++) {
    const lo = locations.addressLo[i] as number;
    const hi = locations.addressHi[i] as number;
    const address = hi * TWO_32 + lo;
    const first = locations.lineStart[i] as number;
    const last = (locations.lineStart[i + 1] as number) - 1;
    const before = frames.length;
    for (let j = last; j >= first; j--) {
      const functionId = lines.functionId[j] as IdKey;
      // function_id 0 means "no function" (profile.proto); treat like a location without lines.
      if (functionId === 0) continue;
      const func = functions.get(functionId);
      if (func === undefined) {
        fail(
          `corrupt profile: location ${String(locations.id[i])} refers to function ${String(functionId)}, which does not exist`,
        );
      }
      frames.push(
        model.internFrame(
          func,
          Math.max(0, lines.line[j] as number),
          Math.max(0, lines.column[j] as number),
          address,
          // Every entry but the last was inlined into the entry after it.
          j < last,
        ),
      );
    }
    if (frames.length === before) {
      // No symbol information: like pprof, name the code by its mapping, else by its address.
      const name = mappingNames.get(locations.mappingId[i] as IdKey) || uint64Hex(lo, hi);
      frames.push(model.namedFrame(name, address));
    }
    frameStart[i + 1] = frames.length;
  }
  return { frameStart, frames: Int32Array.from(frames) };
}
