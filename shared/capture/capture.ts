/**
 * A catalogue item is a capture: one recording of one program over a span of
 * wall-clock time. Whatever the format, the catalogue knows of it who was
 * profiled (the service), when (start and duration, and whether the file
 * said so), what was constant over it (labels: build id, version, host, pid,
 * runtime, main class…), where it came from and what kind of data it holds.
 * A timeline of captures per service, window merges and comparisons across
 * captures all start from these fields.
 */
import type { ItemKind } from '../ipc/contract';

/**
 * Where an item's start comes from:
 * - `file`: the file states a wall-clock start (pprof time_nanos, JFR chunk start, JVM log `time` decorations…);
 * - `user`: set by the user (setCaptureStart), for a file that has only relative times;
 * - `estimated`: the file has only relative times, or none, so the item is anchored at the file's modification time
 *   minus the span the file records (a file written when the run ends, as a .cpuprofile or a --trace-gc log is,
 *   has its modification time at the END of what it records);
 * - `none`: neither the file nor its modification time is known (an upload that did not send it).
 */
export type TimeSource = 'file' | 'user' | 'estimated' | 'none';

export const TIME_SOURCES: readonly TimeSource[] = ['file', 'user', 'estimated', 'none'];

/** How the bytes reached Kiln: a path the user chose (CLI, Electron) or an upload (kiln serve). Later S3, backends. */
export type CaptureSourceKind = 'path' | 'upload';

/** What a file says about its capture besides the samples: who ran, and what was constant over the run. */
export interface CaptureTags {
  /** The program profiled (binary name, JVM main class, process name), or null when the data names none. */
  service: string | null;
  /** Item-level labels, constant over the item's samples (`build_id`, `jvm.version`, `pid`, `host`…). */
  labels: Record<string, string>;
}

/** One catalogue item as a capture; the catalogue summary (ItemSummary) extends it. */
export interface Capture extends CaptureTags {
  id: number;
  kind: ItemKind;
  /** Wall-clock start in ms since the Unix epoch (see timeSource); null when nothing says. */
  capturedAtMs: number | null;
  /** Length of the capture in ns, when the file says; times inside the item are relative to capturedAtMs. */
  durationNs: number | null;
  timeSource: TimeSource;
  source: CaptureSourceKind;
}

/** Bounds on what a file can put into labels (a hostile file must not bloat every catalogue listing). */
export const MAX_CAPTURE_LABELS = 32;
export const MAX_CAPTURE_TEXT = 200;

/**
 * Tags from what a file says: empty values dropped, text trimmed and cut to MAX_CAPTURE_TEXT, at most
 * MAX_CAPTURE_LABELS labels (in the order given).
 */
export function captureTags(
  service: string | null | undefined,
  labels: Record<string, string | null | undefined> = {},
): CaptureTags {
  const clean: Record<string, string> = {};
  let count = 0;
  for (const [key, value] of Object.entries(labels)) {
    const text = tidy(value);
    const name = tidy(key);
    if (text === null || name === null || count >= MAX_CAPTURE_LABELS) continue;
    clean[name] = text;
    count++;
  }
  return { service: tidy(service), labels: clean };
}

export const NO_CAPTURE_TAGS: CaptureTags = Object.freeze({ service: null, labels: Object.freeze({}) }) as CaptureTags;

function tidy(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  // Control characters have no place in a name shown in a table (and would break terminal output).
  const text = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return text === '' ? null : text.slice(0, MAX_CAPTURE_TEXT);
}

/**
 * An item's start and where it comes from. A start the file states wins; otherwise the item is anchored at the
 * file's modification time minus `recordedSpanMs`, the span the file records (the longest of its items'), marked
 * estimated, which the user can correct. Profilers and runtimes write such files when the run ends (a
 * .cpuprofile at exit, a GC log's last line after its last collection), so the modification time is the end of
 * the recording, not its start. Every item of a file gets the same anchor, so items that share the file's
 * relative clock stay lined up.
 */
export function captureStart(
  fileStartMs: number | null,
  fileModifiedAtMs: number | null,
  recordedSpanMs = 0,
): { capturedAtMs: number | null; timeSource: TimeSource } {
  if (fileStartMs !== null && Number.isFinite(fileStartMs)) return { capturedAtMs: fileStartMs, timeSource: 'file' };
  if (fileModifiedAtMs !== null && Number.isFinite(fileModifiedAtMs)) {
    const span = Number.isFinite(recordedSpanMs) && recordedSpanMs > 0 ? recordedSpanMs : 0;
    return { capturedAtMs: fileModifiedAtMs - span, timeSource: 'estimated' };
  }
  return { capturedAtMs: null, timeSource: 'none' };
}

/** The last path segment of a file path, either separator ("/usr/bin/app" → "app", "C:\\app.exe" → "app.exe"). */
export function baseName(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  return trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
}
