/** "Open…": the file chooser, for importing without drag and drop. */
import { useRef } from 'react';
import { importFiles } from './importFiles';
import { useBackend } from '../backend/BackendContext';

export function OpenButton() {
  const backend = useBackend();
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
          void importFiles(backend, files);
        }}
      />
    </>
  );
}
