/**
 * The input of every call-tree query: whole stacks, each a sequence of
 * function indices from the root to the leaf, with the value of the samples
 * that have exactly that stack. The store produces it from
 * `SUM(value) GROUP BY stack` over any set of profiles;
 * `weightedStacksFromProfile` produces it from an in-memory profile.
 *
 * Flat arrays (stack i is funcs[offsets[i] .. offsets[i+1])) so that a
 * million stacks cost a few typed arrays, and every query is a loop.
 */
import type { Profile } from '../profile/model';

export interface WeightedStacks {
  /** offsets.length = stack count + 1. */
  offsets: Int32Array;
  /** Function indices (into functionNames/functionFiles), root first, stacks concatenated. */
  funcs: Int32Array;
  /** Value of the samples with each stack. */
  value: Float64Array;
  functionNames: string[];
  functionFiles: string[];
  /** Where each function is: its start line, or when the file does not say (Go before 1.20), its first line seen in a frame. */
  functionLines: number[];
}

/** The line to show for a function: its start line when known, else the smallest frame line seen so far. */
export function displayLine(current: number, startLine: number, frameLine: number): number {
  if (startLine > 0) return startLine;
  if (frameLine <= 0) return current;
  return current > 0 ? Math.min(current, frameLine) : frameLine;
}

/** Collects stacks from any source: `add` each stack root first, then `finish`. */
export class WeightedStacksBuilder {
  private offsets: number[] = [0];
  private funcs: Int32Array = new Int32Array(1024);
  private length = 0;
  private values: number[] = [];

  add(funcsRootFirst: ArrayLike<number>, value: number): void {
    const needed = this.length + funcsRootFirst.length;
    if (needed > this.funcs.length) {
      const grown = new Int32Array(Math.max(needed, this.funcs.length * 2));
      grown.set(this.funcs.subarray(0, this.length));
      this.funcs = grown;
    }
    for (let i = 0; i < funcsRootFirst.length; i++) this.funcs[this.length++] = funcsRootFirst[i] as number;
    this.offsets.push(this.length);
    this.values.push(value);
  }

  finish(functionNames: string[], functionFiles: string[], functionLines: number[]): WeightedStacks {
    return {
      offsets: Int32Array.from(this.offsets),
      funcs: this.funcs.slice(0, this.length),
      value: Float64Array.from(this.values),
      functionNames,
      functionFiles,
      functionLines,
    };
  }
}

function functionLinesOf(profile: Profile): number[] {
  const lines = profile.functions.startLine.slice();
  profile.frames.func.forEach((f, frame) => {
    lines[f] = displayLine(lines[f] ?? 0, profile.functions.startLine[f] ?? 0, profile.frames.line[frame] ?? 0);
  });
  return lines;
}

export function weightedStacksFromProfile(profile: Profile, sampleType: number): WeightedStacks {
  const column = profile.samples.values[sampleType];
  if (!column) throw new RangeError(`sample type ${sampleType} is out of range`);
  const { stacks, frames } = profile;
  const perStack = new Float64Array(stacks.frame.length);
  const used = new Uint8Array(stacks.frame.length);
  profile.samples.stack.forEach((stack, i) => {
    perStack[stack] = (perStack[stack] as number) + (column[i] as number);
    used[stack] = 1;
  });
  const builder = new WeightedStacksBuilder();
  const path: number[] = [];
  for (let stack = 0; stack < stacks.frame.length; stack++) {
    if (used[stack] === 0) continue;
    path.length = 0;
    for (let s = stack; s >= 0; s = stacks.parent[s] as number)
      path.push(frames.func[stacks.frame[s] as number] as number);
    path.reverse();
    builder.add(path, perStack[stack] as number);
  }
  return builder.finish(
    profile.functions.name.map((s) => profile.strings[s] as string),
    profile.functions.file.map((s) => profile.strings[s] as string),
    functionLinesOf(profile),
  );
}
