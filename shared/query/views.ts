/**
 * View assembly: a request ({ selection, base?, sampleType, filters }) →
 * the stacks it reads → filters → call tree, top functions, sandwich. The
 * services, the CLI and a future HTML report all compute their numbers here,
 * from a StackSource the store implements (in tests, anything).
 *
 * Steps, in order:
 * 1. the selection's items (ids, or a service's items overlapping a window;
 *    a service window without a kind keeps only its items of the first kind
 *    in ITEM_KIND_PRIORITY present, window-kind.ts);
 * 2. its sample type: position `sampleType` of the first item's types, found
 *    by type and unit in every other item (an item listed by id without it is
 *    an error; a service's items without it are left out);
 * 3. the stacks: whole items merged by the source (SUM … GROUP BY stack),
 *    plus, for a window, the samples of timed items that fall inside it;
 * 4. with a base: target plus base × −1 (merge-stacks.ts);
 * 5. store filters (labels, lines) shape step 3; transforms apply after 4.
 * A gauge (window-kind.ts aggregationOf: heap in use, goroutines) over N
 * captures is averaged, × 1/N (a window's cut of a timed item is one
 * capture); a counter is summed, and with scale 'per-second' divided by the
 * profiled seconds (window-summary.ts). The factor travels with the read
 * (ViewStacks.factor) and multiplies each number a view prints once, after it
 * is summed, so a scaled view is the unscaled one times one number, exactly.
 * Only a diff scales before it sums: each side by its own factor.
 */
import { itemsOfService, selectionParts, SelectionError } from '../capture/selection-parts';
import type { Selection } from '../capture/selection';
import type { FlameTree, ItemSummary, StacksArgs, TopFunctionRow } from '../ipc/contract';
import type { ValueType } from '../profile/model';
import { ContractError } from '../ipc/validate';
import { buildCallTree } from './call-tree';
import {
  applyFilters,
  parseFilters,
  splitFilters,
  stackQueryKey,
  type StackQueryOptions,
  type TransformFilter,
} from './filters';
import { topFunctions } from './function-totals';
import { mergeStacks, type ScaledStacks } from './merge-stacks';
import { sandwich } from './sandwich';
import { totalValue, type WeightedStacks } from './weighted-stacks';
import { aggregationOf } from './window-kind';
import { profiledNsOf, readItems, windowCaptures } from './window-summary';

export { SelectionError } from '../capture/selection-parts';

/** Where views read stacks from: the store (ProfileStore) or, in tests, anything. */
export interface StackSource {
  /** The catalogue row of an item, or null when there is none. */
  item(id: number): ItemSummary | null;
  /** The catalogue rows of items in one read (a selection of 500 captures is one query, not 500); missing ids left out. */
  items(ids: readonly number[]): ItemSummary[];
  /**
   * Per item, the totals of functions (by name and file) in its default sample type, as stored at import:
   * `name\0file` → item → total. Optional: a source without stored totals has no per-capture series.
   */
  itemFunctionTotals?(
    ids: readonly number[],
    functions: readonly { name: string; file: string }[],
  ): Map<string, Map<number, number>>;
  /** The items of one service, in catalogue order (a service selection is resolved among them, not the catalogue). */
  serviceItems(service: string): ItemSummary[];
  /** Whole items' stacks for one sample type, merged. */
  itemStacks(ids: readonly number[], sampleType: ValueType, query: StackQueryOptions): WeightedStacks;
  /** The stacks of one timed item's samples whose time (ns since the item's start) is in [fromNs, toNs). */
  windowStacks(
    id: number,
    sampleType: ValueType,
    cut: { fromNs: number; toNs: number },
    query: StackQueryOptions,
  ): WeightedStacks;
}

/** What every stacks query of the contract asks (selection, base, sample type, filters, scale). */
export type StacksRequest = StacksArgs;

/** The stacks a view draws, filtered, with their sample type and the total every share is a share of. */
export interface ViewStacks {
  stacks: WeightedStacks;
  sampleType: ValueType;
  /**
   * The selection's total before any filter (label filters included): the "% of selection" denominator. With a
   * base, the base's total, as `go tool pprof -diff_base` reports percentages.
   */
  total: number;
  /** What every value of `stacks` and `total` is multiplied by when a view prints it (see valueFactor). */
  factor: number;
}

