/**
 * "Import annotations…": reads a CSV or JSON file of `time,label` (a deploy log) the user picks, in the page, and
 * imports it for the service chosen beside the button; rows that name their own service keep it.
 */
import { useRef, useState } from 'react';
import { NO_SERVICE } from '../../shared/ipc/contract';
import { useBackend } from '../backend/BackendContext';

interface Props {
  services: readonly string[];
  onImported(): Promise<void>;
}

export function ImportAnnotations({ services, onImported }: Props) {
  const backend = useBackend();
  const input = useRef<HTMLInputElement>(null);
  const named = services.filter((s) => s !== NO_SERVICE);
  const [chosen, setChosen] = useState<string>('');
  const service = named.includes(chosen) ? chosen : (named[0] ?? '');
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);

  const onFile = async (file: File): Promise<void> => {
    try {
      const text = await file.text();
      const { imported } = await backend.importAnnotations({
        fileName: file.name,
        text,
        ...(service !== '' ? { service } : {}),
      });
      await onImported();
      setStatus({ text: `${imported} imported`, error: false });
    } catch (cause) {
      setStatus({ text: cause instanceof Error ? cause.message : String(cause), error: true });
    }
  };

  return (
    <span className="annotation-import">
      {named.length > 0 && (
        <select
          aria-label="Service for annotations that name none"
          data-testid="annotation-import-service"
          value={service}
          onChange={(event) => setChosen(event.target.value)}
        >
          {named.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      )}
      <button
        type="button"
        data-testid="annotation-import"
        title="Import annotations from a CSV or JSON file of time,label"
        onClick={() => input.current?.click()}
      >
        Import annotations…
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept=".csv,.json,.txt,text/csv,application/json"
        data-testid="annotation-import-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void onFile(file);
        }}
      />
      {status && (
        <span
          className={status.error ? 'annotation-import-status marker-form-error' : 'annotation-import-status'}
          data-testid="annotation-import-status"
          role={status.error ? 'alert' : 'status'}
          title={status.text}
        >
          {status.text}
        </span>
      )}
    </span>
  );
}
