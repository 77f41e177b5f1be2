/**
 * `kiln top SELECTION`: top functions of a selection, by self value, as
 * `go tool pprof -top` prints them; several items merge as pprof merges
 * several files. A window (--from/--to) keeps only the samples whose times
 * fall in it, for items whose samples have times. A service without --kind
 * reads its first kind in ITEM_KIND_PRIORITY; gauges (in-use heap, goroutines)
 * are averaged per capture, counters summed (shared/query/window-kind.ts).
 */
import {
  formatSelection,
  parseSelectionArgument,
  SelectionSyntaxError,
  serviceSelection,
  type Selection,
} from '../../shared/capture/selection';
import { labelOption } from './import-tags';
import { parseTimeText } from '../../shared/capture/instant';
import { ITEM_KINDS, type ItemKind, type KilnServices, type ItemSummary } from '../../shared/ipc/contract';
import { ContractError, validateArgs } from '../../shared/ipc/validate';
import { readItems } from '../../shared/query/window-summary';
import { escapeControls, jsonWithoutControls } from '../../shared/format/control-chars';
import { formatValue } from '../../shared/format/units';
import { formatTable, type Output } from './output';
import { UsageError } from './usage';
import { limitOf } from './arguments';

export interface TopOptions {
  type?: string;
  limit?: string;
  filter?: string;
  from?: string;
  to?: string;
  /** A selection to subtract (pprof -diff_base). */
  base?: string;
  /** --kind and --label (KEY=VALUE, repeatable): narrow a service SELECTION (not --base). */
  kind?: string;
  label?: string[];
  /** Counters divided by the window's profiled seconds. */
  'per-second'?: boolean;
  json: boolean;
}

/** A window end as typed: `2.5s` (seconds after the first item's start), ISO date-time, or ms since the epoch. */
type WindowEnd = { offsetMs: number } | { wallMs: number };

/** Ends of a window given only on one side: the earliest and latest times a Date can hold. */
const OPEN_START_MS = -8.64e15;
const OPEN_END_MS = 8.64e15;

export function parseWindowEnd(text: string, option: string): WindowEnd {
  const offset = /^(\d+(?:\.\d+)?)s$/.exec(text);
  if (offset) return { offsetMs: Number(offset[1]) * 1000 };
  // Read as selections read instants: a zone is required, so a time means the same on every machine.
  const wallMs = parseTimeText(text);
  if (wallMs === null) {
    throw new UsageError(
      `${option} must be seconds after the item's start (2.5s), an ISO date-time with its zone (2026-11-20T10:00:00Z) or ms since the epoch`,
    );
  }
  return { wallMs };
}