/** A request's filters split: the store filters shape the read, the transforms apply to what was read. */
export interface SplitRequest {
  request: StacksRequest;
  query: StackQueryOptions;
  transforms: TransformFilter[];
}

export function splitRequest(request: StacksRequest): SplitRequest {
  return { request, ...splitFilters(request.filters ? parseFilters(request.filters) : []) };
}

/**
 * A key equal for requests that read the same stacks: same selection, base, sample type and store filters. The
 * flame tree (often inverted) and the top table of one view differ only in transforms, so they share one read.
 */
export function readStacksKey({ request, query }: SplitRequest): string {
  const { selection, base, sampleType, scale } = request;
  return JSON.stringify([selection, base ?? null, sampleType, scale ?? null, stackQueryKey(query)]);
}

/**
 * The items the stacks views read of a selection, each checked to exist: a service window without a kind keeps only
 * its items of the kind it reads (window-summary.ts readItems).
 */
export function selectedItems(source: StackSource, selection: Selection): ItemSummary[] {
  return readItems(namedItems(source, selection), selection);
}

/** Every item a selection names, whatever its kind (what getWindowSummary describes). */
export function namedItems(source: StackSource, selection: Selection): ItemSummary[] {
  if ('service' in selection) return itemsOfService(source.serviceItems(selection.service), selection);
  const byId = new Map(source.items(selection.items).map((item) => [item.id, item]));
  return selection.items.map((id) => {
    const item = byId.get(id);
    if (item === undefined) throw new SelectionError(`no item with id ${id}`);
    return item;
  });
}

/** The sample type a request means: position `sampleType` of the first item that has call stacks. */
export function selectionSampleType(items: readonly ItemSummary[], sampleType: number): ValueType {
  const first = items.find((item) => item.sampleTypes.length > 0);
  if (first === undefined) {
    const only = items[0];
    throw new SelectionError(
      only === undefined ? 'the selection has no items' : `item ${only.id} is a ${only.kind}; it has no call stacks`,
    );
  }
  const type = first.sampleTypes[sampleType];
  if (type === undefined) {
    throw new SelectionError(`item ${first.id} has no sample type ${sampleType} (it has ${first.sampleTypes.length})`);
  }
  return type;
}

/**
 * The stacks of one selection for one sample type, read with the store filters `query`, its unfiltered total, and
 * the factor that makes them averaged per capture for a gauge, or per profiled second with `scale`.
 */
export function selectionStacks(
  source: StackSource,
  selection: Selection,
  sampleType: ValueType,
  query: StackQueryOptions,
  scale?: StacksArgs['scale'],
  strict = 'items' in selection,
): { stacks: WeightedStacks; total: number; factor: number } {
  const items = selectedItems(source, selection).filter((item) => {
    const has = item.sampleTypes.some((t) => t.type === sampleType.type && t.unit === sampleType.unit);
    if (!has && strict) {
      throw new SelectionError(`item ${item.id} has no sample type ${sampleType.type}/${sampleType.unit}`);
    }
    return has;
  });
  const parts = selectionParts(items, selection);
  const factor = valueFactor(items, selection, sampleType, scale);
  const whole = parts.filter((p) => p.cut === undefined).map((p) => p.id);
  const reads: ScaledStacks[] = [];
  let total = 0;
  if (whole.length > 0 || parts.length === 0) {
    reads.push({ stacks: source.itemStacks(whole, sampleType, query), factor: 1 });
    for (const item of items) if (whole.includes(item.id)) total += itemTotal(item, sampleType);
  }
  const labelled = query.labels !== undefined && query.labels.length > 0;
  for (const part of parts) {
    if (part.cut === undefined) continue;
    const cut = source.windowStacks(part.id, sampleType, part.cut, query);
    reads.push({ stacks: cut, factor: 1 });
    // A window's total is what it holds; under a label filter that needs a second, unfiltered read.
    total += totalValue(labelled ? source.windowStacks(part.id, sampleType, part.cut, { ...query, labels: [] }) : cut);
  }
  return { stacks: mergeStacks(reads), total, factor };
}

/**
 * What every number of a selection is multiplied by: 1 for a counter, 1/N for a gauge over N captures, 1/seconds
 * for a counter per profiled second. Per second of a gauge is refused: a level per second means nothing.
 */
