/**
 * The page: a header (Open…), the sidebar of services and captures on the left, and the main area: import status,
 * the timeline at the top, the selected captures' views below it, and the catalogue table (with the function search)
 * after them ("Table" in the header jumps to it). The shell is the window's height; the sidebar and the main area
 * scroll each on their own, so the header, the timeline and the flame graph fit one 1400×900 screen.
 */
import { useEffect, useRef, useState } from 'react';
import { useBackend } from '../backend/BackendContext';
import { CatalogueSearch } from '../catalogue/CatalogueSearch';
import { CatalogueTable } from '../catalogue/CatalogueTable';
import { DropZone } from '../catalogue/DropZone';
import { ImportStatus } from '../catalogue/ImportStatus';
import { OpenButton } from '../catalogue/OpenButton';
import { SelectedItemView } from './SelectedItemView';
import { Timeline } from '../timeline/Timeline';
import { useCatalogueStore } from '../catalogue/catalogueStore';
import { Sidebar } from '../sidebar/Sidebar';
import { ImportTagsDialog } from '../tags/ImportTagsDialog';
import { timelineAnswered } from '../timeline/timelineFirstAnswers';

const SIDEBAR_KEY = 'kiln.sidebarCollapsed';

function storedCollapsed(): boolean {
  try {
    return localStorage.getItem(SIDEBAR_KEY) === '1';
  } catch {
    return false;
  }
}

export function App() {
  const backend = useBackend();
  const refresh = useCatalogueStore((s) => s.refresh);
  const [collapsed, setCollapsed] = useState(storedCollapsed);
  const table = useRef<HTMLElement>(null);

  useEffect(() => {
    // The timeline's first answers go first (timelineFirstAnswers.ts); 2 s at most, should one never come. Then
    // the frame that shows them: the catalogue's loading state renders after it, not in between.
    let current = true;
    void timelineAnswered(2_000).then(() =>
      requestAnimationFrame(() =>
        setTimeout(() => {
          if (current) void refresh(backend);
        }),
      ),
    );
    return () => {
      current = false;
    };
  }, [backend, refresh]);

  const toggleSidebar = (): void => {
    setCollapsed((was) => {
      try {
        localStorage.setItem(SIDEBAR_KEY, was ? '0' : '1');
      } catch {
        // Not remembered without storage.
      }
      return !was;
    });
  };

  return (
    <DropZone>
      <div className={collapsed ? 'app-shell sidebar-collapsed' : 'app-shell'}>
        <header className="app-header">
          <h1>Kiln</h1>
          <span className="app-tagline">Profiles, GC logs and heap snapshots</span>
          <span className="toolbar-spacer" />
          <button
            type="button"
            data-testid="show-table"
            title="The table of every capture, with the function search"
            onClick={() => {
              table.current?.scrollIntoView({ block: 'start' });
              table.current?.querySelector<HTMLElement>('input, [data-testid="catalogue-row"]')?.focus();
            }}
          >
            Table
          </button>
          <OpenButton />
        </header>
        <Sidebar collapsed={collapsed} onToggle={toggleSidebar} />
        <main className="app-main" data-testid="app-main">
          <ImportStatus />
          <Timeline />
          <SelectedItemView />
          <section className="catalogue-section" ref={table} aria-label="All captures" data-testid="catalogue-section">
            <CatalogueSearch />
            <CatalogueTable />
          </section>
        </main>
      </div>
      <ImportTagsDialog />
    </DropZone>
  );
}
