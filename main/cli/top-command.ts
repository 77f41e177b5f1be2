/**
 * `kiln top SELECTION`: top functions of a selection, by self value, as
 * `go tool pprof -top` prints them; several items merge as pprof merges
 * several files. A window (--from/--to) keeps only the samples whose times
 * fall in it, for items whose samples have times.
 */
import { formatSelection, parseSelection, SelectionSyntaxError, type Selection } from '../../shared/capture/selection';
import type { KilnServices, ItemSummary } from '../../shared/ipc/contract';
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
  if (/^\d+(?:\.\d+)?$/.test(text)) return { wallMs: Number(text) };
  const wallMs = Date.parse(text);
  if (Number.isNaN(wallMs)) {
    throw new UsageError(
      `${option} must be seconds after the item's start (2.5s), an ISO date-time or ms since the epoch`,
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
    throw new UsageError('top needs a SELECTION: item ids like 12, 3,4,5 or 3-9 (see kiln ls)');
  let selection: Selection;
  let base: Selection | undefined;
  try {
    selection = parseSelection(selectionText);
    if (options.base !== undefined) base = parseSelection(options.base);
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
