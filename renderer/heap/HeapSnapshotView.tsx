/** A heap snapshot: its classes by retained size, and what keeps the chosen class alive. */
import { useEffect } from 'react';
import type { ItemSummary } from '../../shared/ipc/contract';
import { formatValue } from '../../shared/format/units';
import { useBackend } from '../backend/BackendContext';
import { useHeapClassesStore } from './heapClassesStore';
import { useHeapRetainersStore } from './heapRetainersStore';
import { HeapClassesTable } from './HeapClassesTable';
import { HeapRetainersPanel } from './HeapRetainersPanel';
import { ItemHeading } from '../app/ItemHeading';

export function HeapSnapshotView({ snapshot }: { snapshot: ItemSummary }) {
  const backend = useBackend();
  const { itemId, classes, error, load } = useHeapClassesStore();
  const chosenProfileId = useHeapRetainersStore((s) => s.itemId);
  const chosenClass = useHeapRetainersStore((s) => s.className);
  const selectClass = useHeapRetainersStore((s) => s.select);

  useEffect(() => {
    void load(backend, snapshot.id);
  }, [backend, load, snapshot.id]);

  // Until the store catches up with a new selection it still holds the previous snapshot's classes.
  const current = itemId === snapshot.id;
  // A class chosen in another snapshot means nothing here.
  const selectedClass = chosenProfileId === snapshot.id ? chosenClass : null;
  const totals = snapshot.heap;

  return (
    <section className="profile-view heap-view" aria-label={`Heap snapshot ${snapshot.name}`}>
      <ItemHeading item={snapshot}>
        {totals && (
          <span className="item-facts" data-testid="heap-totals">
            {formatValue(totals.nodes, 'count')} objects · {formatValue(totals.edges, 'count')} references ·{' '}
            {formatValue(totals.selfSize, 'bytes')}
          </span>
        )}
      </ItemHeading>
      {current && error !== null && (
        <p className="error-text" role="alert" data-testid="heap-error">
          Could not load this heap snapshot: {error}
        </p>
      )}
      {current && classes ? (
        <HeapClassesTable
          classes={classes}
          totalSelfSize={totals?.selfSize ?? 0}
          selectedClass={selectedClass}
          onSelect={(className) => void selectClass(backend, snapshot.id, className)}
        />
      ) : (
        error === null && <p className="loading-hint">Loading classes…</p>
      )}
      {current && classes && <HeapRetainersPanel itemId={snapshot.id} />}
    </section>
  );
}
