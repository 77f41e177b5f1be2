/**
 * What the item heading says about the capture: its service (its labels on hover), its start, and, where the file
 * states no start, a form to set it (setCaptureStart moves every such item of the same file by the same amount).
 */
import { useState, type FormEvent } from 'react';
import type { ItemSummary } from '../../shared/ipc/contract';
import { useBackend } from '../backend/BackendContext';
import { errorMessage } from '../backend/KilnBackend';
import { CaptureStart } from './CaptureStart';
import { canSetStart, dateTimeLocalValue, parseDateTimeLocal, serviceTitle } from './captureText';
import { useCatalogueStore } from './catalogueStore';

export function CaptureFacts({ item }: { item: ItemSummary }) {
  const [editing, setEditing] = useState(false);
  return (
    <span className="capture-facts" data-testid="capture-facts">
      {(item.service !== null || Object.keys(item.labels).length > 0) && (
        <span
          className={item.service === null ? 'item-service muted' : 'item-service'}
          data-testid="item-service"
          title={serviceTitle(item)}
        >
          {item.service ?? 'no service'}
        </span>
      )}
      <CaptureStart capture={item} />
      {canSetStart(item) &&
        (editing ? (
          <StartForm key={item.id} item={item} onDone={() => setEditing(false)} />
        ) : (
          <button type="button" className="link-button" data-testid="set-start" onClick={() => setEditing(true)}>
            Set start…
          </button>
        ))}
    </span>
  );
}

function StartForm({ item, onDone }: { item: ItemSummary; onDone(): void }) {
  const backend = useBackend();
  const [value, setValue] = useState(() => dateTimeLocalValue(item.capturedAtMs ?? Date.now()));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const startMs = parseDateTimeLocal(value);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (startMs === null) return;
    setBusy(true);
    try {
      await backend.setCaptureStart({ itemId: item.id, startMs });
      await useCatalogueStore.getState().refresh(backend);
      onDone();
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };

  return (
    <form className="start-form" onSubmit={(event) => void submit(event)}>
      <input
        type="datetime-local"
        step={1}
        aria-label="Start of the capture (local time)"
        data-testid="start-input"
        value={value}
        onChange={(event) => setValue(event.target.value)}
      />
      <button type="submit" data-testid="start-apply" disabled={busy || startMs === null}>
        Set
      </button>
      <button type="button" onClick={onDone} disabled={busy}>
        Cancel
      </button>
      {error !== null && (
        <span className="error-text" role="alert" data-testid="start-error">
          {error}
        </span>
      )}
    </form>
  );
}
