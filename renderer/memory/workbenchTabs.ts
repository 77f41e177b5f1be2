/**
 * Which workbench tabs a selection gets, from the kinds of the catalogue items it holds: memory over time needs two
 * or more heap captures (heap profiles, or heap snapshots per class) or a recording of timed allocation samples;
 * snapshots one heap snapshot or more (two to compare; one shows its dominator tree); GC a GC log or a JFR
 * recording's GC; the findings come with any of them.
 */
import type { ItemSummary } from '../../shared/ipc/contract';
import type { WorkbenchTab } from './workbenchStore';

export function workbenchTabs(items: readonly ItemSummary[]): WorkbenchTab[] {
  const count = (kind: ItemSummary['kind']) => items.filter((i) => i.kind === kind).length;
  const heap = count('heap');
  const snapshots = count('heap-snapshot');
  const gc = count('gc-log');
  // A recording whose allocation samples carry times (JFR) is cut into windows: an allocation timeline of its own.
  const recorded = items.some((i) => i.kind === 'allocations' && i.hasSampleTimes === true);
  const tabs: WorkbenchTab[] = [];
  if (heap >= 2 || snapshots >= 2 || recorded) tabs.push('memory');
  if (snapshots >= 1) tabs.push('snapshots');
  if (gc >= 1) tabs.push('gc');
  if (tabs.length > 0) tabs.push('findings');
  return tabs.length > 0 ? ['view', ...tabs] : [];
}

export const TAB_LABELS: Record<WorkbenchTab, string> = {
  view: 'Stacks',
  memory: 'Memory over time',
  snapshots: 'Snapshots',
  gc: 'GC',
  findings: 'Findings',
};
