/**
 * Call-tree filters: a serializable description of how a view narrows or
 * reshapes the stacks before `buildCallTree`.
 *
 * Two families:
 * - Store filters (`label`, `lines`) decide which samples are read and what a
 *   frame is merged by; only the store knows sample labels and source lines,
 *   so they shape the query (`StackQueryOptions`) wherever they appear in the
 *   list. Restricting samples commutes with every transform below, which act
 *   on one stack at a time.
 * - Transform filters are applied in order to the stacks read (each sees the
 *   stacks the previous one produced, so `focus` then `drop` differs from
 *   `drop` then `focus`). Every transform keeps the function tables, so node
 *   names, files and lines are unchanged. `hide`, `collapseRecursion` and
 *   `invert` keep every stack's value (the total never changes); `focus` and
 *   `drop` only remove whole stacks.
 *
 * Patterns: see function-pattern.ts (case-insensitive regex on the name; an
 * invalid regex is a plain substring).
 */
import { matchingFunctions } from './function-pattern';
import { normalizeLabelFilters, type LabelFilter } from './label-filter';
import {
  collapseDirectRecursionTransform,
  collapseRecursionTransform,
  dropTransform,
  focusTransform,
  hideTransform,
  DROPPED,
  invertTransform,
  type MappedStacks,
  type StackTransform,
} from './stack-transforms';
import { ROOT_NODE, type WeightedStacks } from './weighted-stacks';

export type { LabelFilter } from './label-filter';

export type TransformFilter =
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

export type StoreFilter =
  /**
   * Keep samples whose labels (pprof Sample.label) include `key` with `value` (pprof -tagfocus, anchored).
   * Label filters on one key OR together, on different keys AND together; see label-filter.ts.
   */
  | ({ kind: 'label' } & LabelFilter)
  /** Merge frames by function and source line ("main.work:42"), not by function (pprof -lines). */
  | { kind: 'lines' };

export type StackFilter = TransformFilter | StoreFilter;

/** What the store-level filters ask of the stack query (ProfileStore.mergedStacks). */
export interface StackQueryOptions {
  /** One node per function and source line instead of per function. */
  byLine?: boolean;
  /** Restrict to samples with these labels; empty or absent: all samples. */
  labels?: LabelFilter[];
}

export { formatFilters, parseFilters } from './filter-text';

export function isStoreFilter(filter: StackFilter): filter is StoreFilter {
  return filter.kind === 'label' || filter.kind === 'lines';
}

/**
 * Splits a filter list into the stack query's options and the transforms to
 * apply after it, in their order. The options are canonical (label filters
 * sorted, duplicates removed), so equal views give equal options and
 * `stackQueryKey` can key a cache.
 */
export function splitFilters(filters: readonly StackFilter[]): {
  query: StackQueryOptions;
  transforms: TransformFilter[];
} {
  const transforms: TransformFilter[] = [];
  const labels: LabelFilter[] = [];
  let byLine = false;
  for (const filter of filters) {
    if (filter.kind === 'lines') byLine = true;
    else if (filter.kind === 'label') labels.push({ key: filter.key, value: filter.value });
    else transforms.push(filter);
  }
  const query: StackQueryOptions = {};
  if (byLine) query.byLine = true;
  if (labels.length > 0) query.labels = normalizeLabelFilters(labels);
  return { query, transforms };
}

/** A text that is equal for equal (canonical) query options: part of the services' cache key. */
export function stackQueryKey(query: StackQueryOptions): string {
  return JSON.stringify([query.byLine === true, (query.labels ?? []).map(({ key, value }) => [key, value])]);
}

export function applyFilters(input: WeightedStacks, filters: readonly TransformFilter[]): WeightedStacks {
  let stacks = input;
  for (const filter of filters) stacks = transformOf(filter, input.functionNames)(stacks).stacks;
  return stacks;
}

/**
 * applyFilters, and where each input node's stack ended up after all of them (see MappedStacks): what
 * the stack chart needs to place every sample of a node on the filtered tree.
 */
export function applyFiltersMapped(input: WeightedStacks, filters: readonly TransformFilter[]): MappedStacks {
  let mapped: MappedStacks = { stacks: input, nodeOf: Int32Array.from(input.parent.keys()), emptyTo: ROOT_NODE };
  for (const filter of filters) {
    const step = transformOf(filter, input.functionNames)(mapped.stacks);
    const nodeOf = mapped.nodeOf.map((n) =>
      n === DROPPED ? DROPPED : n === ROOT_NODE ? step.emptyTo : (step.nodeOf[n] as number),
    );
    const emptyTo = mapped.emptyTo === DROPPED ? DROPPED : step.emptyTo;
    mapped = { stacks: step.stacks, nodeOf, emptyTo };
  }
  return mapped;
}

function transformOf(filter: TransformFilter, functionNames: readonly string[]): StackTransform {
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
