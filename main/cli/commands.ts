/** The CLI commands over the service contract (the same services the app and `kiln serve` use). */
import { serviceSelection } from '../../shared/capture/selection';
import { resolve } from 'node:path';
import type { ImportedProfile, ImportTags, KilnServices, ItemSummary } from '../../shared/ipc/contract';
import { ContractError, validateArgs } from '../../shared/ipc/validate';
import { escapeControls, jsonWithoutControls } from '../../shared/format/control-chars';
import { formatValue } from '../../shared/format/units';
import { CANCELLED_MESSAGE } from '../ingest/import-files';
import { progressMode, showImportProgress, type StatusStream } from './import-progress';
import { formatTable, type Output } from './output';
import { UsageError } from './usage';

export interface ImportOptions {
  /** No progress line. */
  quiet?: boolean;
  /** A progress line even when stderr is not a terminal (one line per change). */
  progress?: boolean;
  /** Where the progress line goes (process.stderr). */
  status?: StatusStream;
  /** Ctrl-C: calls the handler on SIGINT; returns how to stop listening. */
  onInterrupt?: (handler: () => void) => () => void;
  /** --service and --label: the service and labels of every item imported (import-tags.ts). */
  tags?: ImportTags | undefined;
}

/** Exit status of a command stopped by Ctrl-C (128 + SIGINT), as shells report it. */
export const EXIT_INTERRUPTED = 130;

export async function importCommand(
  services: KilnServices,
  files: string[],
  json: boolean,
  io: Output,
  options: ImportOptions = {},
): Promise<number> {
  if (files.length === 0) throw new UsageError('import needs at least one FILE');
  const jobId = `cli-${process.pid}`;
  const args = usageChecked(() =>
    validateArgs('importPaths', {
      paths: files.map((f) => resolve(f)),
      jobId,
      ...(options.tags === undefined ? {} : { tags: options.tags }),
    }),
  );
  // Report the paths as the user typed them.
  const typed = new Map(files.map((f) => [resolve(f), f]));
  const status = options.status ?? process.stderr;
  const mode = json ? 'off' : progressMode(status, options.quiet ?? false, options.progress ?? false);
  const progress = showImportProgress(services, jobId, status, mode, (file) => typed.get(file) ?? file);
  // The first Ctrl-C cancels the import (it rolls back and the store stays as it was); a second one quits at once.
  let interrupted = false;
  const stopListening = (options.onInterrupt ?? onSigint)(() => {
    if (interrupted) process.exit(EXIT_INTERRUPTED);
    interrupted = true;
    void services.cancelImport({ jobId });
  });
  let report;
  try {
    report = await services.importPaths(args);
  } finally {
    stopListening();
    progress.stop();
  }
  report.imported.forEach((item) => (item.file = typed.get(item.file) ?? item.file));
  report.errors.forEach((item) => {
    const original = typed.get(item.file);
    if (original) item.message = item.message.replace(item.file, original);
    item.file = original ?? item.file;
  });
  if (json) {
    io.out(
      jsonWithoutControls({
        imported: report.imported.map(({ id, file, item, format, kind, sampleTypes, totals }) => ({
          id,
          file,
          ...(item === null ? {} : { item }),
          format,
          kind,
          sampleTypes,
          totals,
        })),
        errors: report.errors,
      }),
    );
  } else {
    for (const item of report.imported) {
      const what = item.item === null ? item.file : `${item.file} (${item.item})`;
      // File, item and sample type names come from the user's paths and the file: escaped, as in every table.
      io.out(
        escapeControls(
          `${item.duplicate ? 'already imported' : 'imported'} ${what} as #${item.id} (${item.format}, ${item.kind}) ${describeTotals(item)}`,
        ),
      );
    }
    for (const error of report.errors) {
      const message = escapeControls(error.message);
      io.err(error.message.endsWith(`: ${CANCELLED_MESSAGE}`) ? message : `error: ${message}`);
    }
  }
  if (interrupted) return EXIT_INTERRUPTED;
  return report.errors.length > 0 ? 1 : 0;
}

/** A contract refusal of what the user typed (a service name too long, a label with control characters) is a usage error. */
function usageChecked<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof ContractError) throw new UsageError(error.message.replace(/^\w+: /, ''));
    throw error;
  }
}

function onSigint(handler: () => void): () => void {
  process.on('SIGINT', handler);
  return () => process.off('SIGINT', handler);
}

/** `service`: only that service's items (looked up by service, not by reading the catalogue). */
export async function lsCommand(
  services: KilnServices,
  json: boolean,
  io: Output,
  service?: string | undefined,
): Promise<number> {
  const args =
    service === undefined
      ? {}
      : usageChecked(() => validateArgs('listItems', { selection: serviceSelection(service) }));
  const profiles = await services.listItems(args);
  if (json) {
    io.out(jsonWithoutControls(profiles));
    return 0;
  }
  if (profiles.length === 0) {
    io.out(
      service === undefined
        ? 'No profiles yet: kiln import FILE...'
        : `No items of service ${JSON.stringify(service)}.`,
    );
    return 0;
  }
  const rows = profiles.map((p) => [
    String(p.id),
    p.name,
    p.service ?? '',
    p.format,
    p.kind,
    capturedText(p),
    p.durationNs === null ? '' : formatValue(p.durationNs, 'nanoseconds'),
    p.sampleTypes.map((t) => `${t.type}/${t.unit}`).join(', '),
    defaultTotal(p),
  ]);
  io.out(
    formatTable(
      ['ID', 'NAME', 'SERVICE', 'FORMAT', 'KIND', 'CAPTURED', 'DURATION', 'SAMPLE TYPES', 'TOTAL'],
      rows,
      new Set([0, 8]),
    ),
  );
  return 0;
}

/** The start as ISO 8601, marked when it is not the file's own: "(estimated)" from the file's time, "(set)" by the user. */
function capturedText(p: ItemSummary): string {
  if (p.capturedAtMs === null) return '';
  const iso = new Date(p.capturedAtMs).toISOString();
  return p.timeSource === 'estimated' ? `${iso} (estimated)` : p.timeSource === 'user' ? `${iso} (set)` : iso;
}

/** Totals in words: per sample type for profiles, events and pause for GC logs, size for heap snapshots. */
function describeTotals(item: ImportedProfile): string {
  const { totals } = item;
  if (Array.isArray(totals)) {
    return item.sampleTypes.map((t, i) => `${t.type}=${formatValue(totals[i] ?? 0, t.unit)}`).join(' ');
  }
  if ('gcEvents' in totals) {
    return `gcEvents=${totals.gcEvents} totalPause=${formatValue(totals.totalPauseMs * 1e6, 'nanoseconds')}`;
  }
  return `nodes=${totals.nodes} edges=${totals.edges} selfSize=${formatValue(totals.selfSize, 'bytes')}`;
}

function defaultTotal(p: ItemSummary): string {
  const t = p.sampleTypes[p.defaultSampleType];
  return t ? formatValue(p.totals[p.defaultSampleType] ?? 0, t.unit) : '';
}