function valueFactor(
  items: readonly ItemSummary[],
  selection: Selection,
  sampleType: ValueType,
  scale: StacksArgs['scale'],
): number {
  const kind = items[0]?.kind;
  const gauge = kind !== undefined && aggregationOf(kind, sampleType) === 'mean';
  if (scale === 'per-second') {
    if (gauge) {
      throw new ContractError(
        `scale per-second applies to counters; ${sampleType.type} is averaged per capture, not summed`,
      );
    }
    const profiledNs = profiledNsOf(windowCaptures(items, selection));
    if (profiledNs === null || !(profiledNs > 0)) {
      throw new ContractError('scale per-second needs the profiled time, and the selection has none known');
    }
    return 1e9 / profiledNs;
  }
  if (!gauge) return 1;
  const captures = windowCaptures(items, selection).length;
  return captures > 1 ? 1 / captures : 1;
}

function itemTotal(item: ItemSummary, sampleType: ValueType): number {
  const at = item.sampleTypes.findIndex((t) => t.type === sampleType.type && t.unit === sampleType.unit);
  return at < 0 ? 0 : (item.totals[at] ?? 0);
}

/** The filtered stacks of a request: its selection minus its base, then the transforms in order. */
export function viewStacks(source: StackSource, request: StacksRequest): ViewStacks {
  const split = splitRequest(request);
  return transformStacks(readStacks(source, split), split.transforms);
}

/** A read's stacks through the transforms, in order (the read itself is left as it is). */
export function transformStacks(read: ViewStacks, transforms: readonly TransformFilter[]): ViewStacks {
  return transforms.length > 0 ? { ...read, stacks: applyFilters(read.stacks, transforms) } : read;
}

/** The stacks a request reads, before transforms: its selection minus its base, with the store filters. */
export function readStacks(source: StackSource, { request, query }: SplitRequest): ViewStacks {
  const sampleType = selectionSampleType(selectedItems(source, request.selection), request.sampleType);
  const target = selectionStacks(source, request.selection, sampleType, query, request.scale);
  // The base is matched by sample type, not position: its items may list their types in another order. Per second,
  // each side is divided by its own profiled time, so a diff compares rates.
  const base =
    request.base === undefined ? null : selectionStacks(source, request.base, sampleType, query, request.scale);
  if (base === null) return { stacks: target.stacks, sampleType, total: target.total, factor: target.factor };
  const read = mergeStacks([
    { stacks: target.stacks, factor: target.factor },
    { stacks: base.stacks, factor: -base.factor },
  ]);
  return { stacks: read, sampleType, total: base.total * base.factor, factor: 1 };
}

/**
 * Frames below this share of the whole are folded into one sliver per parent
 * in flame trees: at 1/100,000 a folded frame would be under 0.02 px wide on a
 * 2,000 px canvas, and deep random recursion otherwise yields trees of
 * millions of nodes that no screen can show.
 */
export const FLAME_TREE_MIN_FRACTION = 1e-5;

export function flameTreeView(view: ViewStacks): FlameTree {
  const tree = buildCallTree(view.stacks, view.sampleType, { minFraction: FLAME_TREE_MIN_FRACTION });
  return view.factor === 1
    ? tree
    : { ...tree, self: scaled(tree.self, view.factor), total: scaled(tree.total, view.factor) };
}

export function topFunctionsView(view: ViewStacks, limit: number): { total: number; rows: TopFunctionRow[] } {
  const rows = topFunctions(view.stacks, limit);
  if (view.factor === 1) return { total: view.total, rows };
  const factor = view.factor;
  return {
    total: view.total * factor,
    rows: rows.map((row) => ({ ...row, self: row.self * factor, total: row.total * factor })),
  };
}

/** The sandwich of one function, or null when no stack of the view has it. */
export function sandwichView(
  view: ViewStacks,
  functionName: string,
): { callers: FlameTree; callees: FlameTree } | null {
  const functionIndex = view.stacks.functionNames.indexOf(functionName);
  if (functionIndex < 0) return null;
  const { callers, callees } = sandwich(view.stacks, functionIndex);
  return { callers: flameTreeView({ ...view, stacks: callers }), callees: flameTreeView({ ...view, stacks: callees }) };
}

/** `values` × `factor`: a view's summed numbers scaled once (see ViewStacks.factor). */
export function scaled(values: readonly number[], factor: number): number[] {
  return values.map((value) => value * factor);
}
