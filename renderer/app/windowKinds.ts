/**
 * Every kind of capture a service's window holds, whatever kind it reads: the header's kind buttons. A brushed
 * window reads its lane's kind, so its own summary counts only that kind; the other kinds of the same service and
 * span come from the catalogue, counted by the shared summary the services use (so a timed capture cut by the window
 * counts as they count it).
 */
import type { Selection } from '../../shared/capture/selection';
import { itemsOfService } from '../../shared/capture/selection-parts';
import type { ItemKind, ItemSummary } from '../../shared/ipc/contract';
import { windowSummary } from '../../shared/query/window-summary';

export function windowKinds(
  catalogue: readonly ItemSummary[],
  selection: Selection,
): { kind: ItemKind; captures: number }[] {
  if (!('service' in selection)) return [];
  const { kind: _read, ...anyKind } = selection;
  return windowSummary(itemsOfService(catalogue, anyKind), anyKind).kinds;
}
