/**
 * Runtime check of a Selection (shared/capture/selection.ts) from an
 * untrusted caller: shape, bounds, known kinds. Used by validate.ts for every
 * stacks method's `selection` and `base`.
 */
import { MAX_SELECTION_ITEMS, type ItemLabel, type Selection, type TimeWindow } from '../capture/selection';
import { ITEM_KINDS, type ItemKind } from './contract';

const MAX_SELECTION_TEXT = 200;
const MAX_SELECTION_LABELS = 32;

/** Thrown for a malformed selection; validate.ts reports it as a ContractError. */
export class SelectionShapeError extends Error {
  override readonly name = 'SelectionShapeError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_SELECTION_TEXT || value.includes('\0')) {
    throw new SelectionShapeError(`${what} must be a non-empty string of at most ${MAX_SELECTION_TEXT} characters`);
  }
  return value;
}

function keysOnly(raw: Record<string, unknown>, allowed: readonly string[], what: string): void {
  for (const key of Object.keys(raw)) {
    if (!allowed.includes(key)) throw new SelectionShapeError(`${what} has an unexpected ${JSON.stringify(key)}`);
  }
}

function window(raw: unknown, what: string): TimeWindow {
  if (!isRecord(raw)) throw new SelectionShapeError(`${what}.window must be { startMs, endMs }`);
  keysOnly(raw, ['startMs', 'endMs'], `${what}.window`);
  const { startMs, endMs } = raw;
  if (
    typeof startMs !== 'number' ||
    typeof endMs !== 'number' ||
    !Number.isFinite(startMs) ||
    !Number.isFinite(endMs)
  ) {
    throw new SelectionShapeError(`${what}.window's startMs and endMs must be finite numbers (ms since the epoch)`);
  }
  if (!(endMs > startMs)) throw new SelectionShapeError(`${what}.window must end after it starts`);
  return { startMs, endMs };
}

/** A checked copy of `raw` as a Selection; `what` names it in messages ("selection", "base"). */
export function requireSelection(raw: unknown, what: string): Selection {
  if (!isRecord(raw)) throw new SelectionShapeError(`${what} must be { items } or { service, window }`);
  if ('items' in raw) {
    keysOnly(raw, ['items', 'window'], what);
    const items = raw['items'];
    if (!Array.isArray(items) || items.length === 0 || items.length > MAX_SELECTION_ITEMS) {
      throw new SelectionShapeError(`${what}.items must list 1 to ${MAX_SELECTION_ITEMS} item ids`);
    }
    for (const id of items) {
      if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) {
        throw new SelectionShapeError(`${what}.items must be non-negative integers`);
      }
    }
    const ids = items as number[];
    return raw['window'] === undefined ? { items: [...ids] } : { items: [...ids], window: window(raw['window'], what) };
  }
  keysOnly(raw, ['service', 'window', 'kind', 'labels'], what);
  const selection: Extract<Selection, { service: string }> = {
    service: text(raw['service'], `${what}.service`),
    window: window(raw['window'], what),
  };
  const kind = raw['kind'];
  if (kind !== undefined) {
    if (!ITEM_KINDS.includes(kind as ItemKind)) {
      throw new SelectionShapeError(`${what}.kind must be one of ${ITEM_KINDS.join(', ')}`);
    }
    selection.kind = kind as ItemKind;
  }
  const labels = raw['labels'];
  if (labels !== undefined) {
    if (!Array.isArray(labels) || labels.length > MAX_SELECTION_LABELS) {
      throw new SelectionShapeError(`${what}.labels must be a list of at most ${MAX_SELECTION_LABELS} { key, value }`);
    }
    selection.labels = labels.map((label): ItemLabel => {
      if (!isRecord(label)) throw new SelectionShapeError(`${what}.labels must be { key, value } pairs`);
      keysOnly(label, ['key', 'value'], `${what}.labels[]`);
      return { key: text(label['key'], `${what} label key`), value: text(label['value'], `${what} label value`) };
    });
  }
  return selection;
}
