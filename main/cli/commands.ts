/** The CLI commands over the service contract (the same services the app and `kiln serve` use). */
import { resolve } from 'node:path';
import type { ImportedProfile, KilnServices, ProfileSummary } from '../../shared/ipc/contract';
import { validateArgs } from '../../shared/ipc/validate';
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
  const args = validateArgs('importPaths', { paths: files.map((f) => resolve(f)), jobId });
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
      JSON.stringify({
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
      io.out(
        `${item.duplicate ? 'already imported' : 'imported'} ${what} as #${item.id} (${item.format}, ${item.kind}) ${describeTotals(item)}`,
      );
    }
    for (const error of report.errors) {
      io.err(error.message.endsWith(`: ${CANCELLED_MESSAGE}`) ? error.message : `error: ${error.message}`);
    }
  }
  if (interrupted) return EXIT_INTERRUPTED;
  return report.errors.length > 0 ? 1 : 0;
}

function onSigint(handler: () => void): () => void {
  process.on('SIGINT', handler);
  return () => process.off('SIGINT', handler);
}

export async function lsCommand(services: KilnServices, json: boolean, io: Output): Promise<number> {
  const profiles = await services.listProfiles({});
  if (json) {
    io.out(JSON.stringify(profiles));
    return 0;
  }
  if (profiles.length === 0) {
    io.out('No profiles yet: kiln import FILE...');
    return 0;
  }
  const rows = profiles.map((p) => [
    String(p.id),
    p.name,
    p.format,
    p.kind,
    p.capturedAtMs === null ? '' : new Date(p.capturedAtMs).toISOString(),
    p.durationNs === null ? '' : formatValue(p.durationNs, 'nanoseconds'),
    p.sampleTypes.map((t) => `${t.type}/${t.unit}`).join(', '),
    defaultTotal(p),
  ]);
  io.out(
    formatTable(
      ['ID', 'NAME', 'FORMAT', 'KIND', 'CAPTURED', 'DURATION', 'SAMPLE TYPES', 'TOTAL'],
      rows,
      new Set([0, 7]),
    ),
  );
  return 0;
}

export async function topCommand(
  services: KilnServices,
  idText: string | undefined,
  typeName: string | undefined,
  limitText: string | undefined,
  json: boolean,
  io: Output,
  filters?: string,
): Promise<number> {
  if (idText === undefined || !/^\d+$/.test(idText)) throw new UsageError('top needs a profile ID (see kiln ls)');
  const limit = limitText === undefined ? 20 : Number(limitText);
  if (!Number.isSafeInteger(limit) || limit < 1) throw new UsageError('--limit must be a positive integer');
  const profileId = Number(idText);
  const profile = (await services.listProfiles({})).find((p) => p.id === profileId);
  if (!profile) {
    io.err(`error: no profile with id ${profileId} (see kiln ls)`);
    return 1;
  }
  if (profile.sampleTypes.length === 0) {
    io.err(
      `error: #${profileId} is a ${profile.kind === 'gc-log' ? 'GC log' : 'heap snapshot'}; it has no call stacks`,
    );
    return 1;
  }
  const sampleType = pickSampleType(profile, typeName);
  if (sampleType < 0) {
    const known = profile.sampleTypes.map((t) => `${t.type}/${t.unit}`).join(', ');
    io.err(`error: profile ${profileId} has no sample type ${JSON.stringify(typeName)}; it has ${known}`);
    return 1;
  }
  let args;
  try {
    args = validateArgs('getTopFunctions', { profileId, sampleType, limit, ...(filters ? { filters } : {}) });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const rows = await services.getTopFunctions(args);
  if (json) {
    io.out(JSON.stringify(rows));
    return 0;
  }
  const unit = profile.sampleTypes[sampleType]?.unit ?? '';
  const whole = profile.totals[sampleType] ?? 0;
  const pct = (v: number): string => (whole === 0 ? '' : `${((100 * v) / whole).toFixed(2)}%`);
  io.out(
    formatTable(
      ['SELF', 'SELF%', 'TOTAL', 'TOTAL%', 'FUNCTION', 'FILE'],
      rows.map((r) => [
        formatValue(r.self, unit),
        pct(r.self),
        formatValue(r.total, unit),
        pct(r.total),
        r.function,
        r.file,
      ]),
      new Set([0, 1, 2, 3]),
    ),
  );
  return 0;
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

/** A sample type by `type`, `type/unit` or position; the profile's default when none is named. */
export function pickSampleType(profile: ProfileSummary, name: string | undefined): number {
  if (name === undefined) return profile.defaultSampleType;
  const byName = profile.sampleTypes.findIndex((t) => t.type === name || `${t.type}/${t.unit}` === name);
  if (byName >= 0) return byName;
  if (/^\d+$/.test(name) && Number(name) < profile.sampleTypes.length) return Number(name);
  return -1;
}

function defaultTotal(p: ProfileSummary): string {
  const t = p.sampleTypes[p.defaultSampleType];
  return t ? formatValue(p.totals[p.defaultSampleType] ?? 0, t.unit) : '';
}
