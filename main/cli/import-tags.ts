/** `kiln import --service NAME --label KEY=VALUE...`: the user's tags for every item imported, as the contract takes them. */
import { importTagsOfText, LabelSyntaxError, parseLabelText } from '../../shared/capture/import-tags';
import type { ImportTags } from '../../shared/ipc/contract';
import { UsageError } from './usage';

/** The tags of the options given, or undefined when none were; a `--label` without '=' or key is a usage error. */
export function importTagsOf(
  service: string | undefined,
  labels: readonly string[] | undefined,
): ImportTags | undefined {
  return asUsageError(() => importTagsOfText(service, labels ?? [], '--label'));
}

/** One `--label KEY=VALUE` of a command, or a usage error. */
export function labelOption(text: string): { key: string; value: string } {
  return asUsageError(() => parseLabelText(text, '--label'));
}

function asUsageError<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof LabelSyntaxError) throw new UsageError(error.message);
    throw error;
  }
}
