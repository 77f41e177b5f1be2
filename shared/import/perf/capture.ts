/**
 * What a `perf script` text says about its capture (shared/capture): the
 * command (comm) with the most samples is the service — a recording of one
 * program has one, and a system-wide one is named by what dominated it — and
 * pid is a label when every sample has the same. perf's --header lines
 * name the host (`# hostname : web-7`) and perf's version.
 */
import { captureTags, type CaptureTags } from '../../capture/capture';
import type { PerfHeader } from './header';

const HEADER_LABELS: ReadonlyMap<string, string> = new Map([
  ['hostname', 'host'],
  ['perf version', 'perf.version'],
]);

/** `headerComments`: the `# key : value` lines perf script --header printed, without the "#". */
export function perfCapture(headers: readonly PerfHeader[], headerComments: readonly string[]): CaptureTags {
  const samplesOfComm = new Map<string, number>();
  const pids = new Set<number>();
  for (const h of headers) {
    if (h.comm !== '') samplesOfComm.set(h.comm, (samplesOfComm.get(h.comm) ?? 0) + 1);
    if (h.pid !== null) pids.add(h.pid);
  }
  let service: string | null = null;
  let most = 0;
  for (const [comm, count] of samplesOfComm) {
    if (count > most) {
      service = comm;
      most = count;
    }
  }
  const labels: Record<string, string> = {};
  if (pids.size === 1) labels['pid'] = String([...pids][0]);
  for (const comment of headerComments) {
    const colon = comment.indexOf(':');
    const label = colon > 0 ? HEADER_LABELS.get(comment.slice(0, colon).trim()) : undefined;
    if (label) labels[label] = comment.slice(colon + 1).trim();
  }
  return captureTags(service, labels);
}
