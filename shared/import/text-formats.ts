/**
 * Tells text formats apart by their first lines. Order matters: the formats
 * with the most specific heads come first, and folded stacks (the most
 * lenient) are judged by the sniffer after all of these. A program's stderr
 * may mix its own lines with gctrace lines, so each detector looks for its
 * own line shapes rather than requiring every line to match.
 */
import { looksLikeCallgrind } from './callgrind/callgrind';
import { looksLikeGoGctrace } from './gc/go';
import { looksLikeJvmLegacy } from './gc/jvm-legacy';
import { looksLikeJvmUnified } from './gc/jvm-unified';
import { looksLikeNodeTraceGc } from './gc/node';
import { looksLikePerfScript } from './perf/perf-script';
import { looksLikePprofLegacy } from './pprof-legacy/pprof-legacy';

export type TextFormat =
  | 'collapsed'
  | 'pprof-legacy'
  | 'callgrind'
  | 'jvm-unified'
  | 'jvm-legacy'
  | 'go-gctrace'
  | 'node-trace-gc'
  | 'perf-script';

const DETECTORS: readonly [Exclude<TextFormat, 'collapsed'>, (textStart: string) => boolean][] = [
  ['pprof-legacy', looksLikePprofLegacy],
  ['callgrind', looksLikeCallgrind],
  ['jvm-unified', looksLikeJvmUnified],
  ['jvm-legacy', looksLikeJvmLegacy],
  ['go-gctrace', looksLikeGoGctrace],
  ['node-trace-gc', looksLikeNodeTraceGc],
  ['perf-script', looksLikePerfScript],
];

/** The text format whose head this is, or null (the sniffer then tries folded stacks). */
export function classifyText(textStart: string): Exclude<TextFormat, 'collapsed'> | null {
  for (const [format, looksLike] of DETECTORS) if (looksLike(textStart)) return format;
  return null;
}
