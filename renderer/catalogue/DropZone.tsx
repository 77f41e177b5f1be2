/**
 * Covers the whole window: files dropped anywhere are imported (after the import dialog). The highlight
 * shows only for drags that carry files, and a counter keeps it steady while the
 * pointer crosses child elements (each fires its own enter/leave).
 */
import { useEffect, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useImportDialogStore } from '../tags/importDialogStore';

const carriesFiles = (event: DragEvent): boolean => event.dataTransfer.types.includes('Files');

export function DropZone({ children }: { children: ReactNode }) {
  const askImport = useImportDialogStore((s) => s.ask);
  const [dragging, setDragging] = useState(false);
  const depth = useRef(0);

  useEffect(() => {
    // A file dropped beside the zone must not make the browser (or Electron) navigate to it.
    const preventNavigation = (event: Event): void => event.preventDefault();
    window.addEventListener('dragover', preventNavigation);
    window.addEventListener('drop', preventNavigation);
    return () => {
      window.removeEventListener('dragover', preventNavigation);
      window.removeEventListener('drop', preventNavigation);
    };
  }, []);

  return (
    <div
      className={dragging ? 'drop-zone dragging' : 'drop-zone'}
      data-testid="drop-zone"
      onDragEnter={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        depth.current++;
        setDragging(true);
      }}
      onDragOver={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(event) => {
        if (!carriesFiles(event)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setDragging(false);
      }}
      onDrop={(event) => {
        event.preventDefault();
        depth.current = 0;
        setDragging(false);
        // The import dialog asks for a service and labels first (Enter imports as the files say).
        askImport(Array.from(event.dataTransfer.files));
      }}
    >
      {children}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop profiles to import
        </div>
      )}
    </div>
  );
}
