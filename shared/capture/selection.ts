/**
 * A Selection is what every stacks query takes: which catalogue items, and
 * which part of them. Either a list of item ids, or a service plus a
 * wall-clock window, optionally narrowed by item kind and item labels.
 *
 * A window (wall-clock ms, half-open [startMs, endMs)) also cuts *inside*
 * items whose samples carry times (V8 .cpuprofile, JFR, perf script, Chrome
 * traces): only the samples whose time falls in it count. Items without
 * sample times count whole when their span overlaps the window.
 *
 * Every capture of a service, whenever taken, is the service with the
 * window ALL_TIME: every instant a Date can hold. It is not an overlap test
 * like other windows: it takes the service's items with no wall-clock start
 * too, each whole (selection-parts.ts), so a stacks query of it reads what
 * one without a window would.
 *
 * The canonical text form (page URL) is URL-safe and round-trips through
 * `formatSelection` / `parseSelection`:
 *   `12`   `3,4,5`   `3-9`   `1,3-5@1700000000000..1700000005000`
 *   `service=checkout@1700000000000..1700000060000;kind=cpu;label.version=1.4`
 *   `service=checkout@all` (ALL_TIME)
 * Names and label values are percent-encoded (encodeURIComponent). A window
 * may also be two ISO 8601 instants, `@START/END` (instant.ts).
 *
 * What a person types (`kiln top`) is read by `parseSelectionArgument`, which
 * reads the canonical form and besides:
 *   `checkout` or `service=checkout` — every capture of the service;
 *   `checkout@2026-11-20T10:00:00Z/2026-11-20T10:15:00.250Z` — its captures
 *   overlapping a window of ISO 8601 instants (fractions to the ms and below).
 * Text made only of digits, commas and dashes is item ids: a service named
 * `12` is written `service=12`. A bare name is taken as typed (no percent
 * decoding) and cannot hold `,` `;` `@` `=`; `service=` with percent-encoding
 * names any service. `parseSelection` refuses the bare and windowless forms,
 * as it did before services could be selected whole.
 */
import type { ItemKind } from '../ipc/contract';
import { parseInstant } from './instant';

/** Wall-clock window, ms since the Unix epoch; a sample at time t is in it when startMs <= t < endMs. */
export interface TimeWindow {
  startMs: number;
  endMs: number;
}

/** An item-level label (build id, version, host, …) a service selection is narrowed by. */
export interface ItemLabel {
  key: string;
  value: string;
}

export type Selection =
  | { items: number[]; window?: TimeWindow }
  | { service: string; window: TimeWindow; kind?: ItemKind; labels?: ItemLabel[] };

/** The earliest and latest instants a Date can hold (ECMAScript's time value range). */
const MIN_DATE_MS = -8.64e15;
const MAX_DATE_MS = 8.64e15;

/** Every instant: the window of "all its captures". */
export const ALL_TIME: TimeWindow = Object.freeze({ startMs: MIN_DATE_MS, endMs: MAX_DATE_MS });

/** True for a window covering every instant a Date can hold; it selects items whole, whenever (or if ever) they start. */
export function isAllTime(window: TimeWindow | undefined): boolean {
  return window !== undefined && window.startMs <= MIN_DATE_MS && window.endMs >= MAX_DATE_MS;
}

/** Every capture of a service. */
export function serviceSelection(service: string): Selection {
  return { service, window: { ...ALL_TIME } };
}

/** Most ids a selection may list (a `3-9` range counts each id). */
export const MAX_SELECTION_ITEMS = 10_000;

export class SelectionSyntaxError extends Error {
  override readonly name = 'SelectionSyntaxError';
}

/** The selection of one item, the commonest. */
export function itemSelection(id: number): Selection {
  return { items: [id] };
}

/** The ids a selection lists, or null for a service selection (its items depend on the catalogue). */
export function selectedIds(selection: Selection): number[] | null {
  return 'items' in selection ? selection.items : null;
}

