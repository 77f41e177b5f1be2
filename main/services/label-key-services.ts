/**
 * getLabelKeys over a selection: the sample label keys of its items (label-queries.ts), counted over all of them at
 * once, so a value's count is the number of distinct stacks it is on in the selection (a stack two items share counts
 * once, as in one item) and the values kept (at most LABEL_VALUES_LIMIT per key) are the selection's most common.
 */
import type { Selection } from '../../shared/capture/selection';
import { LABEL_VALUES_LIMIT, type LabelKey } from '../../shared/ipc/contract';
import { selectedItems, type StackSource } from '../../shared/query/views';
import type { ProfileStore } from '../store/profile-store';

export function selectionLabelKeys(store: ProfileStore, source: StackSource, selection: Selection): LabelKey[] {
  const ids = selectedItems(source, selection)
    .filter((item) => item.sampleTypes.length > 0)
    .map((item) => item.id);
  return ids.length === 0 ? [] : store.labelKeys(ids, LABEL_VALUES_LIMIT);
}
