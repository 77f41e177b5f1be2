/**
 * Call-tree filters: a serializable description of how a view narrows or
 * reshapes the stacks before `buildCallTree`, applied in order (each filter
 * sees the stacks the previous one produced, so `focus` then `drop` differs
 * from `drop` then `focus`). Every filter keeps the function tables, so node
 * names, files and lines are unchanged. `hide`, `collapseRecursion` and
 * `invert` keep every stack's value (the total never changes); `focus` and
 * `drop` only remove whole stacks.
 *
 * Patterns: see function-pattern.ts (case-insensitive regex on the name; an
 * invalid regex is a plain substring).
 */
import { matchingFunctions } from './function-pattern';
import {
  collapseDirectRecursionTransform,
  collapseRecursionTransform,
  dropTransform,
  focusTransform,
  hideTransform,
  invertTransform,
  mapStacks,
  type StackTransform,
} from './stack-transforms';
import type { WeightedStacks } from './weighted-stacks';

export type StackFilter =
  /** Keep stacks through a matching function, each starting at its outermost match (pprof -focus, Firefox "focus on function"). */
  | { kind: 'focus'; pattern: string }
  /** Remove matching frames, their callees attach to their callers (pprof -hide, Firefox "merge function"). */
  | { kind: 'hide'; pattern: string }
  /** Remove stacks through a matching function (pprof -ignore, Firefox "drop samples with this function"). */
  | { kind: 'drop'; pattern: string }
  /** No pattern: direct recursion of any function (`f;f;f` -> `f`). Pattern: recursion of matching ones, also through other frames. */
  | { kind: 'collapseRecursion'; pattern?: string }
  /** Leaf first: the bottom-up tree. */
  | { kind: 'invert' };

export { formatFilters, parseFilters } from './filter-text';

export function applyFilters(input: WeightedStacks, filters: readonly StackFilter[]): WeightedStacks {
  let stacks = input;
  for (const filter of filters) stacks = mapStacks(stacks, transformOf(filter, input.functionNames));
  return stacks;
}

function transformOf(filter: StackFilter, functionNames: readonly string[]): StackTransform {
  switch (filter.kind) {
    case 'focus':
      return focusTransform(matchingFunctions(functionNames, filter.pattern));
    case 'hide':
      return hideTransform(matchingFunctions(functionNames, filter.pattern));
    case 'drop':
      return dropTransform(matchingFunctions(functionNames, filter.pattern));
    case 'collapseRecursion':
      return filter.pattern === undefined
        ? collapseDirectRecursionTransform()
        : collapseRecursionTransform(matchingFunctions(functionNames, filter.pattern));
    case 'invert':
      return invertTransform();
  }
}
