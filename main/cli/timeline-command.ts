/**
 * `kiln timeline` (captures and markers per service, in time order) and `kiln annotate` (a user annotation at a
 * time, or the rows of a deploy log's CSV/JSON file), over the same services as the app.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { KilnServices, Timeline } from '../../shared/ipc/contract';
import { validateArgs } from '../../shared/ipc/validate';
import { formatValue } from '../../shared/format/units';
import { captureRows } from '../../shared/timeline/capture-columns';
import { ANNOTATION_FILE_LIMITS, parseAnnotationTime } from '../../shared/timeline/annotation-file';
import { formatTable, type Output } from './output';
import { UsageError } from './usage';

export async function timelineCommand(
  services: KilnServices,
  service: string | undefined,
  json: boolean,
  io: Output,
): Promise<number> {
  const timeline = await services.getTimeline(validateArgs('getTimeline', service === undefined ? {} : { service }));
  if (json) {
    io.out(JSON.stringify(jsonShape(timeline)));
    return 0;
  }
  if (timeline.services.length === 0) {
    io.out(service === undefined ? 'no captures' : `no captures or annotations of ${JSON.stringify(service)}`);
    return 0;
  }
  timeline.services.forEach((s, i) => {
    if (i > 0) io.out('');
    const captures = captureRows(s);
    io.out(`${s.name}: ${count(captures.length, 'capture')}, ${count(s.markers.length, 'marker')}`);
    // Captures and markers interleaved on one time axis; at one instant the marker first (it says what changed).
    const rows: { at: number; order: number; cells: string[] }[] = [
      ...s.markers.map((m, j) => ({
        at: m.atMs,
        order: j,
        cells: [iso(m.atMs), `marker (${m.source})`, '', '', m.label],
      })),
      ...captures.map((c, j) => ({
        at: c.capturedAtMs ?? Infinity,
        order: s.markers.length + j,
        cells: [
          c.capturedAtMs === null ? '(no time)' : iso(c.capturedAtMs),
          `capture ${c.id}`,
          c.kind,
          c.durationNs === null ? '' : formatValue(c.durationNs, 'nanoseconds'),
          Object.entries(c.labels)
            .map(([k, v]) => `${k}=${v}`)
            .join(' '),
        ],
      })),
    ].sort((a, b) => a.at - b.at || a.order - b.order);
    // formatTable escapes control characters in every cell (names and labels come from files and users).
    io.out(
      formatTable(
        ['time', 'what', 'kind', 'duration', 'detail'],
        rows.map((r) => r.cells),
      ),
    );
  });
  return 0;
}

/** Exactly the documented shape: annotation ids and other additions of the service result are left out. */
function jsonShape(timeline: Timeline): unknown {
  return {
    services: timeline.services.map((s) => ({
      name: s.name,
      captures: captureRows(s),
      markers: s.markers.map((m) => ({ atMs: m.atMs, label: m.label, source: m.source })),
    })),
  };
}

export interface AnnotateOptions {
  service?: string;
  at?: string;
  /** --label, which `kiln import` also takes (repeatable there): one text here. */
  label?: string[];
  import?: string;
}

export async function annotateCommand(
  services: KilnServices,
  options: AnnotateOptions,
  json: boolean,
  io: Output,
): Promise<number> {
  if (options.import !== undefined) {
    if (options.at !== undefined || options.label !== undefined) {
      throw new UsageError('annotate --import FILE takes no --at or --label (the file gives them)');
    }
    const info = await stat(options.import).catch(() => null);
    if (info === null || !info.isFile()) throw new UsageError(`annotate --import: no file ${options.import}`);
    // Characters are at most bytes: a file over the limit in bytes is refused before it is read.
    if (info.size > ANNOTATION_FILE_LIMITS.maxChars * 4) {
      throw new UsageError(`annotate --import: ${options.import} is too large for an annotation file`);
    }
    const text = await readFile(options.import, 'utf8');
    const args = validateArgs('importAnnotations', {
      fileName: basename(options.import),
      text,
      ...(options.service === undefined ? {} : { service: options.service }),
    });
    const result = await services.importAnnotations(args);
    io.out(json ? JSON.stringify(result) : `imported ${count(result.imported, 'annotation')} from ${options.import}`);
    return 0;
  }
  if (options.service === undefined || options.at === undefined || options.label === undefined) {
    throw new UsageError('annotate needs --service S --at TIME --label TEXT, or --import FILE');
  }
  if (options.label.length !== 1) throw new UsageError('annotate takes one --label');
  const atMs = parseAnnotationTime(options.at);
  if (atMs === null) {
    throw new UsageError(
      `--at ${JSON.stringify(options.at)}: give an ISO 8601 time (2026-11-20T10:00:00.250Z) or ms since the epoch`,
    );
  }
  const note = await services.addAnnotation(
    validateArgs('addAnnotation', { service: options.service, atMs, label: options.label[0] }),
  );
  io.out(json ? JSON.stringify(note) : `annotation ${note.id} on ${note.service} at ${iso(note.atMs)}`);
  return 0;
}

function iso(ms: number): string {
  return new Date(Math.floor(ms)).toISOString();
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
