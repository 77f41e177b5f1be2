/**
 * One thread of a Firefox Profiler file (Gecko or processed format) to a Kiln
 * profile. Facts from the Firefox Profiler's gecko-profile-format.md,
 * processed-profile-format.md, CHANGELOG-formats.md and src/types/profile.ts:
 *
 * - stackTable {prefix, frame}: a prefix tree, null prefix for a root.
 * - frameTable: Gecko frames carry a `location` string ("name (url:line:col)"
 *   for JS, "0x…" for unsymbolicated native code, a label otherwise) plus
 *   `line`/`column`; processed frames point at funcTable (`func`) and carry
 *   `line`, `column`, `address` and `inlineDepth` (> 0: inlined into the
 *   frame above it).
 * - funcTable (processed): `name`, `fileName` (string index), or since
 *   version 58 `source` (index into shared.sources, whose `filename` is a
 *   string index), `lineNumber`, `columnNumber`.
 * - samples: `stack` (null: no stack), `time` in milliseconds since
 *   meta.startTime, or since version 50 `timeDeltas`; optional `weight`
 *   with `weightType` 'samples' (a count), 'tracing-ms' (self time in ms)
 *   or 'bytes'.
 *
 * Sample types follow the weight type: 'samples' → samples/count and
 * wall/nanoseconds (count × meta.interval, as the Firefox Profiler's call tree
 * counts a sample as one interval), kind 'cpu'; 'tracing-ms' → wall/nanoseconds,
 * kind 'trace'; 'bytes' → space/bytes, kind 'allocations'. Samples without a
 * stack are left out (the Firefox Profiler's call tree leaves them out too)
 * and counted in a comment. Sample times are nanoseconds since startTimeMs,
 * the process's meta.startTime (Unix epoch milliseconds).
 */
import { ProfileBuilder } from '../../profile/builder';
import type { Profile, ProfileKind, ValueType } from '../../profile/model';
import { fail } from '../errors';
import { readTable, requiredColumn, type Table } from './tables';
import { isObject, numeric, positiveIntegerOrZero, type JsonObject } from '../json-read';
import { checkLimit, type ImportLimits } from '../limits';
import { splitCallSite } from '../source-location';

export interface ThreadContext {
  where: string;
  /** The string table the thread's indices refer to. */
  strings: unknown[];
  /** shared.sources of processed version 58+, else null. */
  sources: JsonObject | null;
  /** meta.interval in milliseconds, null when absent. */
  intervalMs: number | null;
  /** meta.startTime, Unix epoch milliseconds. */
  startTimeMs: number | null;
}

interface WeightKind {
  kind: ProfileKind;
  sampleTypes: ValueType[];
  values: (weight: number, intervalNs: number | null) => number[];
}

const WEIGHTS: Record<string, WeightKind> = {
  samples: {
    kind: 'cpu',
    sampleTypes: [
      { type: 'samples', unit: 'count' },
      { type: 'wall', unit: 'nanoseconds' },
    ],
    values: (weight, intervalNs) => [weight, weight * (intervalNs ?? 0)],
  },
  'tracing-ms': {
    kind: 'trace',
    sampleTypes: [{ type: 'wall', unit: 'nanoseconds' }],
    values: (weight) => [Math.round(weight * 1e6)],
  },
  bytes: { kind: 'allocations', sampleTypes: [{ type: 'space', unit: 'bytes' }], values: (weight) => [weight] },
};

/** The thread's profile, or null when it has no samples with a stack. */
export function buildThreadProfile(thread: JsonObject, context: ThreadContext, limits: ImportLimits): Profile | null {
  const { where } = context;
  if (thread.samples === undefined || thread.samples === null) return null;
  const samples = readTable(thread.samples, `${where}.samples`, ['stack']);
  if (samples.length === 0) return null;
  checkLimit('sample count', samples.length, limits, 'maxSamples');

  const weightTypeName = isObject(thread.samples) ? (thread.samples.weightType ?? 'samples') : 'samples';
  const weightKind =
    typeof weightTypeName === 'string' && Object.prototype.hasOwnProperty.call(WEIGHTS, weightTypeName)
      ? WEIGHTS[weightTypeName]
      : undefined;
  if (weightKind === undefined) {
    return fail(`${where}.samples.weightType ${JSON.stringify(weightTypeName)} is not samples, tracing-ms or bytes`);
  }
  const intervalNs = context.intervalMs !== null ? Math.round(context.intervalMs * 1e6) : null;
  const sampleTypes =
    weightTypeName === 'samples' && intervalNs === null ? weightKind.sampleTypes.slice(0, 1) : weightKind.sampleTypes;
  const builder = new ProfileBuilder('firefox', weightKind.kind, sampleTypes);
  builder.startTimeMs = context.startTimeMs;
  if (weightTypeName === 'samples' && intervalNs !== null) {
    builder.period = intervalNs;
    builder.periodType = { type: 'wall', unit: 'nanoseconds' };
  }

  const stacks = new ThreadStacks(thread, context, builder, limits);
  const stackColumn = requiredColumn(samples, 'stack');
  const timeOf = sampleTimes(samples);
  const weightColumn = samples.column('weight');
  let withoutStack = 0;
  let firstMs = Infinity;
  let lastMs = -Infinity;
  for (let i = 0; i < samples.length; i++) {
    const stackIndex = stackColumn(i);
    const timeMs = timeOf(i);
    firstMs = Math.min(firstMs, timeMs);
    lastMs = Math.max(lastMs, timeMs);
    if (stackIndex === null || stackIndex === undefined) {
      withoutStack++;
      continue;
    }
    const weight =
      weightColumn === null ? 1 : (numeric(weightColumn(i)) ?? fail(`${where}.samples weight ${i} is not a number`));
    const values = weightKind.values(weight, intervalNs);
    builder.addSample(
      stacks.stackOf(stackIndex),
      sampleTypes.length === 1 ? values.slice(0, 1) : values,
      Math.round(timeMs * 1e6),
    );
  }
  if (builder.sampleCount === 0) return null;
  if (withoutStack > 0) builder.comments.push(`firefox: ${withoutStack} samples without a stack were left out`);
  if (lastMs >= firstMs) builder.durationNs = Math.round((lastMs - firstMs) * 1e6) + (intervalNs ?? 0);
  return builder.build();
}