export function formatSelection(selection: Selection): string {
  const window =
    selection.window === undefined
      ? ''
      : isAllTime(selection.window)
        ? '@all'
        : `@${selection.window.startMs}..${selection.window.endMs}`;
  if ('items' in selection) return `${formatIds(selection.items)}${window}`;
  const parts = [`service=${encodeURIComponent(selection.service)}${window}`];
  if (selection.kind !== undefined) parts.push(`kind=${selection.kind}`);
  for (const { key, value } of selection.labels ?? []) {
    parts.push(`label.${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
  }
  return parts.join(';');
}

/** Ids as runs: 3,4,5,9 → `3-5,9`; order is kept, only ascending runs of three or more fold. */
function formatIds(ids: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < ids.length;) {
    let j = i;
    while (j + 1 < ids.length && ids[j + 1] === (ids[j] as number) + 1) j++;
    if (j - i >= 2) {
      out.push(`${ids[i]}-${ids[j]}`);
      i = j + 1;
    } else {
      out.push(String(ids[i]));
      i++;
    }
  }
  return out.join(',');
}

/**
 * Parses the canonical form with a window (see the file comment); throws SelectionSyntaxError naming what is
 * wrong. Does not check kinds (validate.ts does).
 */
export function parseSelection(text: string): Selection {
  return parse(text, false);
}

/** Parses every form a person may type (see the file comment), the canonical one included. */
export function parseSelectionArgument(text: string): Selection {
  return parse(text, true);
}

/** Text of item ids (and mistyped ids: `9-3`, `1,,2`), never a bare service name. */
const ID_LIKE = /^[\d,-]+$/;

function parse(text: string, typed: boolean): Selection {
  const [head = '', ...rest] = text.trim().split(';');
  const at = head.indexOf('@');
  const subject = at < 0 ? head : head.slice(0, at);
  const window = at < 0 ? undefined : parseWindow(head.slice(at + 1));
  const bare = typed && subject !== '' && !subject.startsWith('service=') && !ID_LIKE.test(subject);
  if (subject.startsWith('service=') || bare) {
    const service = bare ? bareName(subject) : decode(subject.slice('service='.length), 'service');
    if (service === '') throw new SelectionSyntaxError('a service selection needs a service name');
    if (window === undefined && !typed) {
      throw new SelectionSyntaxError('a service selection needs a window (@START..END)');
    }
    const selection: Extract<Selection, { service: string }> = { service, window: window ?? { ...ALL_TIME } };
    const labels: ItemLabel[] = [];
    for (const part of rest) {
      if (part.startsWith('kind=')) selection.kind = part.slice('kind='.length) as ItemKind;
      else if (part.startsWith('label.') && part.includes('=')) {
        const eq = part.indexOf('=');
        labels.push({
          key: decode(part.slice('label.'.length, eq), 'label key'),
          value: decode(part.slice(eq + 1), 'label value'),
        });
      } else throw new SelectionSyntaxError(`unknown selection part ${JSON.stringify(part)}`);
    }
    if (labels.length > 0) selection.labels = labels;
    return selection;
  }
  if (rest.length > 0) throw new SelectionSyntaxError('kind and label narrow only a service selection');
  const items = parseIds(subject, typed);
  return window === undefined ? { items } : { items, window };
}

function bareName(text: string): string {
  if (/[,;@=]/.test(text)) {
    throw new SelectionSyntaxError(
      `${JSON.stringify(text)} is not a selection: item ids like 12, 3,4,5 or 3-9, a service name, or SERVICE@START/END`,
    );
  }
  return text;
}

function parseIds(text: string, typed: boolean): number[] {
  if (!/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(text)) {
    const others = typed ? 'a service name, or SERVICE@START/END' : 'or service=NAME@START..END';
    throw new SelectionSyntaxError(
      `${JSON.stringify(text)} is not a selection: item ids like 12, 3,4,5 or 3-9, ${others}`,
    );
  }
  const ids: number[] = [];
  for (const run of text.split(',')) {
    const [from, to = from] = run.split('-').map(Number) as [number, number?];
    if (to < from) throw new SelectionSyntaxError(`the range ${run} runs backwards`);
    if (ids.length + (to - from + 1) > MAX_SELECTION_ITEMS) {
      throw new SelectionSyntaxError(`a selection lists at most ${MAX_SELECTION_ITEMS} items`);
    }
    for (let id = from; id <= to; id++) ids.push(id);
  }
  return ids;
}

function parseWindow(text: string): TimeWindow {
  if (text === 'all') return { ...ALL_TIME };
  if (text.includes('/')) return parseInstantWindow(text);
  const match = /^(-?\d+(?:\.\d+)?)\.\.(-?\d+(?:\.\d+)?)$/.exec(text);
  if (!match)
    throw new SelectionSyntaxError(
      `${JSON.stringify(text)} is not a window: START/END in ISO 8601 instants, START..END in ms since the epoch, or all`,
    );
  const window = { startMs: Number(match[1]), endMs: Number(match[2]) };
  if (!(window.endMs > window.startMs)) throw new SelectionSyntaxError('a window must end after it starts');
  return window;
}

/** `START/END`, two ISO 8601 instants; END must be later than START. */
function parseInstantWindow(text: string): TimeWindow {
  const slash = text.indexOf('/');
  const ends = [text.slice(0, slash), text.slice(slash + 1)].map((end) => {
    const ms = parseInstant(end);
    if (ms === null) {
      throw new SelectionSyntaxError(
        `${JSON.stringify(end)} is not an ISO 8601 instant like 2026-11-20T10:15:00.250Z or 2026-11-20T12:15:00+02:00`,
      );
    }
    return ms;
  });
  const [startMs = 0, endMs = 0] = ends;
  if (!(endMs > startMs)) {
    throw new SelectionSyntaxError(`the window ${JSON.stringify(text)} must end after it starts`);
  }
  return { startMs, endMs };
}

function decode(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new SelectionSyntaxError(`the ${what} ${JSON.stringify(text)} is not percent-encoded text`);
  }
}
