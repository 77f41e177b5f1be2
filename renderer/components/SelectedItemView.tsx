/**
 * The selected catalogue item, in the view its kind calls for: a profile's stacks
 * as a flame graph and top functions, a GC log's pauses, a heap snapshot's classes.
 * Each view fetches only what its kind has (a GC log has no flame tree to ask for).
 */
import { viewForKind } from '../items/itemKinds';
import { useCatalogueStore } from '../state/catalogueStore';
import { useViewStore } from '../state/viewStore';
import { GcLogView } from './GcLogView';
import { HeapSnapshotView } from './HeapSnapshotView';
import { ProfileView } from './ProfileView';

export function SelectedItemView() {
  const selectedProfileId = useViewStore((s) => s.selectedProfileId);
  const item = useCatalogueStore((s) => s.profiles.find((p) => p.id === selectedProfileId) ?? null);

  if (item === null) {
    return <p className="empty-hint">Select a profile, GC log or heap snapshot above to see it.</p>;
  }
  switch (viewForKind(item.kind)) {
    case 'gc':
      return <GcLogView log={item} />;
    case 'heap':
      return <HeapSnapshotView snapshot={item} />;
    case 'stacks':
      return <ProfileView profile={item} />;
  }
}
