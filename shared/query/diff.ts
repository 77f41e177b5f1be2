/**
 * A comparison of two sides (base A, target B), each a selection read as its own stacks: per function A, B and the
 * change for self and total, whether the change is more than sampling noise, and the suspect — where the growth
 * enters the user's own code. The same numbers serve `kiln diff`, the app's diff views and a report.
 *
 * Modes say what is compared (valueScale):
 * - absolute: the values as read (a gauge, heap in use, averaged per capture as every view does); rows then equal
 *   `go tool pprof -top -diff_base=A B` (flat and cum per function);
 * - normalized: each side as a share of its own total (a fraction, 0–1);
 * - per-second: each side per second of its profiled time (for sides of different lengths).
 *
 * Significance (significance.ts) needs sample counts. A side's count of a function is its value divided by the
 * side's mean value per sample: total value ÷ total samples, both from the items' stored totals (the `samples` count
 * of a CPU profile; `X_objects` beside `X_space` for heap profiles, an estimate that counts allocations, not the
 * sampled ones, so it overstates the evidence; a count type is its own). For a Go CPU profile every sample is one
 * period, so this is the exact count. Without such a type nothing is tested (`significant: null`).
 *
 * The suspect (suspect.ts) is found on the call trees of both sides aligned by call path.
 */
import type { Selection } from '../capture/selection';
import { selectionParts } from '../capture/selection-parts';
import {
  DIFF_SERIES_ROWS,
  type DiffArgs,
  type DiffMode,
  type DiffResult,
  type DiffRow,
  type DiffSideSummary,
  type ItemSummary,
} from '../ipc/contract';
import type { ValueType } from '../profile/model';
import { ContractError } from '../ipc/validate';
import type { StackQueryOptions, TransformFilter } from './filters';
import { functionTotals } from './function-totals';
import { benjaminiHochberg, binomialTwoSidedP } from './significance';
import { countable, expectedTargetPart, samplesOf, type DiffSide } from './diff-side';
import { alignTrees } from './aligned-tree';
import { buildCallTree } from './call-tree';
import { diffFlameTree } from './diff-tree';
import { findSuspects } from './suspect';
import {
  transformStacks,
  selectedItems,
  selectionSampleType,
  selectionStacks,
  splitRequest,
  FLAME_TREE_MIN_FRACTION,
  type StackSource,
} from './views';
import { profiledNsOf, windowCaptures, withSampleType } from './window-summary';

/** Reads both sides of a request and compares them. */
export function diffView(source: StackSource, request: DiffArgs): DiffResult {
  const { sampleType, mode, base, target } = readSides(source, request);
  const rows = compareSides(base.side, target.side).slice(0, Math.max(0, request.limit));
  const seriesItems = captureSeries(source, rows, sampleType, base, target);
  // One pair of call trees for the suspect walk and the flame graph, folded as every flame graph is.
  const options = { minFraction: FLAME_TREE_MIN_FRACTION };
  const trees = {
    base: buildCallTree(base.side.stacks, sampleType, options),
    target: buildCallTree(target.side.stacks, sampleType, options),
  };
  return {
    sampleType,
    mode,
    base: base.summary,
    target: target.summary,
    rows,
    suspects: findSuspects(base.side, target.side, trees, sampleType, mode, request.notMine ?? []),
    seriesItems,
    tree:
      request.layout === undefined
        ? null
        : diffFlameTree(alignTrees(trees.base, trees.target), base.side, target.side, sampleType, request.layout),
  };
}

/**
 * Fills the first DIFF_SERIES_ROWS rows' per-capture series from the stored per-item totals, and returns the
 * captures they list; null (and no series) when a side's captures are cut by its window or read in a sample type
 * other than their default, since the stored totals are of whole captures in their default type.
 */
