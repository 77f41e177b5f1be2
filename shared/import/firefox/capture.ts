/**
 * What a Firefox (Gecko) profile says about its capture (shared/capture):
 * meta.product ("Firefox") is the service; the build (meta.appBuildID), the
 * version (meta.misc "rv:63.0"), the OS (meta.oscpu) and each thread's
 * process type, pid and tid are labels. meta.startTime is the wall-clock
 * start (firefox-thread.ts).
 */
import { captureTags, type CaptureTags } from '../../capture/capture';
import type { JsonObject } from '../json-read';

export function firefoxCapture(meta: JsonObject, thread: JsonObject): CaptureTags {
  const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
  const id = (value: unknown): string | null =>
    typeof value === 'number' && Number.isFinite(value) ? String(value) : text(value);
  return captureTags(text(meta.product), {
    build_id: text(meta.appBuildID),
    version: text(meta.misc)?.replace(/^rv:/, ''),
    os: text(meta.oscpu),
    process: text(thread.processName) ?? text(thread.processType),
    pid: id(thread.pid),
    tid: id(thread.tid),
  });
}
