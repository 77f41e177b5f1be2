/** The page: header with Open…, import status, the catalogue, and the selected item. */
import { useEffect } from 'react';
import { useBackend } from '../backend/BackendContext';
import { CatalogueSearch } from '../catalogue/CatalogueSearch';
import { CatalogueTable } from '../catalogue/CatalogueTable';
import { DropZone } from '../catalogue/DropZone';
import { ImportStatus } from '../catalogue/ImportStatus';
import { OpenButton } from '../catalogue/OpenButton';
import { SelectedItemView } from './SelectedItemView';
import { Timeline } from '../timeline/Timeline';
import { useCatalogueStore } from '../catalogue/catalogueStore';

export function App() {
  const backend = useBackend();
  const refresh = useCatalogueStore((s) => s.refresh);

  useEffect(() => {
    void refresh(backend);
  }, [backend, refresh]);

  return (
    <DropZone>
      <header className="app-header">
        <h1>Kiln</h1>
        <span className="app-tagline">Profiles, GC logs and heap snapshots</span>
        <span className="toolbar-spacer" />
        <OpenButton />
      </header>
      <main className="app-main">
        <ImportStatus />
        <Timeline />
        <CatalogueSearch />
        <CatalogueTable />
        <SelectedItemView />
      </main>
    </DropZone>
  );
}