function captureSeries(
  source: StackSource,
  rows: DiffRow[],
  sampleType: ValueType,
  base: SideRead,
  target: SideRead,
): DiffResult['seriesItems'] {
  if (source.itemFunctionTotals === undefined || rows.length === 0) return null;
  const whole = (side: SideRead): boolean =>
    side.captures.every((item) => {
      const type = item.sampleTypes[item.defaultSampleType];
      return type?.type === sampleType.type && type.unit === sampleType.unit;
    }) && side.wholeCaptures;
  if (!whole(base) || !whole(target)) return null;
  const order = (side: SideRead): number[] =>
    [...side.captures]
      .sort((a, b) => (a.capturedAtMs ?? Infinity) - (b.capturedAtMs ?? Infinity) || a.id - b.id)
      .map((item) => item.id);
  const items = { base: order(base), target: order(target) };
  const shown = rows.slice(0, DIFF_SERIES_ROWS);
  const totals = source.itemFunctionTotals(
    [...items.base, ...items.target],
    shown.map((row) => ({ name: row.function, file: row.file })),
  );
  for (const row of shown) {
    const byItem = totals.get(`${row.function}\0${row.file}`);
    const of = (ids: number[]): number[] => ids.map((id) => byItem?.get(id) ?? 0);
    row.series = { base: of(items.base), target: of(items.target) };
  }
  return items;
}

type SideRead = {
  side: DiffSide;
  summary: DiffSideSummary;
  /** The side's captures (those with the sample type), and whether each is read whole (no window cuts it). */
  captures: ItemSummary[];
  wholeCaptures: boolean;
};

function readSides(
  catalogue: StackSource,
  request: DiffArgs,
): { sampleType: ValueType; mode: DiffMode; base: SideRead; target: SideRead } {
  const source = itemsReadOnce(catalogue);
  const { query, transforms } = splitRequest({
    selection: request.target,
    sampleType: request.sampleType,
    ...(request.filters ? { filters: request.filters } : {}),
  });
  const sampleType = selectionSampleType(selectedItems(source, request.target), request.sampleType);
  const mode = request.mode ?? defaultMode(source, request.base, request.target, sampleType);
  return {
    sampleType,
    mode,
    target: readSide(source, request.target, sampleType, mode, query, transforms),
    base: readSide(source, request.base, sampleType, mode, query, transforms),
  };
}

/** Sides whose profiled times differ by more than this part are compared per second when no mode is asked for. */
export const LENGTHS_DIFFER = 0.05;

/** Per second when both sides' profiled times are known and differ by more than LENGTHS_DIFFER, else absolute. */
function defaultMode(source: StackSource, base: Selection, target: Selection, sampleType: ValueType): DiffMode {
  const profiled = (selection: Selection): number | null =>
    profiledNsOf(windowCaptures(withSampleType(selectedItems(source, selection), sampleType), selection));
  const a = profiled(base);
  const b = profiled(target);
  if (a === null || b === null || !(a > 0) || !(b > 0)) return 'absolute';
  return Math.abs(a - b) / Math.max(a, b) > LENGTHS_DIFFER ? 'per-second' : 'absolute';
}

function readSide(
  source: StackSource,
  selection: Selection,
  sampleType: ValueType,
  mode: DiffMode,
  query: StackQueryOptions,
  transforms: readonly TransformFilter[],
): SideRead {
  const read = selectionStacks(source, selection, sampleType, query, mode === 'per-second' ? 'per-second' : undefined);
  const items = withSampleType(selectedItems(source, selection), sampleType);
  const stacks = transformStacks({ stacks: read.stacks, sampleType, total: read.total, factor: 1 }, transforms).stacks;
  const perSample = valuePerSample(items, sampleType);
  const samples = perSample === null ? null : Math.round(read.total / perSample);
  let valueScale = read.factor;
  if (mode === 'normalized') {
    if (!(read.total > 0)) throw new ContractError('normalized needs a side with a total above 0');
    valueScale = 1 / read.total;
  }
  return {
    captures: items,
    wholeCaptures: selectionParts(items, selection).every((part) => part.cut === undefined),
    side: { stacks, total: read.total, samples, valueScale },
    summary: {
      items: items.map((item) => item.id),
      total: read.total,
      scaledTotal: read.total * valueScale,
      samples,
      profiledNs: profiledNsOf(windowCaptures(items, selection)),
    },
  };
}

/** The side's mean value per sample from the items' stored totals; null when they hold no count to divide by. */
export function valuePerSample(items: readonly ItemSummary[], sampleType: ValueType): number | null {
  if (sampleType.unit === 'count') return 1;
  let values = 0;
  let counts = 0;
  for (const item of items) {
    const at = item.sampleTypes.findIndex((t) => t.type === sampleType.type && t.unit === sampleType.unit);
    const countAt = countTypeIndex(item.sampleTypes, sampleType);
    if (at < 0 || countAt < 0) return null;
    values += item.totals[at] ?? 0;
    counts += item.totals[countAt] ?? 0;
  }
  return counts > 0 && values > 0 ? values / counts : null;
}

