/**
 * `kiln top SELECTION`: top functions of a selection, by self value, as
 * `go tool pprof -top` prints them; several items merge as pprof merges
 * several files. A window (--from/--to) keeps only the samples whose times
 * fall in it, for items whose samples have times.
 */
import {
  formatSelection,
  isAllTime,
  parseSelectionArgument,
  SelectionSyntaxError,
  serviceSelection,
  type Selection,
} from '../../shared/capture/selection';
import { labelOption } from './import-tags';
import { parseTimeText } from '../../shared/capture/instant';
import { ITEM_KINDS, type ItemKind, type KilnServices, type ItemSummary } from '../../shared/ipc/contract';
import { validateArgs } from '../../shared/ipc/validate';
import { escapeControls, jsonWithoutControls } from '../../shared/format/control-chars';
import { formatValue } from '../../shared/format/units';
import { formatTable, type Output } from './output';
import { UsageError } from './usage';

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
  const limit = options.limit === undefined ? 20 : Number(options.limit);
  if (!Number.isSafeInteger(limit) || limit < 1) throw new UsageError('--limit must be a positive integer');
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
  const first = items.find((p) => p.sampleTypes.length > 0);
  if (first === undefined) {
    const only = items[0];
    io.err(
      only === undefined
        ? `error: the selection ${escapeControls(selectionText)} has no items`
        : `error: #${only.id} is a ${only.kind === 'gc-log' ? 'GC log' : 'heap snapshot'}; it has no call stacks`,
    );
    return 1;
  }
  const sampleType = pickSampleType(first, options.type);
  if (sampleType < 0) {
    const known = first.sampleTypes.map((t) => `${t.type}/${t.unit}`).join(', ');
    // Sample type names come from the file.
    io.err(
      escapeControls(`error: item ${first.id} has no sample type ${JSON.stringify(options.type)}; it has ${known}`),
    );
    return 1;
  }
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
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { total, rows } = await services.getTopFunctions(args);
  if (options.json) {
    io.out(jsonWithoutControls(rows));
    return 0;
  }
  const unit = first.sampleTypes[sampleType]?.unit ?? '';
  if ('service' in selection || selection.window !== undefined || items.length > 1) {
    const chosen = first.sampleTypes[sampleType];
    // A service selection merges only its items that have the chosen sample type (views.ts); the header counts those.
    const merged = items.filter((item) =>
      item.sampleTypes.some((t) => t.type === chosen?.type && t.unit === chosen.unit),
    );
    io.out(escapeControls(describeHeld(heldItems(merged, selection))));
  }
  const pct = (v: number): string => (total === 0 ? '' : `${((100 * v) / total).toFixed(2)}%`);
  if (selection.window !== undefined || items.length > 1 || base !== undefined) {
    const minus = base === undefined ? '' : ` minus ${formatSelection(base)} (shares of the base's total)`;
    io.err(escapeControls(`selection ${formatSelection(selection)}${minus}: total ${formatValue(total, unit)}`));
  }
  io.out(
    formatTable(
      ['SELF', 'SELF%', 'TOTAL', 'TOTAL%', 'FUNCTION', 'FILE'],
      rows.map((r) => [
        formatValue(r.self, unit),
        pct(r.self),
        formatValue(r.total, unit),
        pct(r.total),
        r.function,
        r.file,
      ]),
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

/** The items whose data the selection reads: with a window, those it places in it (a timed item: always). */
function heldItems(items: readonly ItemSummary[], selection: Selection): ItemSummary[] {
  const window = selection.window;
  if (window === undefined || isAllTime(window)) return [...items];
  return items.filter((item) => {
    if (item.capturedAtMs === null) return false;
    if (item.hasSampleTimes === true) return true;
    return item.capturedAtMs < window.endMs && item.capturedAtMs + (item.durationNs ?? 0) / 1e6 >= window.startMs;
  });
}

/** `checkout · cpu · 3 captures · 2026-11-20 10:00:02–10:14:40 UTC · 30 s profiled`: what the merged window holds. */
export function describeHeld(items: readonly ItemSummary[]): string {
  const distinct = (values: string[]): string => [...new Set(values)].join(', ');
  const parts = [
    distinct(items.map((item) => item.service ?? '(no service)')),
    distinct(items.map((item) => item.kind)),
    `${items.length} capture${items.length === 1 ? '' : 's'}`,
  ];
  const starts = items.map((item) => item.capturedAtMs).filter((ms): ms is number => ms !== null);
  if (starts.length > 0) {
    const first = new Date(Math.min(...starts)).toISOString();
    const last = new Date(Math.max(...starts)).toISOString();
    // ISO text without milliseconds when they are zero; the last start's date only when it differs.
    const short = (iso: string): string => iso.replace('T', ' ').replace(/\.000Z$|Z$/, '');
    const lastText = last.slice(0, 10) === first.slice(0, 10) ? short(last).slice(11) : short(last);
    parts.push(first === last ? `${short(first)} UTC` : `${short(first)}–${lastText} UTC`);
  }
  if (items.length > 0 && items.every((item) => item.durationNs !== null)) {
    const seconds = items.reduce((sum, item) => sum + (item.durationNs ?? 0), 0) / 1e9;
    parts.push(`${Number(seconds.toPrecision(3))} s profiled`);
  }
  return parts.join(' · ');
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
export function pickSampleType(item: ItemSummary, name: string | undefined): number {
  if (name === undefined) return item.defaultSampleType;
  const byName = item.sampleTypes.findIndex((t) => t.type === name || `${t.type}/${t.unit}` === name);
  if (byName >= 0) return byName;
  if (/^\d+$/.test(name) && Number(name) < item.sampleTypes.length) return Number(name);
  return -1;
}
