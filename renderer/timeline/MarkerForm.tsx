/**
 * The small form that adds an annotation at a clicked time, or edits or deletes one: a label and a local time
 * (prefilled, editable, milliseconds kept). Text fields only; nothing here renders HTML.
 */
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { formatLocalDateTime } from '../app/formatDate';
import { parseLocalTime } from './timeText';

export interface MarkerFormTarget {
  service: string;
  atMs: number;
  clientX: number;
  clientY: number;
  /** Set when editing a stored annotation. */
  edit?: { id: number; label: string };
}

interface Props {
  target: MarkerFormTarget;
  onSave(values: { atMs: number; label: string }): Promise<void>;
  onDelete?(): Promise<void>;
  onClose(): void;
}

const WIDTH_PX = 300;

export function MarkerForm({ target, onSave, onDelete, onClose }: Props) {
  const [label, setLabel] = useState(target.edit?.label ?? '');
  const [time, setTime] = useState(formatLocalDateTime(target.atMs, true));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<void>): Promise<void> => {
    setBusy(true);
    try {
      await action();
      onClose();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const atMs = parseLocalTime(time);
    if (atMs === null) return setError('Time: write it as 2026-11-24 10:00:02.250 (local)');
    if (label.trim() === '') return setError('Write a label');
    void run(() => onSave({ atMs, label: label.trim() }));
  };
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
    }
  };

  const left = Math.max(4, Math.min(target.clientX - WIDTH_PX / 2, window.innerWidth - WIDTH_PX - 4));
  return (
    <form
      className="marker-form"
      data-testid="marker-form"
      aria-label={target.edit ? 'Edit annotation' : 'Add annotation'}
      style={{ left, top: target.clientY + 12, width: WIDTH_PX }}
      onSubmit={submit}
      onKeyDown={onKeyDown}
    >
      <div className="marker-form-title">
        {target.edit ? 'Edit annotation' : 'Add annotation'} · {target.service}
      </div>
      <label>
        Label
        <input
          data-testid="marker-form-label"
          value={label}
          maxLength={1000}
          autoFocus
          onChange={(event) => setLabel(event.target.value)}
        />
      </label>
      <label>
        Time
        <input
          data-testid="marker-form-time"
          value={time}
          spellCheck={false}
          onChange={(event) => setTime(event.target.value)}
        />
      </label>
      {error !== null && (
        <div className="marker-form-error" role="alert">
          {error}
        </div>
      )}
      <div className="marker-form-buttons">
        {onDelete && (
          <button type="button" data-testid="marker-form-delete" disabled={busy} onClick={() => void run(onDelete)}>
            Delete
          </button>
        )}
        <span className="toolbar-spacer" />
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" data-testid="marker-form-save" disabled={busy}>
          {target.edit ? 'Save' : 'Add'}
        </button>
      </div>
    </form>
  );
}
