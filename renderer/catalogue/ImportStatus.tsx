/**
 * The import under way: the file, a progress bar (bytes sent, then the
 * backend's phase, bytes read and samples decoded) and Cancel; then the files
 * that failed to import and those whose import was cancelled.
 */
import type { ImportJob, ImportPhase } from '../../shared/ipc/contract';
import { formatValue } from '../../shared/format/units';
import type { UploadProgress } from '../backend/KilnBackend';
import { useImportStore } from './importStore';
import { failureReason } from './importFailureText';

const PHASE_LABELS: Record<ImportPhase, string> = {
  hashing: 'Hashing',
  parsing: 'Parsing',
  writing: 'Writing',
  waiting: 'Waiting for the store: another import is writing',
};

const bytes = (n: number): string => formatValue(n, 'bytes');

/** The job is about the file being sent (a job goes on from file to file; a path names it in full). */
function jobOfFile(job: ImportJob | null, current: UploadProgress | null): ImportJob | null {
  if (!job || job.state !== 'running' || !current || job.bytesTotal === 0) return null;
  const name = job.file.slice(Math.max(job.file.lastIndexOf('/'), job.file.lastIndexOf('\\')) + 1);
  return name === current.fileName ? job : null;
}

function ProgressDetail({ job, current }: { job: ImportJob | null; current: UploadProgress | null }) {
  if (job) {
    return (
      <>
        <progress value={job.bytesRead} max={job.bytesTotal} data-testid="import-progress-bar" />
        <span className="import-progress-text" data-testid="import-progress-text">
          {PHASE_LABELS[job.phase]} · {bytes(job.bytesRead)} of {bytes(job.bytesTotal)}
          {job.samplesDecoded > 0 && ` · ${formatValue(job.samplesDecoded, 'count')} samples`}
        </span>
      </>
    );
  }
  if (current && current.totalBytes !== null && current.totalBytes > 0 && current.loadedBytes < current.totalBytes) {
    return (
      <>
        <progress value={current.loadedBytes} max={current.totalBytes} data-testid="import-progress-bar" />
        <span className="import-progress-text" data-testid="import-progress-text">
          Sending · {bytes(current.loadedBytes)} of {bytes(current.totalBytes)}
        </span>
      </>
    );
  }
  return <span className="spinner" aria-label="working" />;
}

export function ImportStatus() {
  const importing = useImportStore((s) => s.importing);
  const current = useImportStore((s) => s.current);
  const latestJob = useImportStore((s) => s.job);
  const job = jobOfFile(latestJob, current);
  const cancelling = useImportStore((s) => s.cancelling);
  const cancel = useImportStore((s) => s.cancel);
  const errors = useImportStore((s) => s.errors);
  const dismissErrors = useImportStore((s) => s.dismissErrors);
  const cancelled = useImportStore((s) => s.cancelled);
  const dismissCancelled = useImportStore((s) => s.dismissCancelled);

  return (
    <>
      {importing && (
        <div
          className="import-progress"
          data-testid="import-progress"
          role="status"
          data-phase={job?.phase ?? 'sending'}
          data-bytes-read={job?.bytesRead ?? current?.loadedBytes ?? 0}
          data-bytes-total={job?.bytesTotal ?? current?.totalBytes ?? 0}
          data-samples={job?.samplesDecoded ?? 0}
        >
          {current ? (
            <>
              <span>
                Importing <span className="file-name">{current.fileName}</span>
                {current.fileCount > 1 && ` (${current.fileIndex + 1} of ${current.fileCount})`}
              </span>
              <ProgressDetail job={job} current={current} />
            </>
          ) : (
            <span>Importing…</span>
          )}
          <button type="button" data-testid="import-cancel" onClick={cancel} disabled={cancelling}>
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </div>
      )}
      {cancelled.length > 0 && (
        <div className="import-progress" data-testid="import-cancelled" role="status">
          <span>
            {cancelled.length === 1 ? (
              <>
                Import of <span className="file-name">{cancelled[0]}</span> cancelled: nothing of it was stored
              </>
            ) : (
              `Import of ${cancelled.length} files cancelled: nothing of them was stored`
            )}
          </span>
          <button type="button" onClick={dismissCancelled}>
            Dismiss
          </button>
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
                <span className="file-name">{failure.file}</span>: {failureReason(failure)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