export async function topCommand(
  services: KilnServices,
  selectionText: string | undefined,
  options: TopOptions,
  io: Output,
): Promise<number> {
  if (selectionText === undefined)
    throw new UsageError('top needs a SELECTION: item ids like 12, 3,4,5 or 3-9 (see kiln ls), or a service name');
  let selection: Selection;
  let base: Selection | undefined;
  try {
    selection = narrowed(parseSelectionArgument(selectionText), options);
    if (options.base !== undefined) base = parseSelectionArgument(options.base);
  } catch (error) {
    if (error instanceof SelectionSyntaxError) throw new UsageError(error.message);
    throw error;
  }
  const limit = limitOf(options.limit, 20);
  const ends = windowEnds(options);

  // Only the selection's items, looked up by id or service: `top` costs what it shows, not the catalogue's size.
  const items = await services.listItems({ selection });
  if ('items' in selection) {
    const found = new Set(items.map((item) => item.id));
    const missing = selection.items.find((id) => !found.has(id));
    if (missing !== undefined) {
      io.err(`error: no item with id ${missing} (see kiln ls)`);
      return 1;
    }
  } else if (
    items.length === 0 &&
    (await services.listItems({ selection: serviceSelection(selection.service) })).length === 0
  ) {
    // A word that names no service is most likely a mistyped selection, as `abc` was before services could be named.
    throw new UsageError(
      `${JSON.stringify(selection.service)} is neither item ids nor a service with captures (see kiln ls)`,
    );
  }
  // The items the views read: a service without --kind reads one kind (window-summary.ts readItems).
  const first = readItems(items, selection).find((p) => p.sampleTypes.length > 0);
  if (first === undefined) {
    const only = items[0];
    io.err(
      only === undefined
        ? `error: the selection ${escapeControls(selectionText)} has no items`
        : `error: #${only.id} is a ${only.kind === 'gc-log' ? 'GC log' : 'heap snapshot'}; it has no call stacks`,
    );
    return 1;
  }
  const sampleType = sampleTypeOrSay(first, options.type, io);
  if (sampleType < 0) return 1;
  if (ends !== null) {
    const window = windowOf(ends, first);
    if (window === null) {
      io.err(`error: item ${first.id} has no wall-clock start, so --from/--to in seconds cannot place a window`);
      return 1;
    }
    selection = { ...selection, window };
  }

  let args;
  try {
    args = validateArgs('getTopFunctions', {
      selection,
      ...(base === undefined ? {} : { base }),
      sampleType,
      limit,
      ...(options.filter ? { filters: options.filter } : {}),
      ...(options['per-second'] === true ? { scale: 'per-second' } : {}),
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  let top;
  try {
    top = await services.getTopFunctions(args);
  } catch (error) {
    // Per second of a gauge, or of a window with no known profiled time: what was asked cannot be answered.
    if (error instanceof ContractError) throw new UsageError(error.message);
    throw error;
  }
  const { total, rows } = top;
  if (options.json) {
    io.out(jsonWithoutControls(rows));
    return 0;
  }
  const unit = first.sampleTypes[sampleType]?.unit ?? '';
  const perSecond = options['per-second'] === true ? '/s' : '';
  const value = (v: number): string => `${formatValue(v, unit)}${perSecond}`;
  if ('service' in selection || selection.window !== undefined || items.length > 1) {
    // What the merged window holds, as every header of it says (getWindowSummary's title).
    io.out(escapeControls((await services.getWindowSummary({ selection })).title));
  }
  const pct = (v: number): string => (total === 0 ? '' : `${((100 * v) / total).toFixed(2)}%`);
  if (selection.window !== undefined || items.length > 1 || base !== undefined) {
    const minus = base === undefined ? '' : ` minus ${formatSelection(base)} (shares of the base's total)`;
    io.err(escapeControls(`selection ${formatSelection(selection)}${minus}: total ${value(total)}`));
  }
  io.out(
    formatTable(
      ['SELF', 'SELF%', 'TOTAL', 'TOTAL%', 'FUNCTION', 'FILE'],
      rows.map((r) => [value(r.self), pct(r.self), value(r.total), pct(r.total), r.function, r.file]),
      new Set([0, 1, 2, 3]),
    ),
  );
  return 0;
}

/** The selection narrowed by --kind and --label; refused for item ids, which name their items already. */
function narrowed(selection: Selection, options: TopOptions): Selection {
  const labels = options.label ?? [];
  if (options.kind === undefined && labels.length === 0) return selection;
  if ('items' in selection) {
    throw new UsageError('--kind and --label narrow a service selection (SERVICE or SERVICE@START/END), not item ids');
  }
  const out = { ...selection };
  if (options.kind !== undefined) {
    if (!ITEM_KINDS.includes(options.kind as ItemKind)) {
      throw new UsageError(`--kind must be one of ${ITEM_KINDS.join(', ')}; got ${JSON.stringify(options.kind)}`);
    }
    out.kind = options.kind as ItemKind;
  }
  for (const label of labels) out.labels = [...(out.labels ?? []), labelOption(label)];
  return out;
}

/** --from and --to as typed (an absent one leaves that side open); null when neither is given. */
function windowEnds(options: TopOptions): [WindowEnd, WindowEnd] | null {
  if (options.from === undefined && options.to === undefined) return null;
  return [
    options.from === undefined ? { wallMs: OPEN_START_MS } : parseWindowEnd(options.from, '--from'),
    options.to === undefined ? { wallMs: OPEN_END_MS } : parseWindowEnd(options.to, '--to'),
  ];
}

/** The wall-clock window of --from/--to; null when an offset needs a start the item does not have. */
function windowOf(ends: [WindowEnd, WindowEnd], first: ItemSummary): { startMs: number; endMs: number } | null {
  const wall = ends.map((end) => {
    if ('wallMs' in end) return end.wallMs;
    return first.capturedAtMs === null ? null : first.capturedAtMs + end.offsetMs;
  });
  const [startMs, endMs] = wall;
  if (startMs === null || endMs === null || startMs === undefined || endMs === undefined) return null;
  if (!(endMs > startMs)) throw new UsageError('--to must be later than --from');
  return { startMs, endMs };
}

/** A sample type by `type`, `type/unit` or position; the item's default when none is named. */
/** pickSampleType, or -1 after saying on stderr which types the item has. */
export function sampleTypeOrSay(item: ItemSummary, name: string | undefined, io: Output): number {
  const sampleType = pickSampleType(item, name);
  if (sampleType < 0) {
    const known = item.sampleTypes.map((t) => `${t.type}/${t.unit}`).join(', ');
    // Sample type names come from the file.
    io.err(escapeControls(`error: item ${item.id} has no sample type ${JSON.stringify(name)}; it has ${known}`));
  }
  return sampleType;
}

export function pickSampleType(item: ItemSummary, name: string | undefined): number {
  if (name === undefined) return item.defaultSampleType;
  const byName = item.sampleTypes.findIndex((t) => t.type === name || `${t.type}/${t.unit}` === name);
  if (byName >= 0) return byName;
  if (/^\d+$/.test(name) && Number(name) < item.sampleTypes.length) return Number(name);
  return -1;
}
