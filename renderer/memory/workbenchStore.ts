/**
 * Which part of the memory and GC workbench shows under the window header (issue 13): the selection's own view
 * (stacks, a GC log, a heap snapshot), memory over time, snapshots compared, GC per window, or the findings — and
 * what a finding's link asked it to point at (a function, a class, an instant).
 */
import { create } from 'zustand';
import type { FindingView } from '../../shared/ipc/memory-contract';

export type WorkbenchTab = 'view' | 'memory' | 'snapshots' | 'gc' | 'findings';

export const WORKBENCH_TABS: readonly WorkbenchTab[] = ['view', 'memory', 'snapshots', 'gc', 'findings'];

/** What a tab opened from a finding highlights. */
export interface WorkbenchFocus {
  function?: string;
  class?: string;
  atMs?: number;
}

interface WorkbenchState {
  tab: WorkbenchTab;
  focus: WorkbenchFocus;
  setTab(tab: WorkbenchTab): void;
  /** Highlights a function (memory over time) or a class (snapshots) in the tab showing it. */
  setFocus(focus: WorkbenchFocus): void;
  /** Opens the tab a finding links to, pointing at its subject. A comparison link is the stacks view's (CompareBar). */
  openFinding(link: FindingView): void;
}

export const useWorkbenchStore = create<WorkbenchState>((set) => ({
  tab: 'view',
  focus: {},
  setTab: (tab) => set({ tab }),
  setFocus: (focus) => set({ focus }),
  openFinding: (link) => {
    switch (link.view) {
      case 'leaks':
        return set({ tab: 'memory', focus: { function: link.function } });
      case 'heap-diff':
        return set({ tab: 'snapshots', focus: { class: link.class } });
      case 'gc':
        return set({ tab: 'gc', focus: { atMs: link.atMs } });
      case 'comparison':
        return set({ tab: 'view', focus: { function: link.function } });
    }
  },
}));