/** Milliseconds of each sample from `time`, or from running sums of `timeDeltas` (processed version 50+). */
function sampleTimes(samples: Table): (row: number) => number {
  const time = samples.column('time');
  if (time !== null) {
    return (row) => numeric(time(row)) ?? fail(`${samples.where} time ${row} is not a number`);
  }
  const deltas = samples.column('timeDeltas');
  if (deltas === null) return fail(`${samples.where} has neither a "time" nor a "timeDeltas" column`);
  const times = new Float64Array(samples.length);
  let sum = 0;
  for (let row = 0; row < samples.length; row++) {
    sum += numeric(deltas(row)) ?? fail(`${samples.where} timeDeltas ${row} is not a number`);
    times[row] = sum;
  }
  return (row) => times[row] as number;
}

/** Builder stacks for stackTable rows, each resolved once, walking prefixes with a loop. */
class ThreadStacks {
  private readonly stackTable: Table;
  private readonly frameTable: Table;
  private readonly prefix: (row: number) => unknown;
  private readonly frame: (row: number) => unknown;
  private readonly stackRows: Int32Array;
  private readonly depths: Int32Array;
  private readonly frames: FrameRows;

  constructor(
    thread: JsonObject,
    private readonly context: ThreadContext,
    private readonly builder: ProfileBuilder,
    private readonly limits: ImportLimits,
  ) {
    this.stackTable = readTable(thread.stackTable, `${context.where}.stackTable`, ['frame', 'prefix']);
    this.frameTable = readTable(thread.frameTable, `${context.where}.frameTable`, ['func', 'location']);
    this.prefix = requiredColumn(this.stackTable, 'prefix');
    this.frame = requiredColumn(this.stackTable, 'frame');
    this.stackRows = new Int32Array(this.stackTable.length).fill(-1);
    this.depths = new Int32Array(this.stackTable.length);
    this.frames = new FrameRows(thread, this.frameTable, context, builder, limits);
  }

  stackOf(index: unknown): number {
    const start = this.index(index, 'a sample');
    const known = this.stackRows[start] as number;
    if (known >= 0) return known;
    const chain: number[] = [];
    let cursor: number | null = start;
    while (cursor !== null && (this.stackRows[cursor] as number) < 0) {
      if (chain.length >= this.stackTable.length) fail(`${this.stackTable.where} has a prefix cycle through ${cursor}`);
      chain.push(cursor);
      const prefix = this.prefix(cursor);
      cursor = prefix === null || prefix === undefined ? null : this.index(prefix, `stack ${cursor}'s prefix`);
    }
    let stack = cursor === null ? -1 : (this.stackRows[cursor] as number);
    let depth = cursor === null ? 0 : (this.depths[cursor] as number);
    for (let k = chain.length - 1; k >= 0; k--) {
      const row = chain[k] as number;
      depth++;
      checkLimit('stack depth', depth, this.limits, 'maxStackDepth');
      stack = this.builder.internStack(stack, this.frames.row(this.frame(row), row, this.stackTable.where));
      this.stackRows[row] = stack;
      this.depths[row] = depth;
    }
    return stack;
  }

  private index(value: unknown, what: string): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= this.stackTable.length) {
      return fail(
        `${what} refers to stack ${String(value)}, but ${this.stackTable.where} has ${this.stackTable.length} rows`,
      );
    }
    return value;
  }
}

/** Builder frame rows for frameTable rows, from funcTable (processed) or the location string (Gecko). */
class FrameRows {
  private readonly rows: Int32Array;
  private readonly funcTable: Table | null;

