/**
 * Annotation files (a deploy log exported from CI, a spreadsheet): rows of a time and a label, optionally a service.
 * - CSV: `time,label[,service]`; the header row is optional (without one the columns are time,label); with one,
 *   columns are found by name (`time`, `label`, `service`; others ignored). Fields may be quoted ("a, b", "" for ").
 * - JSON: `[{"time","label","service"?}]` or `{"annotations":[…]}`.
 * Times: ISO 8601 with optional fractional seconds and zone (no zone: UTC), or ms since the Unix epoch.
 * Read in one pass, in time linear in the text; errors name the line (CSV) or the entry (JSON).
 */
import { parseTimeText } from '../capture/instant';
import { parseIsoTimeMs } from '../import/iso-time';

export interface AnnotationRow {
  atMs: number;
  label: string;
  /** The row's service column, or null when the file has none (the caller's --service applies). */
  service: string | null;
}

export const ANNOTATION_FILE_LIMITS = {
  /** Characters of the whole file: a deploy log of years is far smaller. */
  maxChars: 4 * 1024 * 1024,
  maxRows: 10_000,
  maxLabelLength: 1000,
  maxServiceLength: 200,
  /** 9999-12-31, the last day a Date shows with a four-digit year (as the contract's times). */
  maxEpochMs: 253_402_300_799_999,
} as const;

export class AnnotationFileError extends Error {
  override readonly name = 'AnnotationFileError';
}

/**
 * A time as parseTimeText reads it, or an ISO stamp without a zone, which deploy logs often print: read as UTC, as the
 * JVM log reader does (parseIsoTimeMs). Null when it is neither or out of range.
 */
export function parseAnnotationTime(text: string): number | null {
  const t = text.trim();
  const ms = parseTimeText(t) ?? parseIsoTimeMs(t);
  return ms !== null && Number.isFinite(ms) && ms >= 0 && ms <= ANNOTATION_FILE_LIMITS.maxEpochMs ? ms : null;
}

export function parseAnnotationFile(text: string): AnnotationRow[] {
  if (text.length > ANNOTATION_FILE_LIMITS.maxChars) {
    throw new AnnotationFileError(`the file is over ${ANNOTATION_FILE_LIMITS.maxChars} characters`);
  }
  const body = text.replace(/^\uFEFF/, '');
  const first = /\S/.exec(body)?.[0];
  if (first === undefined) throw new AnnotationFileError('the file is empty');
  return first === '[' || first === '{' ? parseJson(body) : parseCsv(body);
}

function row(time: string, label: string, service: string | null, where: string): AnnotationRow {
  const atMs = parseAnnotationTime(time);
  if (atMs === null) {
    throw new AnnotationFileError(`${where}: ${JSON.stringify(time)} is not an ISO 8601 time or ms since the epoch`);
  }
  const text = label.trim();
  if (text === '') throw new AnnotationFileError(`${where}: the label is empty`);
  if (text.length > ANNOTATION_FILE_LIMITS.maxLabelLength) {
    throw new AnnotationFileError(`${where}: the label is over ${ANNOTATION_FILE_LIMITS.maxLabelLength} characters`);
  }
  const name = service?.trim() || null;
  if (name !== null && name.length > ANNOTATION_FILE_LIMITS.maxServiceLength) {
    throw new AnnotationFileError(
      `${where}: the service is over ${ANNOTATION_FILE_LIMITS.maxServiceLength} characters`,
    );
  }
  return { atMs, label: text, service: name };
}

function countCheck(count: number): void {
  if (count > ANNOTATION_FILE_LIMITS.maxRows) {
    throw new AnnotationFileError(`the file has over ${ANNOTATION_FILE_LIMITS.maxRows} annotations`);
  }
}

function parseJson(body: string): AnnotationRow[] {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new AnnotationFileError(`not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const list = Array.isArray(value)
    ? value
    : typeof value === 'object' && value !== null && Array.isArray((value as Record<string, unknown>)['annotations'])
      ? ((value as Record<string, unknown>)['annotations'] as unknown[])
      : null;
  if (list === null) throw new AnnotationFileError('JSON must be a list of {"time","label"} or {"annotations":[…]}');
  countCheck(list.length);
  return list.map((entry, i) => {
    const where = `entry ${i + 1}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new AnnotationFileError(`${where}: not an object`);
    }
    const { time, label, service } = entry as Record<string, unknown>;
    if (typeof time !== 'string' && typeof time !== 'number') {
      throw new AnnotationFileError(`${where}: "time" must be an ISO 8601 string or ms since the epoch`);
    }
    if (typeof label !== 'string') throw new AnnotationFileError(`${where}: "label" must be a string`);
    if (service !== undefined && service !== null && typeof service !== 'string') {
      throw new AnnotationFileError(`${where}: "service" must be a string`);
    }
    return row(String(time), label, typeof service === 'string' ? service : null, where);
  });
}

/** CSV records with the line each starts on (a quoted field may span lines), in one pass over the text. */
function csvRecords(body: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let blank = true;
  const end = (): void => {
    fields.push(field);
    if (!(blank && fields.length === 1 && field.trim() === '')) {
      records.push({ line: start, fields });
      countCheck(records.length - 1);
    }
    fields = [];
    field = '';
    blank = true;
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
      blank = false;
    } else if (c === ',') {
      fields.push(field);
      field = '';
      blank = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      end();
      line++;
      start = line;
    } else {
      field += c;
    }
  }
  if (quoted) throw new AnnotationFileError(`line ${start}: a quoted field is not closed`);
  end();
  return records;
}

function parseCsv(body: string): AnnotationRow[] {
  const records = csvRecords(body);
  const head = records[0];
  if (head === undefined) throw new AnnotationFileError('the file is empty');
  let columns = { time: 0, label: 1, service: -1 };
  let rows = records;
  if (parseAnnotationTime(head.fields[0] ?? '') === null) {
    const names = head.fields.map((f) => f.trim().toLowerCase());
    columns = { time: names.indexOf('time'), label: names.indexOf('label'), service: names.indexOf('service') };
    if (columns.time < 0 || columns.label < 0) {
      throw new AnnotationFileError(
        `line ${head.line}: a header row must name a "time" and a "label" column (or the first row must start with a time)`,
      );
    }
    rows = records.slice(1);
  } else if (head.fields.length !== 2) {
    throw new AnnotationFileError(
      `line ${head.line}: without a header row, each row is time,label (quote a label with commas)`,
    );
  }
  countCheck(rows.length);
  return rows.map(({ line, fields }) => {
    const where = `line ${line}`;
    if (fields.length <= Math.max(columns.time, columns.label)) {
      throw new AnnotationFileError(
        `${where}: expected ${Math.max(columns.time, columns.label) + 1} columns, found ${fields.length}`,
      );
    }
    const service = columns.service >= 0 ? (fields[columns.service] ?? null) : null;
    return row(fields[columns.time] as string, fields[columns.label] as string, service, where);
  });
}
