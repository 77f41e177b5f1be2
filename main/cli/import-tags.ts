/** `kiln import --service NAME --label KEY=VALUE...`: the user's tags for every item imported, as the contract takes them. */
import type { ImportTags } from '../../shared/ipc/contract';
import { UsageError } from './usage';

/** The tags of the options given, or undefined when none were; a `--label` without '=' or key is a usage error. */
export function importTagsOf(
  service: string | undefined,
  labels: readonly string[] | undefined,
): ImportTags | undefined {
  if (service === undefined && (labels === undefined || labels.length === 0)) return undefined;
  // No prototype: a label named __proto__ is a label like any other.
  const parsed = Object.create(null) as Record<string, string>;
  for (const label of labels ?? []) {
    const at = label.indexOf('=');
    if (at <= 0) throw new UsageError(`--label must be KEY=VALUE, got ${JSON.stringify(label)}`);
    parsed[label.slice(0, at)] = label.slice(at + 1);
  }
  return {
    ...(service === undefined ? {} : { service }),
    ...(labels === undefined || labels.length === 0 ? {} : { labels: { ...parsed } }),
  };
}
