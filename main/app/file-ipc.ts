/**
 * The IPC side of files the user chose: the fileHandle channel (a path the preload resolved → a handle) and
 * importHandles (handles → an import). What goes back to the renderer names a file by its base name only, never
 * its full path: the report, the messages and the import jobs.
 */
import { basename } from 'node:path';
import type { ImportJob, ImportReport, KilnMethod, KilnServices, ResultOf } from '../../shared/ipc/contract';
import { validateFilePath, validateImportHandles } from '../../shared/ipc/validate';
import type { FileHandleRegistry } from './file-handles';

/** A channel's work once its sender is trusted; the sender's web contents owns the handles. */
type FileCall = (raw: unknown, sender: { webContentsId: number }) => Promise<unknown>;

/** `text` with every one of `paths` replaced by its base name (longest first, so no path is half replaced). */
export function withBaseNames(text: string, paths: readonly string[]): string {
  const longestFirst = [...new Set(paths)].sort((a, b) => b.length - a.length);
  return longestFirst.reduce((out, path) => out.split(path).join(basename(path)), text);
}

/** An import report as the renderer gets it: files by base name, in the entries and in the messages. */
export function reportForRenderer(report: ImportReport, paths: readonly string[]): ImportReport {
  return {
    imported: report.imported.map((item) => ({ ...item, file: basename(item.file) })),
    errors: report.errors.map((failure) => ({
      file: basename(failure.file),
      message: withBaseNames(failure.message, paths),
    })),
  };
}

/** A method's result as it crosses to the renderer: import jobs name their file by base name (no paths). */
export function forRenderer<M extends KilnMethod>(method: M, value: ResultOf<M>): ResultOf<M> {
  if (method !== 'getImportJobs') return value;
  const jobs = value as ImportJob[];
  return jobs.map((job) => ({ ...job, file: basename(job.file) })) as ResultOf<M>;
}

export function fileHandleCall(registry: FileHandleRegistry): FileCall {
  return async (raw, sender) => registry.register(sender.webContentsId, validateFilePath(raw).path);
}

export function importHandlesCall(services: KilnServices, registry: FileHandleRegistry): FileCall {
  return async (raw, sender) => {
    const { handles, jobId, tags } = validateImportHandles(raw);
    const paths = registry.take(sender.webContentsId, handles);
    try {
      const report = await services.importPaths({
        paths,
        ...(jobId === undefined ? {} : { jobId }),
        ...(tags === undefined ? {} : { tags }),
      });
      return reportForRenderer(report, paths);
    } catch (error) {
      // A failure of the whole call (not one file's) may quote a path too.
      const message = error instanceof Error ? error.message : String(error);
      throw Object.assign(new Error(withBaseNames(message, paths)), { cause: error });
    }
  };
}
