/**
 * A window's captures as the stacks views read them, and the one-line summary a header shows (getWindowSummary,
 * `kiln top`). Pure: the items are catalogue rows, and the views (views.ts) and the summary count the same captures
 * the same way.
 */
import { isAllTime, type Selection, type TimeWindow } from '../capture/selection';
import { itemsOfService, selectionParts, type SelectionPart } from '../capture/selection-parts';
import { ITEM_KINDS, type ItemKind, type ItemSummary, type WindowSummary } from '../ipc/contract';
import { formatValue } from '../format/units';
import type { ValueType } from '../profile/model';
import { aggregationOf, ITEM_KIND_PRIORITY, KIND_LABELS, windowKind } from './window-kind';

/**
 * The kind the stacks views read: the selection's own, else (a service window) the first kind in ITEM_KIND_PRIORITY
 * among its items; for item ids, the first item's with stacks (views read its sample type, and refuse ids without it).
 */
export function readKind(items: readonly ItemSummary[], selection: Selection): ItemKind | null {
  if ('service' in selection) return selection.kind ?? windowKind(items.map((item) => item.kind));
  return items.find((item) => item.sampleTypes.length > 0)?.kind ?? null;
}

/** The items the stacks views read: a kindless service window keeps only its items of the kind it reads. */
export function readItems(items: readonly ItemSummary[], selection: Selection): ItemSummary[] {
  if ('items' in selection || selection.kind !== undefined) return [...items];
  const kind = readKind(items, selection);
  return items.filter((item) => item.kind === kind);
}

/** A capture a window reads, with its span clipped to the window (null ends: no wall-clock start). */
export interface WindowCapture {
  part: SelectionPart;
  startMs: number | null;
  endMs: number | null;
  /** Its duration inside the window; null when the item's duration is unknown. */
  profiledNs: number | null;
}

/**
 * The captures a window reads from `items` (already narrowed to the sample type read), one per item it takes whole
 * or cuts: a timed item cut by a window counts as one capture when its span meets the window, none otherwise.
 */
export function windowCaptures(items: readonly ItemSummary[], selection: Selection): WindowCapture[] {
  const byId = new Map(items.map((item) => [item.id, item]));
  const window = selection.window === undefined || isAllTime(selection.window) ? null : selection.window;
  const captures: WindowCapture[] = [];
  for (const part of selectionParts(items, selection)) {
    const item = byId.get(part.id);
    if (item === undefined) continue;
    const capture = clipped(item, window);
    if (capture !== null) captures.push({ part, ...capture });
  }
  return captures;
}

function clipped(item: ItemSummary, window: TimeWindow | null): Omit<WindowCapture, 'part'> | null {
  const start = item.capturedAtMs;
  const durationMs = item.durationNs === null ? null : item.durationNs / 1e6;
  if (start === null) return { startMs: null, endMs: null, profiledNs: item.durationNs };
  const end = start + (durationMs ?? 0);
  if (window === null) return { startMs: start, endMs: end, profiledNs: item.durationNs };
  // The overlap test selection-parts.ts uses: [start, end] meets [window.startMs, window.endMs). A timed item of
  // unknown duration may have samples anywhere after its start, so it counts when it starts before the window ends.
  const unknownTimed = durationMs === null && item.hasSampleTimes === true;
  if (!(start < window.endMs && (end >= window.startMs || unknownTimed))) return null;
  const from = Math.max(start, window.startMs);
  const to = Math.max(from, Math.min(end, window.endMs));
  return { startMs: from, endMs: to, profiledNs: durationMs === null ? null : (to - from) * 1e6 };
}

/** The sum of the captures' profiled time; null when none is known. */
export function profiledNsOf(captures: readonly WindowCapture[]): number | null {
  const known = captures.map((c) => c.profiledNs).filter((ns): ns is number => ns !== null);
  return known.length === 0 ? null : known.reduce((sum, ns) => sum + ns, 0);
}

/** The items of `items` that have `sampleType` (by type and unit), as views match them. */
export function withSampleType(items: readonly ItemSummary[], sampleType: ValueType): ItemSummary[] {
  return items.filter((item) => item.sampleTypes.some((t) => t.type === sampleType.type && t.unit === sampleType.unit));
}

/**
 * What a selection's window holds and how the stacks views read it. `items`: for item ids, the items named; for a
 * service's window, its service's items (more rows are fine: the window narrows them). `kinds` counts every kind the
 * service has over the window's span, so a window brushed on one kind's lane still offers the others (the window
 * header's buttons); the rest describes the captures read, of the selection's own kind.
 */
