/**
 * The tags an item is stored with when the user gave some at import (contract.ts ImportTags): the user's service
 * replaces the one the data names, and the user's labels are added to the file's, a key the user gave overriding
 * the file's (the file's own keys, such as a pprof's build id, stay).
 */
import type { ImportTags } from '../ipc/contract';
import { NO_CAPTURE_TAGS, type CaptureTags } from './capture';

export function withImportTags(fromFile: CaptureTags | undefined, given: ImportTags | undefined): CaptureTags {
  const file = fromFile ?? NO_CAPTURE_TAGS;
  if (given === undefined) return file;
  return {
    service: given.service ?? file.service,
    labels: { ...file.labels, ...given.labels },
  };
}

/** A label as a person writes it (`--label KEY=VALUE`, an upload's `label=KEY=VALUE`) that is not KEY=VALUE. */
export class LabelSyntaxError extends Error {
  override readonly name = 'LabelSyntaxError';
}

/** `KEY=VALUE` split at its first '=' (the value may hold more); a text without '=' or key is a LabelSyntaxError. */
export function parseLabelText(text: string, what = 'label'): { key: string; value: string } {
  const at = text.indexOf('=');
  if (at <= 0) throw new LabelSyntaxError(`${what} must be KEY=VALUE, got ${JSON.stringify(text)}`);
  return { key: text.slice(0, at), value: text.slice(at + 1) };
}

/**
 * The import tags a person gave as text (the CLI's `--service`/`--label`, an upload's `service=`/`label=`), or
 * undefined when none; their bounds are the contract's to check (validate-capture-tags.ts).
 */
export function importTagsOfText(
  service: string | null | undefined,
  labels: readonly string[],
  what = 'label',
): ImportTags | undefined {
  if ((service === null || service === undefined) && labels.length === 0) return undefined;
  // No prototype: a label named __proto__ is a label like any other.
  const parsed = Object.create(null) as Record<string, string>;
  for (const text of labels) {
    const { key, value } = parseLabelText(text, what);
    parsed[key] = value;
  }
  return {
    ...(service === null || service === undefined ? {} : { service }),
    ...(labels.length === 0 ? {} : { labels: { ...parsed } }),
  };
}
