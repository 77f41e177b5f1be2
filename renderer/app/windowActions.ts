/**
 * Opening and closing a service's window, from the timeline (a brush, Esc) and the window header (its kinds, ×). The
 * window opens with the default sample type of its first capture, as opening that capture would; closing it opens
 * its earliest capture, so the views keep showing something of what was looked at.
 */
import { itemsOfService } from '../../shared/capture/selection-parts';
import type { Selection } from '../../shared/capture/selection';
import type { ItemKind } from '../../shared/ipc/contract';
import { useCatalogueStore } from '../catalogue/catalogueStore';
import { openItem } from './openItem';
import { useViewStore } from './viewStore';

type ServiceSelection = Extract<Selection, { service: string }>;

/** Makes a service window the selection; nothing happens when it holds no capture of the catalogue. */
export function openWindow(selection: ServiceSelection): void {
  const first = itemsOfService(useCatalogueStore.getState().profiles, selection)[0];
  if (first) useViewStore.getState().setSelection(selection, first.defaultSampleType);
}

/** The same window read as another kind of its captures. */
export function switchWindowKind(kind: ItemKind): void {
  const { selection } = useViewStore.getState();
  if (selection !== null && 'service' in selection) openWindow({ ...selection, kind });
}

/** Leaves the selected service window for its earliest capture (the selection stays when it is no window). */
export function closeWindow(): void {
  const { selection } = useViewStore.getState();
  if (selection === null || !('service' in selection)) return;
  const captures = itemsOfService(useCatalogueStore.getState().profiles, selection);
  const earliest = [...captures].sort(
    (a, b) => (a.capturedAtMs ?? Infinity) - (b.capturedAtMs ?? Infinity) || a.id - b.id,
  )[0];
  if (earliest) openItem(earliest);
}