export function windowSummary(items: readonly ItemSummary[], selection: Selection): WindowSummary {
  const span = 'service' in selection ? itemsOfService(items, anyKind(selection)) : items;
  const named = 'service' in selection ? itemsOfService(span, selection) : items;
  const counts = new Map<ItemKind, number>();
  for (const item of span) counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1);
  // In the order a window picks its kind (then the kinds without stacks, in ITEM_KINDS order), not the catalogue's.
  const rank = (kind: ItemKind): number => {
    const at = ITEM_KIND_PRIORITY.indexOf(kind);
    return at >= 0 ? at : ITEM_KIND_PRIORITY.length + ITEM_KINDS.indexOf(kind);
  };
  const kinds = [...counts].map(([kind, captures]) => ({ kind, captures })).sort((a, b) => rank(a.kind) - rank(b.kind));
  const services = new Set(named.map((item) => item.service));
  const service = 'service' in selection ? selection.service : services.size === 1 ? ([...services][0] ?? null) : null;
  const kind = readKind(named, selection);
  const read = readItems(named, selection).filter((item) => item.kind === kind);
  const first = read.find((item) => item.sampleTypes.length > 0);
  const sampleType = first?.sampleTypes[first.defaultSampleType];
  const captures = windowCaptures(sampleType === undefined ? read : withSampleType(read, sampleType), selection);
  const starts = captures.map((c) => c.startMs).filter((ms): ms is number => ms !== null);
  const ends = captures.map((c) => c.endMs).filter((ms): ms is number => ms !== null);
  const summary: Omit<WindowSummary, 'title'> = {
    service,
    kind,
    kinds,
    captures: captures.length,
    startMs: starts.length === 0 ? null : Math.min(...starts),
    endMs: ends.length === 0 ? null : Math.max(...ends),
    profiledNs: profiledNsOf(captures),
    aggregation: kind === null || sampleType === undefined ? 'sum' : aggregationOf(kind, sampleType),
  };
  return { ...summary, title: windowTitle(summary) };
}

/** A service window's span whatever kind it reads: the same service, labels and window. */
function anyKind(selection: Extract<Selection, { service: string }>): Extract<Selection, { service: string }> {
  const { kind: _read, ...span } = selection;
  return span;
}

/**
 * `checkout · CPU · 6 captures · 2026-11-20 10:00:02–10:14:40 UTC · 18 s profiled`, the parts that are known. The
 * span is written by `span`: by default in UTC, as the CLI prints every time; the page passes its local clock.
 */
export function windowTitle(
  summary: Omit<WindowSummary, 'title'>,
  span: (startMs: number, endMs: number) => string = utcSpan,
): string {
  const parts: string[] = [];
  if (summary.service !== null) parts.push(summary.service);
  if (summary.kind !== null) parts.push(KIND_LABELS[summary.kind] ?? summary.kind);
  if (summary.kind !== null || summary.kinds.length === 0) {
    parts.push(`${summary.captures} capture${summary.captures === 1 ? '' : 's'}`);
  } else {
    // Nothing with stacks (heap snapshots, GC logs): what the window holds, by kind.
    for (const { kind, captures } of summary.kinds) {
      // "Heap snapshot" → "heap snapshot", "GC log" stays.
      const label = (KIND_LABELS[kind] ?? kind).replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase());
      parts.push(`${captures} ${label}${captures === 1 ? '' : 's'}`);
    }
  }
  if (summary.startMs !== null && summary.endMs !== null) parts.push(span(summary.startMs, summary.endMs));
  if (summary.profiledNs !== null) parts.push(`${formatValue(summary.profiledNs, 'nanoseconds')} profiled`);
  return parts.join(' · ');
}

/**
 * A span to the second, `dateTime` writing each end as "YYYY-MM-DD hh:mm:ss": the start rounded down, the end up, so
 * the span shown holds what is read; the end's date only when it differs from the start's; one instant when equal.
 */
export function secondsSpan(startMs: number, endMs: number, dateTime: (ms: number) => string): string {
  const from = dateTime(Math.floor(startMs / 1000) * 1000);
  const to = dateTime(Math.ceil(endMs / 1000) * 1000);
  if (from === to) return from;
  return `${from}–${to.slice(0, 10) === from.slice(0, 10) ? to.slice(11) : to}`;
}

const utcSpan = (startMs: number, endMs: number): string => `${secondsSpan(startMs, endMs, utcSeconds)} UTC`;

/** `2026-11-20 10:00:02`; years outside 0..9999 (no real capture) as the ISO text has them. */
function utcSeconds(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString().replace('T', ' ').slice(0, 19);
}
