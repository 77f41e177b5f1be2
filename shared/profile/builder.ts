/**
 * Builds a `Profile` row by row while interning: equal functions, frames and
 * stack prefixes get one row each, so importers can add what they read
 * without deduplicating themselves.
 *
 * Hot paths (a stack node per frame per sample, ~1M samples x depth) use a
 * typed-array hash table, never string keys. Stacks are a prefix tree
 * whose rows are created parent first, which keeps `parent < index` (the
 * model's topological order) without any sorting.
 */
import type { Profile, ProfileFormat, ProfileKind, ValueType } from './model';
import { ModelTables } from './model-tables';
import { SampleColumns } from './sample-columns';

export interface FunctionInput {
  name: string;
  systemName?: string;
  file?: string;
  startLine?: number;
}

export interface FrameInput {
  /** Row returned by `internFunction`. */
  func: number;
  line?: number;
  column?: number;
  address?: number;
  inlined?: boolean;
}

// Stack rows are stored as row + 1 in an Int32Array, so this is the most a profile can have.
const MAX_STACK_NODES = 2 ** 30;
const INITIAL_SLOTS = 1 << 12;

export class ProfileBuilder {
  kind: ProfileKind;
  /** Index into sampleTypes shown first; defaults to the last type, as pprof does. */
  defaultSampleType: number;
  period: number | null = null;
  periodType: ValueType | null = null;
  startTimeMs: number | null = null;
  durationNs: number | null = null;
  readonly comments: string[] = [];

  private readonly format: ProfileFormat;
  private readonly sampleTypes: ValueType[];
  private readonly tables = new ModelTables();
  private readonly strings = this.tables.strings;
  private readonly functions = this.tables.functions;
  private readonly frames = this.tables.frames;

  // Open-addressing hash set of stack rows keyed by (parent, frame), linear
  // probing; a slot holds row + 1, 0 when empty. A Map with a numeric key per
  // node became the bottleneck at millions of nodes (and V8 Maps stop at 2^24
  // entries); typed-array slots stay fast and compact.
  private stackSlots = new Int32Array(INITIAL_SLOTS);
  private readonly stacks = { frame: [] as number[], parent: [] as number[] };
  private readonly depths: number[] = [];

  private readonly samples: SampleColumns;
  private readonly sampleTypeCount: number;

  private readonly labels = {
    sample: [] as number[],
    key: [] as number[],
    str: [] as number[],
    num: [] as number[],
    unit: [] as number[],
  };
  private built = false;

  constructor(format: ProfileFormat, kind: ProfileKind, sampleTypes: ValueType[]) {
    this.format = format;
    this.kind = kind;
    this.sampleTypes = sampleTypes.map((t) => ({ type: t.type, unit: t.unit }));
    this.samples = new SampleColumns(sampleTypes.length);
    this.sampleTypeCount = sampleTypes.length;
    this.defaultSampleType = Math.max(0, sampleTypes.length - 1);
  }

  get sampleCount(): number {
    return this.samples.length;
  }

  /**
   * Room for `total` samples in all, with times or without: an importer that
   * knows its count allocates the columns once, at their final size.
   */
  reserveSamples(total: number, withTimes: boolean): void {
    this.samples.reserve(total, withTimes);
  }

  get stackCount(): number {
    return this.stacks.frame.length;
  }

  get frameCount(): number {
    return this.frames.func.length;
  }

  /** Index of `value` in the string table (0 for ""). */
  string(value: string): number {
    return this.strings.intern(value);
  }

  internFunction(input: FunctionInput): number {
    const name = this.strings.intern(input.name);
    const systemName = this.strings.intern(input.systemName ?? '');
    const file = this.strings.intern(input.file ?? '');
    return this.tables.internFunction(name, systemName, file, input.startLine ?? 0);
  }

  internFrame(input: FrameInput): number {
    if (!(input.func >= 0 && input.func < this.functions.name.length)) {
      throw new RangeError(`frame refers to function ${input.func}, but only ${this.functions.name.length} exist`);
    }
    return this.tables.internFrame(
      input.func,
      input.line ?? 0,
      input.column ?? 0,
      input.address ?? 0,
      input.inlined ?? false,
    );
  }

