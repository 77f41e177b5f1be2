/**
 * What the importers of multi-profile formats (Chrome traces, speedscope,
 * Firefox profiles) return: one profile per thread or entry, with a name that
 * tells it apart from the file's others. The caller wraps each as an
 * `ImportedItem` of type 'profile' (result.ts).
 */
import type { Profile } from '../profile/model';

export interface NamedProfile {
  name: string | null;
  profile: Profile;
}

/** Names made unique within one file by numbering repeats ("GeckoMain", "GeckoMain (2)"), so a list can tell them apart. */
export function uniqueNames<T extends NamedProfile>(items: T[]): T[] {
  const taken = new Set<string>();
  // Next number to try per name: keeps many repeats of one name linear, not quadratic.
  const next = new Map<string, number>();
  for (const item of items) {
    const base = item.name;
    if (base === null) continue;
    let candidate = base;
    let n = next.get(base) ?? 2;
    while (taken.has(candidate)) candidate = `${base} (${n++})`;
    next.set(base, n);
    taken.add(candidate);
    item.name = candidate;
  }
  return items;
}
