/**
 * What the renderer does with each kind of catalogue item: the label the catalogue
 * shows, and which view the selected item gets (a GC log has no call stacks to draw
 * a flame graph from, a heap snapshot no pauses to chart).
 */
import type { ItemKind } from '../../shared/ipc/contract';
import { KIND_LABELS } from '../../shared/query/window-kind';

/** The catalogue's label for a kind; a kind this build does not know (a newer server) shows as it is. */
export function kindLabel(kind: ItemKind): string {
  return Object.hasOwn(KIND_LABELS, kind) ? KIND_LABELS[kind] : kind;
}

/** Which view shows an item: stacks (flame graph and top functions), GC pauses, or heap classes. */
export type ItemView = 'stacks' | 'gc' | 'heap';

export function viewForKind(kind: ItemKind): ItemView {
  if (kind === 'gc-log') return 'gc';
  if (kind === 'heap-snapshot') return 'heap';
  return 'stacks';
}
