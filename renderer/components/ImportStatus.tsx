/** The import under way (file name, bytes sent or a spinner) and the files that failed to import. */
import { useImportStore } from '../state/importStore';

export function ImportStatus() {
  const importing = useImportStore((s) => s.importing);
  const current = useImportStore((s) => s.current);
  const errors = useImportStore((s) => s.errors);
  const dismissErrors = useImportStore((s) => s.dismissErrors);

  return (
    <>
      {importing && (
        <div className="import-progress" data-testid="import-progress" role="status">
          {current ? (
            <>
              <span>
                Importing <span className="file-name">{current.fileName}</span>
                {current.fileCount > 1 && ` (${current.fileIndex + 1} of ${current.fileCount})`}
              </span>
              {current.totalBytes !== null && current.totalBytes > 0 && current.loadedBytes < current.totalBytes ? (
                <progress value={current.loadedBytes} max={current.totalBytes} />
              ) : (
                <span className="spinner" aria-label="working" />
              )}
            </>
          ) : (
            <span>Importing…</span>
          )}
        </div>
      )}
      {errors.length > 0 && (
        <div className="import-errors" data-testid="import-errors" role="alert">
          <div className="import-errors-heading">
            <strong>
              {errors.length === 1 ? 'A file could not be imported' : `${errors.length} files could not be imported`}
            </strong>
            <button type="button" onClick={dismissErrors}>
              Dismiss
            </button>
          </div>
          <ul>
            {errors.map((failure, index) => (
              <li key={index}>
                <span className="file-name">{failure.file}</span>: {failure.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
