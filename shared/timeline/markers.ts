/**
 * Automatic markers on a service's time axis, computed from its captures (never stored: they follow from the
 * captures' labels, so they stay right when captures are added, removed or re-timed). A marker is placed at the
 * start of the first capture after a change:
 * - `build-id`: the build id label changed (a new binary was deployed);
 * - `label`: a version-like label changed (a release, a JVM upgrade);
 * - `restart`: the process id or the process start time changed (the same build started again).
 * User annotations (`user`, `file`) are stored (main/store/annotation-queries.ts) and merged in by the services.
 */

export type MarkerSource = 'build-id' | 'label' | 'restart' | 'user' | 'file';

export const MARKER_SOURCES: readonly MarkerSource[] = ['build-id', 'label', 'restart', 'user', 'file'];

export interface TimelineMarker {
  /** Wall-clock ms since the Unix epoch. */
  atMs: number;
  label: string;
  source: MarkerSource;
}

/** What markers read of a capture. */
export interface MarkerCapture {
  id: number;
  capturedAtMs: number | null;
  labels: Readonly<Record<string, string>>;
}

/** Label keys the importers write for the binary's build id (pprof main mapping, Firefox appBuildID). */
export const BUILD_ID_KEYS: readonly string[] = ['build_id', 'buildid', 'build-id'];

/**
 * Version-like label keys: `version` (Firefox's rv, a pprof `version=` comment, `kiln import --label version=…`),
 * `jvm.version` (JFR, JVM GC logs), and the OpenTelemetry-style `service.version`/`app.version` a user may give.
 * Tool versions (`perf.version`) are not the service's and are left out on purpose.
 */
export const VERSION_KEYS: readonly string[] = ['version', 'service.version', 'app.version', 'jvm.version'];

/** The process id: written by JFR, perf, Chrome traces, Firefox and GC logs. */
export const PID_KEYS: readonly string[] = ['pid'];

/** The process start time: no importer writes one today; a user's `--label process.start=…` is honoured. */
export const START_TIME_KEYS: readonly string[] = ['process.start', 'start_time'];

/** A build id is long hex: shown as its first 8 characters. */
const SHORT_ID = 8;

/**
 * The automatic markers of one service's captures, in time order (ties: build-id, label, restart). Captures without a
 * start are not placed and take no part. Each key is compared with the last capture that *has* it, so a capture
 * that lacks a label (a GC log has no build id) neither hides nor causes a change. Pids and start times are compared
 * per host (`host` label): two instances on different hosts are not restarts of each other.
 */
export function automaticMarkers(captures: readonly MarkerCapture[]): TimelineMarker[] {
  const timed = captures
    .filter((c): c is MarkerCapture & { capturedAtMs: number } => c.capturedAtMs !== null)
    .sort((a, b) => a.capturedAtMs - b.capturedAtMs || a.id - b.id);
  const last = new Map<string, string>();
  const markers: TimelineMarker[] = [];
  for (const capture of timed) {
    const at = capture.capturedAtMs;
    const change = (scope: string, keys: readonly string[]): { key: string; from: string; to: string } | null => {
      let found: { key: string; from: string; to: string } | null = null;
      for (const key of keys) {
        const to = capture.labels[key];
        if (to === undefined) continue;
        const slot = `${scope}\u0000${key}`;
        const from = last.get(slot);
        last.set(slot, to);
        if (found === null && from !== undefined && from !== to) found = { key, from, to };
      }
      return found;
    };
    const build = change('build', BUILD_ID_KEYS);
    if (build)
      markers.push({ atMs: at, label: `build id ${short(build.from)} → ${short(build.to)}`, source: 'build-id' });
    for (const key of VERSION_KEYS) {
      const version = change('version', [key]);
      if (version) markers.push({ atMs: at, label: `${key} ${version.from} → ${version.to}`, source: 'label' });
    }
    const host = `host:${capture.labels['host'] ?? ''}`;
    const pid = change(host, PID_KEYS);
    const start = change(host, START_TIME_KEYS);
    const restart = [pid && `pid ${pid.from} → ${pid.to}`, start && `start time ${start.from} → ${start.to}`];
    const said = restart.filter((s): s is string => typeof s === 'string');
    if (said.length > 0) markers.push({ atMs: at, label: said.join(', '), source: 'restart' });
  }
  return markers;
}

/** Markers merged in time order; at one instant, in MARKER_SOURCES order (automatic before the user's). */
export function sortMarkers<T extends TimelineMarker>(markers: readonly T[]): T[] {
  const rank = (m: TimelineMarker): number => MARKER_SOURCES.indexOf(m.source);
  return [...markers].sort((a, b) => a.atMs - b.atMs || rank(a) - rank(b));
}

function short(id: string): string {
  return id.length > SHORT_ID + 1 ? `${id.slice(0, SHORT_ID)}…` : id;
}
