/**
 * The input of every call-tree query: a stack prefix tree whose nodes name a
 * function, with the value of the samples that end at each node ("self").
 * The store produces it from `SUM(value) GROUP BY stack` over any set of
 * profiles; `weightedStacksFromProfile` produces it from an in-memory profile.
 *
 * Rows are in topological order (a parent's row is smaller than its child's),
 * so every query is a forward or backward loop, never recursion.
 */
import type { Profile } from '../profile/model';

export interface WeightedStacks {
  /** Parent row, or -1 for a root. */
  parent: Int32Array;
  /** Function of the node's frame, an index into functionNames/functionFiles. */
  func: Int32Array;
  /** Value of samples whose leaf is this node. */
  self: Float64Array;
  functionNames: string[];
  functionFiles: string[];
}

export function weightedStacksFromProfile(profile: Profile, sampleType: number): WeightedStacks {
  const column = profile.samples.values[sampleType];
  if (!column) throw new RangeError(`sample type ${sampleType} is out of range`);
  const count = profile.stacks.frame.length;
  const parent = Int32Array.from(profile.stacks.parent);
  const func = new Int32Array(count);
  for (let i = 0; i < count; i++) func[i] = profile.frames.func[profile.stacks.frame[i] as number] as number;
  const self = new Float64Array(count);
  const stackOfSample = profile.samples.stack;
  for (let i = 0; i < stackOfSample.length; i++) {
    const stack = stackOfSample[i] as number;
    self[stack] = (self[stack] as number) + (column[i] as number);
  }
  return {
    parent,
    func,
    self,
    functionNames: profile.functions.name.map((s) => profile.strings[s] as string),
    functionFiles: profile.functions.file.map((s) => profile.strings[s] as string),
  };
}
