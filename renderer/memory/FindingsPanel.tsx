/** What Kiln concludes about the selection (being built). */
import type { Selection } from '../../shared/capture/selection';
import type { ItemSummary } from '../../shared/ipc/contract';

export function FindingsPanel({ selection, items }: { selection: Selection; items: readonly ItemSummary[] }) {
  void selection;
  return <p className="empty-hint">Not built yet ({items.length} items).</p>;
}
