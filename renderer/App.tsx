/** The page: header with Open…, import status, the catalogue, and the selected item. */
import { useEffect } from 'react';
import { useBackend } from './backend/BackendContext';
import { CatalogueSearch } from './components/CatalogueSearch';
import { CatalogueTable } from './components/CatalogueTable';
import { DropZone } from './components/DropZone';
import { ImportStatus } from './components/ImportStatus';
import { OpenButton } from './components/OpenButton';
import { SelectedItemView } from './components/SelectedItemView';
import { useCatalogueStore } from './state/catalogueStore';

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
        <CatalogueSearch />
        <CatalogueTable />
        <SelectedItemView />
      </main>
    </DropZone>
  );
}
