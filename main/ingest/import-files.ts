/**
 * Imports files into the store, one after another: each is read, hashed,
 * parsed and written by the ingest runner (the worker thread, off this one),
 * under a job that getImportJobs reports and cancelImport stops. One file's
 * failure is reported with its name and reason; the others go on. A cancelled
 * job reports "<file>: import cancelled" for the file under way and the rest.
 */
import { basename } from 'node:path';
import type { ImportedProfile, ImportJob, ImportReport, ImportTags } from '../../shared/ipc/contract';
import type { ProfileStore } from '../store/profile-store';
import type { ByteInput } from './byte-source';
import { importErrorMessage } from './import-message';
import { ImportJobs, type JobHandle } from './import-jobs';
import { IngestFailure, type IngestRunner } from './ingest-runner';

/**
 * A file given by name and content rather than by a path the user chose: its bytes in memory (the Electron
 * shell's importUpload), or a temporary file holding them (an upload `kiln serve` streamed to disk).
 */
export type ImportInput = {
  /** File name shown to the user (no directories). */
  name: string;
  /** Provenance recorded with the profile: a path, or "upload:<name>". */
  source: string;
  /** The file's modification time as the page or drop reported it (File.lastModified), when it did. */
  modifiedAtMs?: number;
  /** The user's service and labels for every item of the file (contract.ts ImportTags). */
  tags?: ImportTags;
} & ({ bytes: Uint8Array } | { tempPath: string });

export interface Importer {
  importInputs(inputs: ImportInput[], jobId?: string): Promise<ImportReport>;
  /** `tags`: the user's service and labels for every item of these files. */
  importPaths(paths: string[], jobId?: string, tags?: ImportTags): Promise<ImportReport>;
  listJobs(): ImportJob[];
  cancel(jobId: string): boolean;
}

/** What a file is called in reports (a path as given, or an upload's name), and how it is read. */
interface FileToImport {
  file: string;
  name: string;
  source: string;
  input: ByteInput;
  modifiedAtMs?: number | null;
  tags?: ImportTags | undefined;
}

export const CANCELLED_MESSAGE = 'import cancelled';

export function createImporter(store: ProfileStore, runner: IngestRunner): Importer {
  const jobs = new ImportJobs();
  const importOne = async (job: JobHandle, target: FileToImport, report: ImportReport): Promise<void> => {
    job.startFile(target.file);
    try {
      if (job.isCancelled()) throw new IngestFailure(CANCELLED_MESSAGE, true);
      const { ids, duplicate } = await runner.run(
        {
          name: target.name,
          source: target.source,
          input: target.input,
          ...(target.modifiedAtMs === undefined ? {} : { modifiedAtMs: target.modifiedAtMs }),
          ...(target.tags === undefined ? {} : { tags: target.tags }),
        },
        { cancelFlag: job.cancelFlag, signal: job.signal, onProgress: job.progress },
      );
      report.imported.push(...describe(store, ids, target.file, duplicate));
    } catch (error) {
      const cancelled = error instanceof IngestFailure && error.cancelled;
      const message = cancelled ? `${target.file}: ${CANCELLED_MESSAGE}` : importErrorMessage(target.file, error);
      report.errors.push({ file: target.file, message });
    }
  };

  const importAll = async (targets: FileToImport[], jobId: string | undefined): Promise<ImportReport> => {
    const report: ImportReport = { imported: [], errors: [] };
    const job = jobs.begin(jobId, targets[0]?.file ?? '');
    try {
      for (const target of targets) await importOne(job, target, report);
    } finally {
      job.finish(job.isCancelled() ? 'cancelled' : report.errors.length > 0 ? 'failed' : 'done');
    }
    return report;
  };

  return {
    importInputs: (inputs, jobId) =>
      importAll(
        inputs.map((input) => ({
          file: input.name,
          name: input.name,
          source: input.source,
          input: 'bytes' in input ? { kind: 'bytes', bytes: input.bytes } : { kind: 'path', path: input.tempPath },
          // A temporary copy's own time is the upload's: without the page's lastModified the time is unknown.
          modifiedAtMs: input.modifiedAtMs ?? null,
          tags: input.tags,
        })),
        jobId,
      ),
    importPaths: (paths, jobId, tags) =>
      importAll(
        paths.map((path) => ({ file: path, name: basename(path), source: path, input: { kind: 'path', path }, tags })),
        jobId,
      ),
    listJobs: () => jobs.list(),
    cancel: (jobId) => jobs.cancel(jobId),
  };
}

/** One report line per stored item, with the totals `kiln import --json` prints. */
function describe(store: ProfileStore, ids: number[], file: string, duplicate: boolean): ImportedProfile[] {
  return ids.flatMap((id) => {
    const item = store.getProfile(id);
    if (!item) return [];
    return [
      {
        id,
        file,
        item: item.item,
        format: item.format,
        kind: item.kind,
        sampleTypes: item.sampleTypes,
        totals: item.gc ?? item.heap ?? item.totals,
        duplicate,
      },
    ];
  });
}