  constructor(
    thread: JsonObject,
    private readonly frameTable: Table,
    private readonly context: ThreadContext,
    private readonly builder: ProfileBuilder,
    private readonly limits: ImportLimits,
  ) {
    this.rows = new Int32Array(frameTable.length).fill(-1);
    this.funcTable =
      thread.funcTable === undefined ? null : readTable(thread.funcTable, `${context.where}.funcTable`, ['name']);
  }

  /** The builder row of frame `index`, which row `stack` of the stack table (at `stacksWhere`) names. */
  row(index: unknown, stack: number, stacksWhere: string): number {
    const table = this.frameTable;
    // A processed file's frame column shorter than its stack table, or a Gecko row without the cell.
    if (index === undefined || index === null) return fail(`${stacksWhere} row ${stack} has no frame`);
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= table.length) {
      const frame =
        typeof index === 'number' ? String(index) : `of type ${Array.isArray(index) ? 'array' : typeof index}`;
      return fail(
        `stack ${stack} refers to frame ${frame}, which ${table.where} does not have (it has ${table.length} rows)`,
      );
    }
    const known = this.rows[index] as number;
    if (known >= 0) return known;
    const row = this.funcTable !== null ? this.processedFrame(index, this.funcTable) : this.geckoFrame(index);
    this.rows[index] = row;
    return row;
  }

  private processedFrame(index: number, funcTable: Table): number {
    const frames = this.frameTable;
    const func = requiredColumn(frames, 'func')(index);
    if (typeof func !== 'number' || !Number.isInteger(func) || func < 0 || func >= funcTable.length) {
      return fail(`${frames.where} row ${index} refers to function ${String(func)}, which does not exist`);
    }
    const name = this.string(requiredColumn(funcTable, 'name')(func), `${funcTable.where} name ${func}`);
    let file = this.fileOf(funcTable, func);
    let startLine = positiveIntegerOrZero(funcTable.column('lineNumber')?.(func));
    // Early processed files kept the Gecko label ("name (url:line)") as a JS function's name.
    const site = file === '' && funcTable.column('isJS')?.(func) === true ? splitCallSite(name, ' (') : null;
    if (site !== null) {
      file = site.file;
      startLine ||= site.line;
    }
    const funcRow = this.builder.internFunction({ name: site?.name ?? (name || '(unnamed)'), file, startLine });
    const address = frames.column('address')?.(index);
    const inlineDepth = frames.column('inlineDepth')?.(index);
    return this.builder.internFrame({
      func: funcRow,
      line: positiveIntegerOrZero(frames.column('line')?.(index)),
      column: positiveIntegerOrZero(frames.column('column')?.(index)),
      address: typeof address === 'number' && Number.isSafeInteger(address) && address >= 0 ? address : 0,
      inlined: typeof inlineDepth === 'number' && inlineDepth > 0,
    });
  }

  /** funcTable.fileName (a string index), or since version 58 funcTable.source → shared.sources.filename. */
  private fileOf(funcTable: Table, func: number): string {
    const fileName = funcTable.column('fileName')?.(func);
    if (typeof fileName === 'number') return this.string(fileName, `${funcTable.where} fileName ${func}`);
    const source = funcTable.column('source')?.(func);
    const sources = this.context.sources;
    if (typeof source !== 'number' || sources === null || !Array.isArray(sources.filename)) return '';
    return this.string(sources.filename[source], `shared.sources filename ${source}`);
  }

  private geckoFrame(index: number): number {
    const frames = this.frameTable;
    const location = this.string(requiredColumn(frames, 'location')(index), `${frames.where} location ${index}`);
    // A JS label's position is where its function starts; the frame's own line is in the line column.
    const site = splitCallSite(location, ' (');
    const func = this.builder.internFunction({
      name: site?.name ?? (location || '(unnamed)'),
      file: site?.file,
      startLine: site?.line,
    });
    const line = positiveIntegerOrZero(frames.column('line')?.(index)) || (site?.line ?? 0);
    const column = positiveIntegerOrZero(frames.column('column')?.(index)) || (site?.column ?? 0);
    return this.builder.internFrame({ func, line, column, address: hexAddress(location) });
  }

  /** strings[index], checked. */
  private string(index: unknown, what: string): string {
    const { strings } = this.context;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= strings.length) {
      return fail(`${what} refers to string ${String(index)}, but the string table has ${strings.length}`);
    }
    const value = strings[index];
    if (typeof value !== 'string') return fail(`${what}: string ${index} is not a string`);
    checkLimit(`length of ${what}`, value.length, this.limits, 'maxStringLength');
    return value;
  }
}

/** An unsymbolicated native frame's address ("0x7fff5fc01000"), when it fits a safe integer; else 0. */
function hexAddress(location: string): number {
  if (!/^0x[0-9a-fA-F]{1,13}$/.test(location)) return 0;
  return Number.parseInt(location.slice(2), 16);
}
