/**
 * JFR stack traces to profile stacks.
 *
 * Facts (JDK 17 metadata, jdk.jfr.consumer.RecordedStackTrace/RecordedFrame):
 * jdk.types.StackTrace { truncated: boolean, frames: StackFrame[] } with
 * frames[0] the top (innermost) frame; StackFrame { method: Method (pool),
 * lineNumber: int (-1 or 0 when unknown), bytecodeIndex: int, type: FrameType
 * (pool; "Interpreted", "JIT compiled", "Inlined", "Native") }; Method
 * { type: Class (pool), name: Symbol, descriptor: Symbol, modifiers, hidden };
 * Class { classLoader, name: Symbol (internal form, "java/util/HashMap",
 * "[B"), package, modifiers, hidden }. JFR truncates stacks at the recording's
 * stackdepth (64 by default) and says so in `truncated`.
 *
 * Mapping: a function is "pkg.Class.method" (what JMC and async-profiler
 * show), its system name adds the descriptor so overloads stay apart, and its
 * file is the class name: JFR records no source file names. A frame of type
 * "Inlined" is marked inlined. A truncated stack hangs under a synthetic root
 * "(truncated stack)", so its partial call paths are not mistaken for real
 * roots in a flame graph.
 */
import type { ProfileBuilder } from '../../profile/builder';
import { checkLimit, type ImportLimits } from '../limits';
import { deref, field, isObject, num, text, type ConstantPools } from './constant-pools';
import { PoolRef, type JfrValue } from './values';

export const TRUNCATED_ROOT = '(truncated stack)';
export const NO_STACK = '(no stack)';

const PRIMITIVE_DESCRIPTORS: ReadonlyMap<string, string> = new Map([
  ['B', 'byte'],
  ['C', 'char'],
  ['D', 'double'],
  ['F', 'float'],
  ['I', 'int'],
  ['J', 'long'],
  ['S', 'short'],
  ['Z', 'boolean'],
  ['V', 'void'],
]);

/** A class name as Java source writes it: "java/util/HashMap" → "java.util.HashMap", "[[B" → "byte[][]". */
export function javaClassName(internal: string): string {
  let dims = 0;
  while (internal[dims] === '[') dims++;
  if (dims === 0) return internal.replaceAll('/', '.');
  let element = internal.slice(dims);
  if (element.startsWith('L') && element.endsWith(';')) element = element.slice(1, -1).replaceAll('/', '.');
  else element = PRIMITIVE_DESCRIPTORS.get(element) ?? element.replaceAll('/', '.');
  return element + '[]'.repeat(dims);
}

/** The Java name of a java.lang.Class value (pool reference or struct); null when it has none. */
export function className(pools: ConstantPools, cls: JfrValue | undefined): string | null {
  const name = text(pools, field(pools, cls, 'name'));
  return name === null ? null : javaClassName(name);
}

/** Interns JFR stack traces into one profile's builder, with caches valid for one chunk. */
export class StackMapper {
  private readonly builder: ProfileBuilder;
  private readonly limits: ImportLimits;
  private pools: ConstantPools | null = null;
  /** Stack trace pool key → stack row, for the current chunk. */
  private readonly stacks = new Map<number, number>();
  /** Method pool key → function row, for the current chunk. */
  private readonly functions = new Map<number, number>();
  private truncatedRoot = -1;
  private noStack = -1;

  constructor(builder: ProfileBuilder, limits: ImportLimits) {
    this.builder = builder;
    this.limits = limits;
  }

  /** Pool keys are per chunk: the caches start over with each chunk's pools. */
  useChunk(pools: ConstantPools): void {
    if (this.pools === pools) return;
    this.pools = pools;
    this.stacks.clear();
    this.functions.clear();
  }

  /** The stack row of an event's stackTrace field, plus `extraLeafFrames` the caller will add on top. */
  stack(stackTrace: JfrValue | undefined, extraLeafFrames = 0): number {
    const pools = this.pools;
    if (!pools) throw new Error('StackMapper.useChunk must be called first');
    const key = stackTrace instanceof PoolRef ? stackTrace.key : null;
    if (key !== null) {
      const cached = this.stacks.get(key);
      if (cached !== undefined) return cached;
    }
    const trace = deref(pools, stackTrace);
    const frames = isObject(trace) ? trace.frames : null;
    let row: number;
    if (!Array.isArray(frames) || frames.length === 0) {
      row = this.noStackRow();
    } else {
      const truncated = isObject(trace) && trace.truncated === true;
      checkLimit('stack depth', frames.length + (truncated ? 1 : 0) + extraLeafFrames, this.limits, 'maxStackDepth');
      row = truncated ? this.truncatedRootRow() : -1;
      for (let i = frames.length - 1; i >= 0; i--) row = this.builder.internStack(row, this.frame(pools, frames[i]));
    }
    if (key !== null) this.stacks.set(key, row);
    return row;
  }

  private frame(pools: ConstantPools, frame: JfrValue | undefined): number {
    const method = isObject(frame) ? frame.method : null;
    const func = this.functionOf(pools, method);
    const line = num(pools, field(pools, frame, 'lineNumber')) ?? 0;
    const inlined = text(pools, field(pools, frame, 'type')) === 'Inlined';
    return this.builder.internFrame({ func, line: line > 0 ? line : 0, inlined });
  }

  private functionOf(pools: ConstantPools, method: JfrValue | undefined): number {
    const key = method instanceof PoolRef ? method.key : null;
    if (key !== null) {
      const cached = this.functions.get(key);
      if (cached !== undefined) return cached;
    }
    const cls = className(pools, field(pools, method, 'type')) ?? '(unknown class)';
    const name = text(pools, field(pools, method, 'name')) ?? '(unknown method)';
    const descriptor = text(pools, field(pools, method, 'descriptor')) ?? '';
    const row = this.builder.internFunction({
      name: `${cls}.${name}`,
      systemName: `${cls}.${name}${descriptor}`,
      file: cls,
    });
    if (key !== null) this.functions.set(key, row);
    return row;
  }

  private truncatedRootRow(): number {
    if (this.truncatedRoot < 0) this.truncatedRoot = this.builder.internStack(-1, this.syntheticFrame(TRUNCATED_ROOT));
    return this.truncatedRoot;
  }

  private noStackRow(): number {
    if (this.noStack < 0) this.noStack = this.builder.internStack(-1, this.syntheticFrame(NO_STACK));
    return this.noStack;
  }

  /** A frame for something that is not a method: a marker, or an allocated class. */
  syntheticFrame(name: string, systemName = ''): number {
    return this.builder.internFrame({ func: this.builder.internFunction({ name, systemName }) });
  }
}