/** The count beside a value type: `samples` for a CPU profile, `X_objects` for `X_space`. */
function countTypeIndex(types: readonly ValueType[], of: ValueType): number {
  const samples = types.findIndex((t) => t.unit === 'count' && /^samples?$/i.test(t.type));
  if (samples >= 0) return samples;
  const paired = of.type.replace(/_space$/, '_objects');
  return paired === of.type ? -1 : types.findIndex((t) => t.unit === 'count' && t.type === paired);
}

/** Per function of either side, A, B and the change in the mode's numbers, tested and sorted. */
export function compareSides(base: DiffSide, target: DiffSide): DiffRow[] {
  const rows = new Map<string, DiffRow>();
  const add = (side: DiffSide, which: 'base' | 'target'): void => {
    const { self, total } = functionTotals(side.stacks);
    const { functionNames, functionFiles } = side.stacks;
    for (let f = 0; f < functionNames.length; f++) {
      const s = self[f] as number;
      const t = total[f] as number;
      if (s === 0 && t === 0) continue;
      const name = functionNames[f] ?? '';
      const file = functionFiles[f] ?? '';
      const key = `${name}\0${file}`;
      let row = rows.get(key);
      if (!row) rows.set(key, (row = emptyRow(name, file)));
      row[which].self += s;
      row[which].total += t;
    }
  };
  add(base, 'base');
  add(target, 'target');
  // Under "nothing changed" the scaled values are equal, so the target's part of a function's samples is this.
  const expected = countable(base, target) ? expectedTargetPart(base, target) : null;
  const list = [...rows.values()];
  for (const row of list) {
    const rawBase = row.base.total;
    const rawTarget = row.target.total;
    if (expected !== null) {
      const a = samplesOf(base, rawBase);
      const b = samplesOf(target, rawTarget);
      row.samples = { base: a, target: b };
      row.pValue = binomialTwoSidedP(b, a + b, expected);
    }
    for (const key of ['self', 'total'] as const) {
      row.base[key] *= base.valueScale;
      row.target[key] *= target.valueScale;
      row.delta[key] = row.target[key] - row.base[key];
      row.deltaPercent[key] = row.base[key] === 0 ? null : (100 * row.delta[key]) / Math.abs(row.base[key]);
    }
  }
  if (expected !== null) {
    const significant = benjaminiHochberg(list.map((row) => row.pValue));
    list.forEach((row, i) => (row.significant = significant[i] ?? false));
  }
  return list.sort(
    (a, b) =>
      Math.abs(b.delta.total) - Math.abs(a.delta.total) ||
      Math.abs(b.delta.self) - Math.abs(a.delta.self) ||
      (a.function < b.function ? -1 : a.function > b.function ? 1 : 0) ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0),
  );
}

function emptyRow(name: string, file: string): DiffRow {
  return {
    function: name,
    file,
    base: { self: 0, total: 0 },
    target: { self: 0, total: 0 },
    delta: { self: 0, total: 0 },
    deltaPercent: { self: null, total: null },
    samples: null,
    pValue: null,
    significant: null,
    series: null,
  };
}

/**
 * The source with each item's catalogue row read once per request: the views read a side's items three times over
 * (selectedItems, selectionStacks, withSampleType), and each read is a few SQLite queries — ~40% of a getDiff of
 * 2 × 500 Go CPU captures (bench/lib/diff-window.mjs) before this.
 */
function itemsReadOnce(source: StackSource): StackSource {
  const items = new Map<number, ItemSummary | null>();
  const services = new Map<string, ItemSummary[]>();
  return {
    item(id) {
      if (!items.has(id)) items.set(id, source.item(id));
      return items.get(id) ?? null;
    },
    items(ids) {
      const missing = ids.filter((id) => !items.has(id));
      if (missing.length > 0) {
        for (const id of missing) items.set(id, null);
        for (const item of source.items(missing)) items.set(item.id, item);
      }
      return ids.flatMap((id) => {
        const item = items.get(id);
        return item ? [item] : [];
      });
    },
    serviceItems(service) {
      let list = services.get(service);
      if (list === undefined) services.set(service, (list = source.serviceItems(service)));
      return list;
    },
    itemStacks: (ids, sampleType, query) => source.itemStacks(ids, sampleType, query),
    windowStacks: (id, sampleType, cut, query) => source.windowStacks(id, sampleType, cut, query),
  };
}
