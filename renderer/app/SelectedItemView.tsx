/**
 * The selected catalogue item, in the view its kind calls for: a profile's stacks
 * as a flame graph and top functions, a GC log's pauses, a heap snapshot's classes.
 * Each view fetches only what its kind has (a GC log has no flame tree to ask for).
 */
import { itemsOfService } from '../../shared/capture/selection-parts';
import type { Selection } from '../../shared/capture/selection';
import type { ItemSummary } from '../../shared/ipc/contract';
import { viewForKind } from './itemKinds';
import { windowKind } from '../../shared/query/window-kind';
import { useCatalogueStore } from '../catalogue/catalogueStore';
import { useViewStore } from './viewStore';
import { GcLogView } from '../gc/GcLogView';
import { HeapSnapshotView } from '../heap/HeapSnapshotView';
import { ProfileView } from '../profile/ProfileView';
import { WindowHeader } from './WindowHeader';
import { CompareBar, sameSelection } from '../compare/CompareBar';
import { ComparisonView } from '../compare/ComparisonView';
import { Workbench } from '../memory/Workbench';
import { useMemo } from 'react';

/** Every catalogue item the selection holds (for a service's window, its items overlapping the window). */
function itemsOf(catalogue: readonly ItemSummary[], selection: Selection): ItemSummary[] {
  if ('service' in selection) return itemsOfService(catalogue, selection);
  const byId = new Map(catalogue.map((p) => [p.id, p]));
  return selection.items.map((id) => byId.get(id)).filter((p): p is ItemSummary => p !== undefined);
}

/**
 * The item whose kind decides the view, and whose sample types and name head it: the first of the kind the stacks
 * views read (windowKind: CPU before allocations before heap …), as the window header counts it, else the first
 * item (a GC log, a heap snapshot). So a window holding CPU captures and a GC log shows stacks, whichever was
 * imported last.
 */
function firstItem(items: readonly ItemSummary[]): ItemSummary | null {
  const kind = windowKind(items.map((i) => i.kind));
  return items.find((i) => i.kind === kind) ?? items[0] ?? null;
}

export function SelectedItemView() {
  const selection = useViewStore((s) => s.selection);
  const base = useViewStore((s) => s.base);
  const catalogue = useCatalogueStore((s) => s.profiles);
  const items = useMemo(() => (selection === null ? [] : itemsOf(catalogue, selection)), [catalogue, selection]);
  const item = firstItem(items);

  if (item === null) {
    return (
      <p className="empty-hint">
        Select a capture or a service in the sidebar, or brush a window on the timeline, to see it here.
      </p>
    );
  }
  return (
    <>
      <WindowHeader selection={selection} />
      <Workbench selection={selection ?? { items: [item.id] }} items={items}>
        {viewOf(item, selection ?? { items: [item.id] }, base)}
      </Workbench>
    </>
  );
}

function viewOf(item: ItemSummary, selection: Selection, base: Selection | null) {
  switch (viewForKind(item.kind)) {
    case 'gc':
      return <GcLogView log={item} />;
    case 'heap':
      return <HeapSnapshotView snapshot={item} />;
    case 'stacks':
      // With a baseline other than the selection, the views compare the selection (B) with it (A).
      return base !== null && !sameSelection(base, selection) ? (
        <ComparisonView profile={item} target={selection} base={base} />
      ) : (
        <>
          <CompareBar selection={selection} />
          <ProfileView profile={item} selection={selection} />
        </>
      );
  }
}
