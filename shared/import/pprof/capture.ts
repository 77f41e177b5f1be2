/**
 * What a pprof says about its capture besides samples (shared/capture): the
 * service is the main binary's base name (Mapping[0], which pprof treats as
 * the main binary), its build id a label, and comments of the form
 * `key=value` (how some producers write a version or host) labels too.
 * time_nanos / duration_nanos are the start and length (pprof-stream-resolve.ts).
 */
import { baseName, captureTags, type CaptureTags } from '../../capture/capture';

/** `version=1.2.3`, `host=web-7`: a key of word characters, dots and dashes, then a value. */
const KEY_VALUE_COMMENT = /^([A-Za-z_][\w.-]*)=(\S.*)$/;

export function pprofCapture(mainBinary: string | null, buildId: string | null, comments: string[]): CaptureTags {
  const labels: Record<string, string> = {};
  for (const comment of comments) {
    const match = KEY_VALUE_COMMENT.exec(comment.trim());
    if (match) labels[match[1] as string] = match[2] as string;
  }
  if (buildId) labels['build_id'] = buildId;
  const binary = mainBinary ? baseName(mainBinary) : '';
  // A mapping named like "[vdso]" or "[heap]" is a kernel or anonymous region, not a program.
  const service = binary === '' || binary.startsWith('[') ? null : binary;
  return captureTags(service, labels);
}
