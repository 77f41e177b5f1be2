/**
 * The model's invariants (see the header of model.ts), checked on every
 * importer's output in tests and usable as a guard before storing a profile
 * that came from elsewhere (e.g. another process). Returns every violation
 * found, capped so that a thoroughly broken profile yields a readable list.
 */
import type { Profile, ProfileFormat, ProfileKind } from './model';

const MAX_REPORTED = 50;
// Records over the unions, so adding a format or kind to the model without listing it here fails to compile.
const FORMAT_NAMES: Record<ProfileFormat, true> = {
  pprof: true,
  'pprof-legacy': true,
  cpuprofile: true,
  heapprofile: true,
  'chrome-trace': true,
  speedscope: true,
  firefox: true,
  'perf-script': true,
  callgrind: true,
  collapsed: true,
  jfr: true,
};
const KIND_NAMES: Record<ProfileKind, true> = {
  cpu: true,
  allocations: true,
  heap: true,
  goroutines: true,
  contention: true,
  trace: true,
  other: true,
};
const FORMATS = new Set<string>(Object.keys(FORMAT_NAMES));
const KINDS = new Set<string>(Object.keys(KIND_NAMES));

class Violations {
  readonly list: string[] = [];
  private dropped = 0;

  add(message: string): void {
    if (this.list.length < MAX_REPORTED) this.list.push(message);
    else this.dropped++;
  }

  result(): string[] {
    return this.dropped > 0 ? [...this.list, `... and ${this.dropped} more violations`] : this.list;
  }
}

