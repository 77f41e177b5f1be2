/**
 * The text of the tags dialogs (import, and editing captures): a service and labels as KEY=VALUE, one per line,
 * parsed by the same rules as `kiln import --label` (shared/capture/import-tags.ts).
 */
import { importTagsOfText, LabelSyntaxError } from '../../shared/capture/import-tags';
import type { ImportTags } from '../../shared/ipc/contract';

export type TagsFormResult = { ok: true; tags: ImportTags | undefined } | { ok: false; error: string };

/** A blank service keeps the data's (or the stored) one; blank lines are skipped. */
export function parseTagsForm(service: string, labelsText: string): TagsFormResult {
  const name = service.trim();
  const lines = labelsText
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  try {
    return { ok: true, tags: importTagsOfText(name === '' ? null : name, lines) };
  } catch (error) {
    if (error instanceof LabelSyntaxError) return { ok: false, error: error.message };
    throw error;
  }
}

/** Labels as the dialog shows them: one KEY=VALUE a line, keys sorted. */
export function labelsText(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels)
    .sort()
    .map((key) => `${key}=${labels[key] ?? ''}`)
    .join('\n');
}