  /** The stack node `frame` called from `parent` (-1 for a root frame). */
  internStack(parent: number, frame: number): number {
    if (!(parent >= -1 && parent < this.stacks.frame.length)) {
      throw new RangeError(`stack parent ${parent} does not exist`);
    }
    if (!(frame >= 0 && frame < this.frames.func.length)) throw new RangeError(`stack frame ${frame} does not exist`);
    const { parent: parents, frame: frames } = this.stacks;
    const slots = this.stackSlots;
    const mask = slots.length - 1;
    let slot = stackHash(parent, frame) & mask;
    for (let entry = slots[slot] as number; entry !== 0; entry = slots[slot] as number) {
      const row = entry - 1;
      if (parents[row] === parent && frames[row] === frame) return row;
      slot = (slot + 1) & mask;
    }
    const row = frames.length;
    if (row >= MAX_STACK_NODES) throw new RangeError(`profile has more than ${MAX_STACK_NODES} stack nodes`);
    frames.push(frame);
    parents.push(parent);
    this.depths.push(parent < 0 ? 1 : (this.depths[parent] as number) + 1);
    slots[slot] = row + 1;
    // Keep the load factor under 0.7 so probe sequences stay short.
    if ((row + 1) * 10 > slots.length * 7) this.growStackSlots();
    return row;
  }

  private growStackSlots(): void {
    const slots = new Int32Array(this.stackSlots.length * 2);
    const mask = slots.length - 1;
    const { parent: parents, frame: frames } = this.stacks;
    for (let row = 0; row < frames.length; row++) {
      let slot = stackHash(parents[row] as number, frames[row] as number) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = row + 1;
    }
    this.stackSlots = slots;
  }

  /** Frames from the root to `stack` inclusive (1 for a root frame). */
  stackDepth(stack: number): number {
    return this.depths[stack] ?? 0;
  }

  /**
   * Adds one sample. Either every sample has a time or none has: the model's
   * `timeNs` column is all or nothing.
   */
  addSample(stack: number, values: ArrayLike<number>, timeNs?: number): number {
    if (!(stack >= 0 && stack < this.stacks.frame.length)) throw new RangeError(`sample stack ${stack} does not exist`);
    if (values.length !== this.sampleTypeCount) {
      throw new RangeError(
        `sample has ${values.length} values but the profile has ${this.sampleTypeCount} sample types`,
      );
    }
    const timed = this.samples.hasTimes;
    if (timed !== null && (timeNs !== undefined) !== timed) {
      throw new RangeError('either every sample has a time or none has');
    }
    return this.samples.push(stack, values, timeNs);
  }

  /**
   * Adds every sample at once from whole columns, which the builder takes
   * over without a copy (the caller must not touch them afterwards): for an
   * importer that computes its columns in typed arrays of its own, so a
   * profile of millions of samples is not held twice. Only before any sample.
   */
  adoptSamples(stack: Int32Array, values: Float64Array[], timeNs: Float64Array | null): void {
    const stackCount = this.stacks.frame.length;
    for (let i = 0; i < stack.length; i++) {
      const s = stack[i] as number;
      if (!(s >= 0 && s < stackCount)) throw new RangeError(`sample stack ${s} does not exist`);
    }
    this.samples.adopt(stack, values, timeNs);
  }

  addStringLabel(sample: number, key: string, value: string): void {
    this.pushLabel(sample, key, this.strings.intern(value), 0, 0);
  }

  addNumericLabel(sample: number, key: string, value: number, unit = ''): void {
    this.pushLabel(sample, key, 0, value, this.strings.intern(unit));
  }

  private pushLabel(sample: number, key: string, str: number, num: number, unit: number): void {
    if (!(sample >= 0 && sample < this.samples.length)) {
      throw new RangeError(`label sample ${sample} does not exist`);
    }
    this.labels.sample.push(sample);
    this.labels.key.push(this.strings.intern(key));
    this.labels.str.push(str);
    this.labels.num.push(num);
    this.labels.unit.push(unit);
  }

  /** The finished profile. The builder hands over its arrays, so it cannot be used afterwards. */
  build(): Profile {
    if (this.built) throw new Error('ProfileBuilder.build() may be called once');
    this.built = true;
    return {
      format: this.format,
      kind: this.kind,
      strings: this.strings.strings,
      functions: this.functions,
      frames: this.frames,
      stacks: this.stacks,
      samples: this.samples.toTable(),
      labels: this.labels,
      sampleTypes: this.sampleTypes,
      defaultSampleType: this.defaultSampleType,
      period: this.period,
      periodType: this.periodType,
      startTimeMs: this.startTimeMs,
      durationNs: this.durationNs,
      comments: this.comments,
    };
  }
}

/** Mixes two 32-bit integers into a well-spread 32-bit hash (multiplicative hashing, murmur3-style finalizer). */
function stackHash(parent: number, frame: number): number {
  let h = Math.imul(parent + 1, 0x9e3779b1) ^ Math.imul(frame, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 13;
  return h >>> 0;
}
