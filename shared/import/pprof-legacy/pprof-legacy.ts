/**
 * pprof's legacy text profile formats, as `go tool pprof` reads them
 * (google/pprof profile/legacy_profile.go parseLegacy and
 * legacy_java_profile.go), to the Kiln model:
 *
 * | first line                                  | written by                                   | module |
 * | ------------------------------------------- | -------------------------------------------- | ------ |
 * | `heap profile: N: M [N: M] @ heap/2R`       | Go runtime/pprof heap, allocs at debug=1     | pprof-legacy-heap.ts |
 * | `heap profile: … @ heapz_v2/R`, `@ growthz` | gperftools heap profiler                     | pprof-legacy-heap.ts |
 * | `goroutine profile: total N`                | Go goroutine, threadcreate at debug=1        | pprof-legacy-count.ts |
 * | `--- mutex:`, `--- contention:`             | Go mutex, block at debug=1                   | pprof-legacy-contention.ts |
 * | `--- contentionz 1 ---`                     | gperftools contention profiler               | pprof-legacy-contention.ts |
 * | `--- threadz 1 ---`, `--- Thread …`         | gperftools thread profiler                   | pprof-legacy-thread.ts |
 * | `--- heapz 1 ---`, `--- contentionz 1 ---` + `format = java` | Java profiling agents       | pprof-legacy-java.ts |
 *
 * Sample types, values, periods and labels are what pprof computes (its
 * unsampling of heap and contention values included); frames are named from
 * the file's symbol lines where it has them (pprof-legacy-build.ts). The
 * binary legacy CPU profile (gperftools profilez) is not text; it is
 * pprof-legacy-cpu.ts's. Leading blank and "#" lines are skipped before the header for every
 * kind (pprof does so for Go count and thread profiles only).
 */
import type { Profile } from '../../profile/model';
import { fail } from '../errors';
import type { ImportLimits } from '../limits';
import { LineReader, quoteLine } from '../line-reader';
import { buildLegacyProfile, type LegacyProfile } from './build';
import { COUNT_HEADER, parseCountProfile } from './count';
import { isContentionHeader, isJavaAttribute, parseContentionProfile } from './contention';
import { isHeapHeader, parseHeapProfile } from './heap';
import { isJavaHeader, parseJavaProfile } from './java';
import { parseThreadProfile, THREAD_START, THREADZ_HEADER } from './thread';

type Kind = 'heap' | 'count' | 'contention' | 'thread' | 'java';

/** The kind of legacy profile a header line starts, or null. */
function headerKind(line: string): Kind | null {
  const trimmed = line.trim();
  if (trimmed.startsWith('heap profile:')) return isHeapHeader(trimmed) ? 'heap' : null;
  if (COUNT_HEADER.test(trimmed)) return 'count';
  if (isContentionHeader(trimmed)) return 'contention';
  if (THREADZ_HEADER.test(trimmed) || THREAD_START.test(trimmed)) return 'thread';
  if (isJavaHeader(trimmed)) return 'java';
  return null;
}

/** The first line that is neither blank nor a "#" comment, with the reader after it. */
function headerLine(reader: LineReader): string | null {
  for (let line = reader.next(); line !== null; line = reader.next()) {
    const trimmed = line.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) return line;
  }
  return null;
}

/**
 * Whether a text's start is a legacy pprof profile: its first line that is
 * neither blank nor a "#" comment is one of the headers in the table above
 * (`heap profile:` only with a scheme pprof knows). The text start is
 * typically the first few KB of a file.
 */
export function looksLikePprofLegacy(textStart: string): boolean {
  const header = headerLine(new LineReader(textStart));
  return header !== null && headerKind(header) !== null;
}

export function importPprofLegacy(text: string, limits: ImportLimits): Profile {
  const reader = new LineReader(text);
  const header = headerLine(reader);
  if (header === null) fail('empty legacy pprof profile: no header line');
  if (header.includes('\u0000')) fail('binary data, not a legacy pprof text profile');
  const kind = headerKind(header);
  if (kind === null) fail(`not a legacy pprof text profile: unknown header ${quoteLine(header.trim())}`);
  let legacy: LegacyProfile;
  switch (kind) {
    case 'heap':
      legacy = parseHeapProfile(reader, header.trim(), limits);
      break;
    case 'count':
      legacy = parseCountProfile(reader, header, limits);
      break;
    case 'thread':
      legacy = parseThreadProfile(reader, header.trim(), limits);
      break;
    case 'java':
      legacy = parseJavaProfile(reader, header, limits);
      break;
    case 'contention':
      // "--- contentionz 1 ---" is gperftools' header and Java agents' too; theirs has format/resolution attributes.
      legacy =
        isJavaHeader(header) && hasJavaAttributes(reader)
          ? parseJavaProfile(reader, header, limits)
          : parseContentionProfile(reader, limits);
      break;
  }
  return buildLegacyProfile(legacy, limits);
}

/** Whether the attribute lines after the header include Java's "format" or "resolution". */
function hasJavaAttributes(reader: LineReader): boolean {
  const ahead = reader.fork();
  for (let line = ahead.next(); line !== null; line = ahead.next()) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (!trimmed.includes('=') || trimmed.startsWith('---')) return false;
    if (isJavaAttribute(trimmed)) return true;
  }
  return false;
}