export function checkProfile(profile: Profile): string[] {
  const v = new Violations();
  if (!FORMATS.has(profile.format)) v.add(`format "${String(profile.format)}" is not a known format`);
  if (!KINDS.has(profile.kind)) v.add(`kind "${String(profile.kind)}" is not a known kind`);

  const strings = profile.strings;
  if (!Array.isArray(strings) || strings[0] !== '') v.add('strings[0] must be the empty string');
  for (let i = 0; i < strings.length; i++) {
    if (typeof strings[i] !== 'string') v.add(`strings[${i}] is not a string`);
  }
  const stringCount = strings.length;

  const f = profile.functions;
  const functionCount = checkColumns(v, 'functions', f.name, {
    systemName: f.systemName,
    file: f.file,
    startLine: f.startLine,
  });
  checkIndices(v, 'functions.name', f.name, 0, stringCount);
  checkIndices(v, 'functions.systemName', f.systemName, 0, stringCount);
  checkIndices(v, 'functions.file', f.file, 0, stringCount);
  checkNonNegativeIntegers(v, 'functions.startLine', f.startLine);

  const fr = profile.frames;
  const frameCount = checkColumns(v, 'frames', fr.func, {
    line: fr.line,
    column: fr.column,
    address: fr.address,
    inlined: fr.inlined,
  });
  checkIndices(v, 'frames.func', fr.func, 0, functionCount);
  checkNonNegativeIntegers(v, 'frames.line', fr.line);
  checkNonNegativeIntegers(v, 'frames.column', fr.column);
  checkNonNegativeIntegers(v, 'frames.address', fr.address);
  for (let i = 0; i < fr.inlined.length; i++) {
    if (fr.inlined[i] !== 0 && fr.inlined[i] !== 1) v.add(`frames.inlined[${i}] must be 0 or 1`);
  }

  const st = profile.stacks;
  const stackCount = checkColumns(v, 'stacks', st.frame, { parent: st.parent });
  checkIndices(v, 'stacks.frame', st.frame, 0, frameCount);
  for (let i = 0; i < st.parent.length; i++) {
    const parent = st.parent[i] as number;
    // Topological order: every walk over stacks is a loop, never recursion.
    if (!Number.isInteger(parent) || parent < -1 || parent >= i) {
      v.add(`stacks.parent[${i}] = ${parent} must be -1 or a smaller row`);
    }
  }

  const s = profile.samples;
  const sampleCount = s.stack.length;
  checkIndices(v, 'samples.stack', s.stack, 0, stackCount);
  if (s.values.length !== profile.sampleTypes.length) {
    v.add(`samples.values has ${s.values.length} columns but there are ${profile.sampleTypes.length} sample types`);
  }
  s.values.forEach((column, t) => {
    if (column.length !== sampleCount) {
      v.add(`samples.values[${t}] has ${column.length} rows, samples.stack ${sampleCount}`);
    }
    for (let i = 0; i < column.length; i++) {
      if (!Number.isFinite(column[i])) v.add(`samples.values[${t}][${i}] = ${column[i]} is not finite`);
    }
  });
  if (s.timeNs !== null) {
    if (s.timeNs.length !== sampleCount) {
      v.add(`samples.timeNs has ${s.timeNs.length} rows, samples.stack ${sampleCount}`);
    }
    for (let i = 0; i < s.timeNs.length; i++) {
      if (!Number.isFinite(s.timeNs[i])) v.add(`samples.timeNs[${i}] = ${s.timeNs[i]} is not finite`);
    }
  }

  const l = profile.labels;
  checkColumns(v, 'labels', l.sample, { key: l.key, str: l.str, num: l.num, unit: l.unit });
  checkIndices(v, 'labels.sample', l.sample, 0, sampleCount);
  checkIndices(v, 'labels.key', l.key, 1, stringCount);
  checkIndices(v, 'labels.str', l.str, 0, stringCount);
  checkIndices(v, 'labels.unit', l.unit, 0, stringCount);
  for (let i = 0; i < l.num.length; i++) {
    if (!Number.isFinite(l.num[i])) v.add(`labels.num[${i}] = ${l.num[i]} is not finite`);
  }

  profile.sampleTypes.forEach((t, i) => {
    if (typeof t?.type !== 'string' || typeof t?.unit !== 'string') {
      v.add(`sampleTypes[${i}] must have string type and unit`);
    }
  });
  const types = profile.sampleTypes.length;
  const dflt = profile.defaultSampleType;
  if (!Number.isInteger(dflt) || (types > 0 ? dflt < 0 || dflt >= types : dflt !== 0)) {
    v.add(`defaultSampleType ${dflt} is out of range for ${types} sample types`);
  }
  if (profile.period !== null && !Number.isFinite(profile.period)) v.add(`period ${profile.period} is not finite`);
  if (
    profile.periodType !== null &&
    (typeof profile.periodType.type !== 'string' || typeof profile.periodType.unit !== 'string')
  ) {
    v.add('periodType must have string type and unit');
  }
  if (profile.startTimeMs !== null && !Number.isFinite(profile.startTimeMs)) v.add('startTimeMs is not finite');
  if (profile.durationNs !== null && !(Number.isFinite(profile.durationNs) && profile.durationNs >= 0)) {
    v.add(`durationNs ${profile.durationNs} must be a finite non-negative number`);
  }
  profile.comments.forEach((c, i) => {
    if (typeof c !== 'string') v.add(`comments[${i}] is not a string`);
  });
  return v.result();
}

/** All columns of a table must be as long as its first; returns that length. */
function checkColumns(v: Violations, table: string, first: unknown[], others: Record<string, unknown[]>): number {
  for (const [name, column] of Object.entries(others)) {
    if (column.length !== first.length) v.add(`${table}.${name} has ${column.length} rows, expected ${first.length}`);
  }
  return first.length;
}

function checkIndices(v: Violations, column: string, values: ArrayLike<number>, min: number, end: number): void {
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (!Number.isInteger(value) || value < min || value >= end) {
      v.add(`${column}[${i}] = ${value} is out of range [${min}, ${end})`);
    }
  }
}

function checkNonNegativeIntegers(v: Violations, column: string, values: number[]): void {
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (!Number.isInteger(value) || value < 0) v.add(`${column}[${i}] = ${value} must be a non-negative integer`);
  }
}
