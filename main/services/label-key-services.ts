/**
 * getLabelKeys over a selection: each item's sample label keys (label-queries.ts), merged. A value's count is
 * summed over the items (a stack two items share counts twice); values stay sorted by count, at most
 * LABEL_VALUES_LIMIT per key.
 */
import type { Selection } from '../../shared/capture/selection';
import { LABEL_VALUES_LIMIT, type LabelKey } from '../../shared/ipc/contract';
import { selectedItems, type StackSource } from '../../shared/query/views';
import type { ProfileStore } from '../store/profile-store';

export function selectionLabelKeys(store: ProfileStore, source: StackSource, selection: Selection): LabelKey[] {
  const perItem = selectedItems(source, selection)
    .filter((item) => item.sampleTypes.length > 0)
    .map((item) => store.labelKeys(item.id, LABEL_VALUES_LIMIT));
  if (perItem.length === 1) return perItem[0] as LabelKey[];
  const counts = new Map<string, Map<string, number>>();
  for (const keys of perItem) {
    for (const { key, values } of keys) {
      const byValue = counts.get(key) ?? new Map<string, number>();
      counts.set(key, byValue);
      for (const { value, count } of values) byValue.set(value, (byValue.get(value) ?? 0) + count);
    }
  }
  return [...counts.keys()].sort().map((key) => ({
    key,
    values: [...(counts.get(key) as Map<string, number>)]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
      .slice(0, LABEL_VALUES_LIMIT),
  }));
}
