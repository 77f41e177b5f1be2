/**
 * What GC logs say about their capture besides events (shared/capture), read
 * from the head of the text, apart from the event readers:
 * - JVM unified logging: `[gc,init] Version: 17.0.15+6-Debian-1deb12u1 (release)` (JDK 17+) → label jvm.version;
 *   the hostname and pid decorations (`-Xlog:…:time,uptime,hostname,pid,tid,level,tags`) → labels host and pid;
 * - JDK 8 logs open with `OpenJDK 64-Bit Server VM (25.342-b07) for linux-amd64 JRE (1.8.0_342-b07), built …`
 *   → jvm.name and jvm.version (the JRE's);
 * - Node --trace-gc lines start `[pid:0xisolate]` → label pid, when one process wrote the whole log.
 * Go's gctrace names neither program nor process. No GC log names its service.
 */
import { captureTags, type CaptureTags } from '../../capture/capture';

/** Start-up lines come first; a long log is not read again to its end for them. */
const HEAD_CHARS = 256 * 1024;

const UNIFIED_VERSION = /\]\s*Version:\s*(\S+)/;
const LEGACY_VM = /^(.*? VM) \([^)]*\) for \S+ JRE \(([^)]+)\)/m;
const NODE_PID = /^\[(\d+):0x[0-9a-f]+\]/gm;

export function jvmUnifiedCapture(text: string): CaptureTags {
  const head = text.slice(0, HEAD_CHARS);
  const version = UNIFIED_VERSION.exec(head)?.[1];
  return captureTags(null, { 'jvm.version': version, ...hostAndPid(head) });
}

const LEVEL = /^(trace|debug|info|warning|error)$/;
const TIME = /^(?:\d{4}-\d\d-\d\dT\S+|\d+(?:[.,]\d+)?(?:s|ms|ns))$/;

/**
 * The hostname, pid and tid decorations of the first decorated line: they come after the times and before the
 * level, in that order. A lone number may be the pid or the tid, so the pid is named only when both are there.
 */
function hostAndPid(head: string): { host?: string; pid?: string } {
  const first = /^\[.*$/m.exec(head)?.[0] ?? '';
  const groups = [...first.matchAll(/\[([^\]]*)\]/gy)].map((m) => m[1] as string);
  const beforeLevel = groups.slice(
    0,
    Math.max(
      0,
      groups.findIndex((g) => LEVEL.test(g)),
    ),
  );
  const rest = beforeLevel.filter((g) => !TIME.test(g));
  const numbers = rest.filter((g) => /^\d+$/.test(g));
  const host = rest.find((g) => !/^\d+$/.test(g));
  return { ...(host ? { host } : {}), ...(numbers.length === 2 ? { pid: numbers[0] as string } : {}) };
}

export function jvmLegacyCapture(text: string): CaptureTags {
  const match = LEGACY_VM.exec(text.slice(0, HEAD_CHARS));
  return captureTags(null, { 'jvm.name': match?.[1], 'jvm.version': match?.[2] });
}

export function nodeTraceGcCapture(text: string): CaptureTags {
  const pids = new Set<string>();
  for (const match of text.slice(0, HEAD_CHARS).matchAll(NODE_PID)) pids.add(match[1] as string);
  return captureTags(null, { pid: pids.size === 1 ? [...pids][0] : null });
}
