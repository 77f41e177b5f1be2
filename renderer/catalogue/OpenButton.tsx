/** "Open…": the file chooser, for importing without drag and drop. */
import { useRef } from 'react';
import { useImportDialogStore } from '../tags/importDialogStore';

export function OpenButton() {
  const askImport = useImportDialogStore((s) => s.ask);
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="primary" data-testid="open-button" onClick={() => input.current?.click()}>
        Open…
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        data-testid="open-input"
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          // Cleared so that choosing the same file again fires change again.
          event.target.value = '';
          askImport(files);
        }}
      />
    </>
  );
}
