/**
 * Checks of the service and labels a user gives (import tags, setCaptureTags): the bounds of what a file may put
 * into a capture's tags (shared/capture/capture.ts), refused rather than cut, since the user can say it shorter.
 * Throws TagsShapeError; validate.ts turns it into a ContractError (this file cannot import it: validate.ts
 * imports this one).
 */
import { MAX_CAPTURE_LABELS, MAX_CAPTURE_TEXT } from '../capture/capture';
import type { ImportTags } from './contract';

export class TagsShapeError extends Error {
  override readonly name = 'TagsShapeError';
}

/** Most items one setCaptureTags call reassigns (a service's captures over months). */
export const MAX_TAGGED_ITEMS = 10_000;

const CONTROL = /[\u0000-\u001f\u007f]/;

/** Text of a service name, label key or value: trimmed, not blank (unless `emptyAllowed`), short, no control chars. */
function tagText(value: unknown, what: string, emptyAllowed = false): string {
  if (typeof value !== 'string' || CONTROL.test(value)) {
    throw new TagsShapeError(`${what} must be text without control characters`);
  }
  const text = value.trim();
  if ((text === '' && !emptyAllowed) || text.length > MAX_CAPTURE_TEXT) {
    throw new TagsShapeError(`${what} must be 1 to ${MAX_CAPTURE_TEXT} characters`);
  }
  return text;
}

export function requireServiceName(value: unknown, what = 'service'): string {
  return tagText(value, what);
}

/** Labels as a plain object of at most MAX_CAPTURE_LABELS text keys and values; `emptyValues`: "" allowed (remove). */
export function requireLabels(value: unknown, what: string, emptyValues = false): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TagsShapeError(`${what} must be an object of KEY: VALUE text`);
  }
  const entries = Object.entries(value);
  if (entries.length > MAX_CAPTURE_LABELS) {
    throw new TagsShapeError(`${what} must have at most ${MAX_CAPTURE_LABELS} labels`);
  }
  // A null-prototype object: a key named "__proto__" is a label like any other.
  const labels: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [key, text] of entries) {
    labels[tagText(key, `${what} key`)] = tagText(text, `${what} value of ${JSON.stringify(key)}`, emptyValues);
  }
  return { ...labels };
}

/** An import's optional `tags`: `{service?, labels?}`, nothing else. */
export function requireImportTags(value: unknown): ImportTags {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TagsShapeError('tags must be an object {service?, labels?}');
  }
  const raw = value as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (key !== 'service' && key !== 'labels')
      throw new TagsShapeError(`unexpected tags argument ${JSON.stringify(key)}`);
  }
  return {
    ...(raw['service'] === undefined ? {} : { service: requireServiceName(raw['service'], 'tags.service') }),
    ...(raw['labels'] === undefined ? {} : { labels: requireLabels(raw['labels'], 'tags.labels') }),
  };
}

/** setCaptureTags' ids: 1 to MAX_TAGGED_ITEMS catalogue ids. */
export function requireItemIds(value: unknown): number[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_TAGGED_ITEMS) {
    throw new TagsShapeError(`itemIds must be a list of 1 to ${MAX_TAGGED_ITEMS} item ids`);
  }
  for (const id of value) {
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) {
      throw new TagsShapeError('each of itemIds must be a non-negative integer');
    }
  }
  return [...new Set(value as number[])];
}
