/**
 * The importers' entry point: bytes of one file in, one checked `Profile`
 * out, or an `ImportError` naming the file and the reason. Nothing here
 * recurses over input structure, and every budget in `ImportLimits` applies.
 */
import type { Profile, ProfileFormat } from '../profile/model';
import { importCollapsed } from './collapsed';
import { importCpuProfile } from './cpuprofile';
import type { Decompressor } from './decompress';
import { toImportError } from './errors';
import { checkLimit, resolveImportLimits, type ImportLimits } from './limits';
import { importPprof } from './pprof';
import { sniff, type Sniffed } from './sniff';

export { ImportError } from './errors';
export { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './limits';
export type { Decompressor } from './decompress';

export interface ImportDeps {
  decompressor: Decompressor;
  limits?: Partial<ImportLimits>;
}

export interface Detection {
  format: ProfileFormat;
  /** True when the file was gzip-compressed. */
  compressed: boolean;
}

export function importProfile(bytes: Uint8Array, fileName: string, deps: ImportDeps): Profile {
  const { sniffed, limits } = sniffFile(bytes, fileName, deps);
  const { payload } = sniffed;
  try {
    switch (payload.format) {
      case 'pprof':
        return importPprof(payload.bytes, limits, payload.wireChecked);
      case 'cpuprofile':
        return importCpuProfile(payload.json, limits);
      case 'collapsed':
        return importCollapsed(payload.text, limits);
    }
  } catch (error) {
    throw toImportError(fileName, error, `reading ${payload.format}`);
  }
}

/** The format of a file, decided from its bytes (the name only breaks ties). Fails as `importProfile` would. */
export function detectFormat(bytes: Uint8Array, fileName: string, deps: ImportDeps): Detection {
  const { sniffed } = sniffFile(bytes, fileName, deps);
  return { format: sniffed.payload.format, compressed: sniffed.compressed };
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
