/**
 * A small modal form for a service and labels (KEY=VALUE, one per line): the import dialog and the sidebar's
 * "Edit tags" both use it. Enter in the service field submits; Esc or Cancel closes without doing anything.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ImportTags } from '../../shared/ipc/contract';
import { parseTagsForm } from './tagsForm';

export interface TagsDialogProps {
  title: string;
  /** One line under the title: what the tags go to. */
  subject: string;
  initialService: string;
  initialLabels: string;
  /** Services the field suggests. */
  knownServices: readonly string[];
  labelsHint: string;
  submitText: string;
  testId: string;
  /** Rejecting keeps the dialog open with the message. */
  onSubmit(tags: ImportTags | undefined): Promise<void> | void;
  onCancel(): void;
}

export function TagsDialog(props: TagsDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const serviceInput = useRef<HTMLInputElement>(null);
  const [service, setService] = useState(props.initialService);
  const [labels, setLabels] = useState(props.initialLabels);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = useId();

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    serviceInput.current?.select();
  }, []);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const parsed = parseTagsForm(service, labels);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setBusy(true);
    try {
      await props.onSubmit(parsed.tags);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      className="tags-dialog"
      data-testid={props.testId}
      aria-labelledby={`${ids}-title`}
      onCancel={(event) => {
        event.preventDefault();
        props.onCancel();
      }}
    >
      <form onSubmit={(event) => void submit(event)}>
        <h2 id={`${ids}-title`}>{props.title}</h2>
        <p className="tags-dialog-subject">{props.subject}</p>
        <label htmlFor={`${ids}-service`}>Service</label>
        <input
          ref={serviceInput}
          id={`${ids}-service`}
          data-testid="tags-service"
          list={`${ids}-services`}
          value={service}
          placeholder="as the files say"
          autoComplete="off"
          onChange={(event) => setService(event.target.value)}
        />
        <datalist id={`${ids}-services`}>
          {props.knownServices.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <label htmlFor={`${ids}-labels`}>Labels</label>
        <textarea
          id={`${ids}-labels`}
          data-testid="tags-labels"
          rows={3}
          value={labels}
          placeholder="version=2"
          spellCheck={false}
          onChange={(event) => setLabels(event.target.value)}
        />
        <p className="tags-dialog-hint">{props.labelsHint}</p>
        {error !== null && (
          <p className="error-text" role="alert" data-testid="tags-error">
            {error}
          </p>
        )}
        <div className="tags-dialog-buttons">
          <button type="button" data-testid="tags-cancel" onClick={props.onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" data-testid="tags-submit" disabled={busy}>
            {props.submitText}
          </button>
        </div>
      </form>
    </dialog>
  );
}
