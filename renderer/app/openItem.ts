/**
 * Opening one catalogue item, from its catalogue row or its bar on the timeline: it becomes the selection with its
 * default sample type, unless it already is the whole selection (re-selecting would reset the sample type the user
 * chose and the flame graph's zoom).
 */
import type { ItemSummary } from '../../shared/ipc/contract';
import { selectedIds, useViewStore } from './viewStore';

export function openItem(item: Pick<ItemSummary, 'id' | 'defaultSampleType'>): void {
  const { selection, selectItem } = useViewStore.getState();
  const ids = selectedIds(selection);
  if (ids.length !== 1 || ids[0] !== item.id) selectItem(item.id, item.defaultSampleType);
}
