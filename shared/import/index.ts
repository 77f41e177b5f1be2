/**
 * The importers' entry point: bytes of one file in, the items it holds out
 * (profiles, GC logs, heap snapshots), or an `ImportError` naming the file
 * and the reason. Nothing here recurses over input structure, and every
 * budget in `ImportLimits` applies.
 */
import type { CaptureTags } from '../capture/capture';
import type { Profile } from '../profile/model';
import type { GcFormat, GcLog } from '../gc/model';
import { importCallgrind } from './callgrind/callgrind';
import { importChromeTrace } from './chrome-trace/chrome-trace';
import { importCollapsed } from './collapsed/collapsed';
import { importCpuProfile } from './v8/cpuprofile';
import { jvmLegacyCapture, jvmUnifiedCapture, nodeTraceGcCapture } from './gc/capture';
import { NoGcEvents } from './gc/events';
import { importFirefoxProfile } from './firefox/firefox';
import { importGoGctrace } from './gc/go';
import { importJvmLegacy } from './gc/jvm-legacy';
import { importJvmUnified } from './gc/jvm-unified';
import { importNodeTraceGc } from './gc/node';
import { importHeapProfile } from './v8/heapprofile';
import { importHeapSnapshot } from './heapsnapshot/index';
import { importJfr } from './jfr/index';
import type { NamedProfile } from './named-profile';
import { importPerfScript } from './perf/perf-script';
import { importLegacyCpu } from './pprof-legacy/cpu';
import { importPprofLegacy } from './pprof-legacy/pprof-legacy';
import { importSpeedscope } from './speedscope/speedscope';
import type { Decompressor } from './decompress';
import { ImportError, toImportError } from './errors';
import { checkLimit, resolveImportLimits, type ImportLimits } from './limits';
import { importPprof } from './pprof/pprof';
import type { FileFormat, ImportedItem } from './result';
import { sniff, type Payload, type Sniffed } from './sniff';

export { ImportError } from './errors';
export { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './limits';
export type { Decompressor } from './decompress';

export interface ImportDeps {
  decompressor: Decompressor;
  limits?: Partial<ImportLimits>;
}

export interface Detection {
  format: FileFormat;
  /** True when the file was gzip-compressed. */
  compressed: boolean;
}

export interface ImportedFile extends Detection {
  items: ImportedItem[];
}

export function importFile(bytes: Uint8Array, fileName: string, deps: ImportDeps): ImportedFile {
  const { sniffed, limits } = sniffFile(bytes, fileName, deps);
  const { payload } = sniffed;
  try {
    return { format: fileFormatOf(payload), compressed: sniffed.compressed, items: readPayload(payload, limits) };
  } catch (error) {
    throw toImportError(fileName, error, `reading ${payload.format}`);
  }
}

/** For files that hold exactly one profile (most tests): the profile, or an ImportError. */
export function importProfile(bytes: Uint8Array, fileName: string, deps: ImportDeps): Profile {
  const { items } = importFile(bytes, fileName, deps);
  const only = items[0];
  if (items.length !== 1 || only?.type !== 'profile') {
    throw new ImportError(fileName, `holds ${items.length} items, not one profile`);
  }
  return only.profile;
}

/** The format of a file, decided from its bytes (the name only breaks ties). Fails as `importFile` would. */
export function detectFormat(bytes: Uint8Array, fileName: string, deps: ImportDeps): Detection {
  const { sniffed } = sniffFile(bytes, fileName, deps);
  return { format: fileFormatOf(sniffed.payload), compressed: sniffed.compressed };
}

/** One reader per format; each gets what the sniffer already decoded. */
function readPayload(payload: Payload, limits: ImportLimits): ImportedItem[] {
  const one = (profile: Profile): ImportedItem[] => [{ type: 'profile', name: null, profile }];
  const named = (profiles: NamedProfile[]): ImportedItem[] => profiles.map((p) => ({ type: 'profile', ...p }));
  const gc = (format: GcFormat, read: () => GcLog, capture?: CaptureTags): ImportedItem[] => [
    { type: 'gc-log', name: null, gcLog: { ...readGcLogOrEmpty(format, read), ...(capture ? { capture } : {}) } },
  ];
  switch (payload.format) {
    case 'pprof':
      return one(importPprof(payload.bytes, limits));
    case 'pprof-legacy-cpu':
      return one(importLegacyCpu(payload.bytes, limits));
    case 'pprof-legacy':
      return one(importPprofLegacy(payload.text, limits));
    case 'cpuprofile':
      return one(importCpuProfile(payload.json, limits));
    case 'heapprofile':
      return one(importHeapProfile(payload.json, limits));
    case 'chrome-trace':
      return named(importChromeTrace(payload.json, limits));
    case 'speedscope':
      return named(importSpeedscope(payload.json, limits));
    case 'firefox':
      return named(importFirefoxProfile(payload.json, limits));
    case 'perf-script':
      return one(importPerfScript(payload.text, limits));
    case 'callgrind':
      return one(importCallgrind(payload.text, limits));
    case 'collapsed':
      return one(importCollapsed(payload.text, limits));
    case 'jfr':
      return importJfr(payload.bytes, limits);
    case 'heapsnapshot':
      return [{ type: 'heap-snapshot', name: null, snapshot: importHeapSnapshot(payload.bytes, limits) }];
    case 'jvm-unified':
      return gc('jvm-unified', () => importJvmUnified(payload.text, limits), jvmUnifiedCapture(payload.text));
    case 'jvm-legacy':
      return gc('jvm-legacy', () => importJvmLegacy(payload.text, limits), jvmLegacyCapture(payload.text));
    case 'go-gctrace':
      return gc('go-gctrace', () => importGoGctrace(payload.text, limits));
    case 'node-trace-gc':
      return gc('node-trace-gc', () => importNodeTraceGc(payload.text, limits), nodeTraceGcCapture(payload.text));
  }
}

/**
 * The sniffer recognised the file as a GC log from its head, so a log that
 * records no collection (only start-up lines, or only exit statistics) is that
 * log with no events. Lines that looked like events but could not be read
 * still fail: the user must hear about them.
 */
function readGcLogOrEmpty(format: GcFormat, read: () => GcLog): GcLog {
  try {
    return read();
  } catch (error) {
    if (error instanceof NoGcEvents && error.skippedLines === 0) {
      return { format, collector: null, startTimeMs: null, events: [], skippedLines: 0 };
    }
    throw error;
  }
}

/** The file format as the catalogue names it (the legacy binary CPU format is one of pprof's legacy formats). */
function fileFormatOf(payload: Payload): FileFormat {
  return payload.format === 'pprof-legacy-cpu' ? 'pprof-legacy' : payload.format;
}

function sniffFile(bytes: Uint8Array, fileName: string, deps: ImportDeps): { sniffed: Sniffed; limits: ImportLimits } {
  try {
    const limits = resolveImportLimits(deps.limits);
    checkLimit('file size in bytes', bytes.length, limits, 'maxInputBytes');
    return { sniffed: sniff(bytes, fileName, deps.decompressor, limits), limits };
  } catch (error) {
    throw toImportError(fileName, error, 'detecting the format');
  }
}
