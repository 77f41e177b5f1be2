/**
 * `kiln import`'s progress display on stderr, fed by getImportJobs like the
 * UI's: on a terminal one line redrawn in place; with --progress and no
 * terminal (a pipe, a log), one line per change.
 */
import type { ImportJob, KilnServices } from '../../shared/ipc/contract';
import { escapeControls } from '../../shared/format/control-chars';
import { formatValue } from '../../shared/format/units';

/** Where the line goes: process.stderr, or a test's stand-in. */
export interface StatusStream {
  isTTY?: boolean;
  /** Terminal width: a line redrawn in place must not wrap, or \r cannot take it back. */
  columns?: number;
  write(text: string): unknown;
}

export type ProgressMode = 'in-place' | 'lines' | 'off';

export const PROGRESS_POLL_MS = 250;

const PHASE_TEXT: Record<ImportJob['phase'], string> = {
  hashing: 'hashing',
  parsing: 'parsing',
  writing: 'writing',
  waiting: 'waiting for the store: another import is writing',
};

/** "deep-go.pb.gz  parsing  12.4 MiB of 25.3 MiB (49%)  150,000 samples" */
export function formatProgress(job: ImportJob, fileLabel: string): string {
  const percent = job.bytesTotal > 0 ? Math.floor((100 * job.bytesRead) / job.bytesTotal) : 0;
  const bytes = `${formatValue(job.bytesRead, 'bytes')} of ${formatValue(job.bytesTotal, 'bytes')} (${percent}%)`;
  const samples = job.samplesDecoded > 0 ? `  ${formatValue(job.samplesDecoded, 'count')} samples` : '';
  return `${fileLabel}  ${PHASE_TEXT[job.phase]}  ${bytes}${samples}`;
}

export function progressMode(stream: StatusStream, quiet: boolean, forced: boolean): ProgressMode {
  if (quiet) return 'off';
  if (stream.isTTY) return 'in-place';
  return forced ? 'lines' : 'off';
}

/**
 * Polls the job until stopped. `label` turns the job's file (an absolute path)
 * back into what the user typed.
 */
export function showImportProgress(
  services: KilnServices,
  jobId: string,
  stream: StatusStream,
  mode: ProgressMode,
  label: (file: string) => string,
): { stop(): void } {
  if (mode === 'off') return { stop: () => {} };
  let shown = '';
  let polling = false;
  const poll = async (): Promise<void> => {
    if (polling) return;
    polling = true;
    try {
      const job = (await services.getImportJobs({})).find((j) => j.jobId === jobId && j.state === 'running');
      if (!job || job.bytesTotal === 0) return;
      // The path is the user's, but a file name may hold control characters: escaped, so \r and \x1b[K keep the line.
      const line = escapeControls(formatProgress(job, label(job.file)));
      if (line === shown) return;
      shown = line;
      stream.write(mode === 'in-place' ? `\r${fitTo(line, stream.columns)}\x1b[K` : `${line}\n`);
    } finally {
      polling = false;
    }
  };
  const timer = setInterval(() => void poll(), PROGRESS_POLL_MS);
  return {
    stop: () => {
      clearInterval(timer);
      // Clear the line so the report that follows starts clean.
      if (mode === 'in-place' && shown !== '') stream.write('\r\x1b[K');
    },
  };
}

/** Keeps the end of a long line (the numbers), cutting the start of the file path. */
function fitTo(line: string, columns: number | undefined): string {
  if (!columns || line.length < columns) return line;
  return `…${line.slice(line.length - columns + 2)}`;
}
