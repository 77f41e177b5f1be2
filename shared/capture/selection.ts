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
 * The text form (page URL, `kiln top`) is URL-safe and round-trips through
 * `formatSelection` / `parseSelection`:
 *   `12`   `3,4,5`   `3-9`   `1,3-5@1700000000000..1700000005000`
 *   `service=checkout@1700000000000..1700000060000;kind=cpu;label.version=1.4`
 * Names and label values are percent-encoded (encodeURIComponent).
 */
import type { ItemKind } from '../ipc/contract';

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
  const window = selection.window ? `@${selection.window.startMs}..${selection.window.endMs}` : '';
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

/** Parses the text form; throws SelectionSyntaxError naming what is wrong. Does not check kinds (validate.ts does). */
export function parseSelection(text: string): Selection {
  const [head = '', ...rest] = text.trim().split(';');
  const at = head.indexOf('@');
  const subject = at < 0 ? head : head.slice(0, at);
  const window = at < 0 ? undefined : parseWindow(head.slice(at + 1));
  if (subject.startsWith('service=')) {
    const service = decode(subject.slice('service='.length), 'service');
    if (service === '') throw new SelectionSyntaxError('a service selection needs a service name');
    if (window === undefined) throw new SelectionSyntaxError('a service selection needs a window (@START..END)');
    const selection: Extract<Selection, { service: string }> = { service, window };
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
  const items = parseIds(subject);
  return window === undefined ? { items } : { items, window };
}

function parseIds(text: string): number[] {
  if (!/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(text)) {
    throw new SelectionSyntaxError(
      `${JSON.stringify(text)} is not a selection: item ids like 12, 3,4,5 or 3-9, or service=NAME@START..END`,
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
  const match = /^(-?\d+(?:\.\d+)?)\.\.(-?\d+(?:\.\d+)?)$/.exec(text);
  if (!match)
    throw new SelectionSyntaxError(`${JSON.stringify(text)} is not a window: START..END in ms since the epoch`);
  const window = { startMs: Number(match[1]), endMs: Number(match[2]) };
  if (!(window.endMs > window.startMs)) throw new SelectionSyntaxError('a window must end after it starts');
  return window;
}

function decode(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new SelectionSyntaxError(`the ${what} ${JSON.stringify(text)} is not percent-encoded text`);
  }
}
