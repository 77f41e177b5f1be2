/** Heap snapshots compared, the retainer tree of the top grower, and a snapshot's dominator tree (being built). */
import type { Selection } from '../../shared/capture/selection';
import type { ItemSummary } from '../../shared/ipc/contract';

export function SnapshotsCompared({ selection, items }: { selection: Selection; items: readonly ItemSummary[] }) {
  void selection;
  return <p className="empty-hint">Not built yet ({items.length} items).</p>;
}
