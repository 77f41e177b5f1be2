/**
 * The numbers a flame view prints, computed from the unfolded stacks of the
 * view: the drawn tree folds frames below 1/100,000 of the total into
 * "(smaller frames)" slivers (kiln-services.ts), and on deep recursion that
 * fold holds most of the self time (93% of large/deep-go.pb.gz), so shares
 * summed over drawn nodes would be wrong. These are the values
 * `go tool pprof -top` prints for the same samples.
 */
import { functionTotals } from './function-totals';
import type { NameMatcher } from './search-matcher';
import type { WeightedStacks } from './weighted-stacks';

export interface ExactFunctionShares {
  /**
   * Per function: value of the samples taken in it (pprof "flat"). In an inverted view the stacks are leaf
   * first, so this is their first frame: self always means the frame the sample was taken in, never a caller.
   */
  functionSelf: number[];
  /** Per function: value of the samples with it anywhere on the stack, once per sample (pprof "cum"). */
  functionTotal: number[];
}

/** `leafFirst`: the stacks were inverted (an odd number of `invert` filters), so a sample's own frame is the first. */
export function exactFunctionShares(input: WeightedStacks, leafFirst: boolean): ExactFunctionShares {
  const { self, total } = functionTotals(input);
  return {
    functionSelf: Array.from(leafFirst ? firstFrameSelf(input) : self),
    functionTotal: Array.from(total),
  };
}

/** Per function: value of the samples whose stack starts (root end) with it. */
function firstFrameSelf(input: WeightedStacks): Float64Array {
  const { parent, func, value } = input;
  const self = new Float64Array(input.functionNames.length);
  // Parents come before their children, so a node's first frame is known when the node is reached.
  const first = new Int32Array(func.length);
  for (let node = 0; node < func.length; node++) {
    const up = parent[node] as number;
    const f = up < 0 ? (func[node] as number) : (first[up] as number);
    first[node] = f;
    self[f] = (self[f] as number) + (value[node] as number);
  }
  return self;
}

/**
 * Value of the samples whose stack has a frame matching the search, each sample once however many of its frames
 * match: what a `focus:` filter on the same functions keeps.
 */
export function matchedTotal(input: WeightedStacks, matcher: NameMatcher): number {
  const { parent, func, value, functionNames } = input;
  const matches = new Uint8Array(functionNames.length);
  functionNames.forEach((name, f) => (matches[f] = matcher(name) ? 1 : 0));
  // onPath[node] = 1 when the node or an ancestor matches; parents come first.
  const onPath = new Uint8Array(func.length);
  let sum = 0;
  for (let node = 0; node < func.length; node++) {
    const up = parent[node] as number;
    const hit = matches[func[node] as number] === 1 || (up >= 0 && onPath[up] === 1);
    if (!hit) continue;
    onPath[node] = 1;
    sum += value[node] as number;
  }
  return sum;
}
