/**
 * The decorations that JDK unified logging (JEP 158, `-Xlog:…:…:decorators`)
 * puts before each message, each in square brackets, in this fixed order:
 * time, utctime, uptime, timemillis, uptimemillis, timenanos, uptimenanos,
 * hostname, pid, tid, level, tags. The default is uptime,level,tags:
 * `[0.202s][info][gc] GC(0) Pause Young …`. Tags are padded with spaces to
 * line up (`[gc,start     ]`). Any subset may be configured, so each group
 * is recognised by its shape rather than by its position.
 */
import { scaleDecimal } from '../../gc/parse-units';
import { parseIsoTimeMs } from '../iso-time';

export interface UnifiedLine {
  /** JVM uptime in ms (uptime, uptimemillis or uptimenanos), or null when not decorated with one. */
  uptimeMs: number | null;
  /** Wall clock in ms since the epoch (time, utctime or timemillis), or null. */
  wallMs: number | null;
  level: string | null;
  /** Tag set without padding, e.g. "gc,start"; null when not decorated with tags. */
  tags: string | null;
  /** The message after the decorations. */
  message: string;
}

const LEVELS = new Set(['trace', 'debug', 'info', 'warning', 'error']);
/** Tag sets start with a letter; a bare number is a pid or tid. A hostname may look like a tag set, but tags come later. */
const TAGS = /^[a-z][a-z0-9_]*(?:,[a-z0-9_]+)*\s*$/;
const UPTIME_SECONDS = /^([0-9]+[.,][0-9]+)s$/;
const MILLIS = /^([0-9]+)ms$/;
const NANOS = /^([0-9]+)ns$/;
/** timemillis and uptimemillis look alike; a value past 1973 (1e11 ms) is a wall clock, not an uptime. */
const WALL_MILLIS_MIN = 1e11;
const MAX_DECORATIONS = 12;

/** The decorations and message of a unified-logging line; null when the line starts with no decoration. */
export function parseUnifiedLine(line: string): UnifiedLine | null {
  const result: UnifiedLine = { uptimeMs: null, wallMs: null, level: null, tags: null, message: '' };
  let recognised = false;
  let pos = 0;
  for (let count = 0; count < MAX_DECORATIONS && line.charCodeAt(pos) === 0x5b /* [ */; count++) {
    const close = line.indexOf(']', pos);
    if (close < 0) break;
    const group = line.slice(pos + 1, close);
    pos = close + 1;
    if (readDecoration(group, result)) recognised = true;
  }
  if (!recognised) return null;
  result.message = line.slice(line.charCodeAt(pos) === 0x20 ? pos + 1 : pos);
  return result;
}

/** Records one decoration in `into`; false for a group that is not a decoration Kiln uses (hostname, pid, tid). */
function readDecoration(group: string, into: UnifiedLine): boolean {
  if (LEVELS.has(group)) {
    into.level = group;
    return true;
  }
  if (TAGS.test(group)) {
    into.tags = group.trimEnd();
    return true;
  }
  let match = UPTIME_SECONDS.exec(group);
  if (match) {
    into.uptimeMs = scaleDecimal(match[1] as string, 3);
    return true;
  }
  match = MILLIS.exec(group);
  if (match) {
    const value = Number(match[1]);
    if (value >= WALL_MILLIS_MIN) into.wallMs = value;
    else into.uptimeMs = value;
    return true;
  }
  match = NANOS.exec(group);
  if (match) {
    // timenanos (an arbitrary monotonic origin) comes before uptimenanos: the last one is the uptime.
    into.uptimeMs = Number(match[1]) / 1e6;
    return true;
  }
  const wall = parseIsoTimeMs(group);
  if (wall !== null) {
    into.wallMs = wall;
    return true;
  }
  return false;
}
