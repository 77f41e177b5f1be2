/**
 * Ctrl/cmd-click on a capture's bar: the capture joins the selected captures, or leaves them when it is one. The
 * selection keeps its sample type while it grows; a new list starts with the capture's default one.
 */
import type { ItemSummary } from '../../shared/ipc/contract';
import { useViewStore } from '../app/viewStore';
import { toggleItem } from './brush';

export function pickItem(item: Pick<ItemSummary, 'id' | 'defaultSampleType'>): void {
  const { selection, sampleType, setSelection } = useViewStore.getState();
  const next = toggleItem(selection, item.id);
  if (next === null) return;
  const grows = selection !== null && 'items' in selection;
  setSelection(next, grows ? sampleType : item.defaultSampleType);
}
