/**
 * The memory and GC workbench (issue 13): tabs under the window header for what the selection holds — its own view
 * (stacks, a GC log, a snapshot), memory over time, snapshots compared, GC per window, findings. A selection that
 * holds none of these shows its view alone, as before.
 */
import type { ReactNode } from 'react';
import type { Selection } from '../../shared/capture/selection';
import type { ItemSummary } from '../../shared/ipc/contract';
import { FindingsPanel } from './FindingsPanel';
import { GcWindowsPanel } from './GcWindowsPanel';
import { MemoryOverTime } from './MemoryOverTime';
import { SnapshotsCompared } from './SnapshotsCompared';
import { useWorkbenchStore, type WorkbenchTab } from './workbenchStore';
import { TAB_LABELS, workbenchTabs } from './workbenchTabs';
import './Workbench.css';

export function Workbench({
  selection,
  items,
  children,
}: {
  selection: Selection;
  items: readonly ItemSummary[];
  /** The selection's own view. */
  children: ReactNode;
}) {
  const chosen = useWorkbenchStore((s) => s.tab);
  const setTab = useWorkbenchStore((s) => s.setTab);
  const tabs = workbenchTabs(items);
  if (tabs.length === 0) return <>{children}</>;
  const tab: WorkbenchTab = tabs.includes(chosen) ? chosen : 'view';
  return (
    <>
      <div className="workbench-tabs" role="tablist" aria-label="Workbench" data-testid="workbench-tabs">
        {tabs.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={t === tab}
            className={t === tab ? 'workbench-tab selected' : 'workbench-tab'}
            data-testid={`workbench-tab-${t}`}
            onClick={() => setTab(t)}
          >
            {TAB_LABELS[t]}
          </button>
        ))}
      </div>
      <div role="tabpanel" data-testid={`workbench-panel-${tab}`}>
        {tab === 'view' && children}
        {tab === 'memory' && <MemoryOverTime selection={selection} items={items} />}
        {tab === 'snapshots' && <SnapshotsCompared selection={selection} items={items} />}
        {tab === 'gc' && <GcWindowsPanel selection={selection} items={items} />}
        {tab === 'findings' && <FindingsPanel selection={selection} items={items} />}
      </div>
    </>
  );
}
