/** GC per window beside CPU and heap, on the timeline's clock (being built). */
import type { Selection } from '../../shared/capture/selection';
import type { ItemSummary } from '../../shared/ipc/contract';

export function GcWindowsPanel({ selection, items }: { selection: Selection; items: readonly ItemSummary[] }) {
  void selection;
  return <p className="empty-hint">Not built yet ({items.length} items).</p>;
}
