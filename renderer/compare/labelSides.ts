/**
 * "Compare two label values": within a service's window, the captures with one value of an item label (A) against
 * those with another (B) — `version=v1` against `version=v2`. Pure: the keys worth offering and the two sides.
 */
import type { Selection } from '../../shared/capture/selection';
import type { ItemSummary } from '../../shared/ipc/contract';

type ServiceSelection = Extract<Selection, { service: string }>;

/**
 * Label keys with at least two values among `items`, each with its values by their earliest capture (the older value
 * first, so it is the baseline: v1 before v2), then by text.
 */
export function comparableLabels(items: readonly ItemSummary[]): { key: string; values: string[] }[] {
  const byKey = new Map<string, Map<string, number>>();
  for (const item of items) {
    const at = item.capturedAtMs ?? Infinity;
    for (const [key, value] of Object.entries(item.labels ?? {})) {
      let values = byKey.get(key);
      if (!values) byKey.set(key, (values = new Map()));
      values.set(value, Math.min(values.get(value) ?? Infinity, at));
    }
  }
  return [...byKey]
    .filter(([, values]) => values.size >= 2)
    .map(([key, values]) => ({
      key,
      values: [...values].sort(([va, ta], [vb, tb]) => ta - tb || (va < vb ? -1 : va > vb ? 1 : 0)).map(([v]) => v),
    }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The window narrowed to `key=a` (the baseline) and to `key=b`, each keeping the window's other labels. */
export function labelSides(
  selection: ServiceSelection,
  key: string,
  a: string,
  b: string,
): { base: ServiceSelection; target: ServiceSelection } {
  const others = (selection.labels ?? []).filter((label) => label.key !== key);
  return {
    base: { ...selection, labels: [...others, { key, value: a }] },
    target: { ...selection, labels: [...others, { key, value: b }] },
  };
}
