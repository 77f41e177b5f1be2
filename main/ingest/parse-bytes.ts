/**
 * The one place where bytes become a profile in main/: the importer from
 * shared/ with Node's zlib as its decompressor. Runs inside the ingest worker
 * (and inline in tests that ask for it).
 */
import { importProfile } from '../../shared/import/index';
import type { ImportLimits } from '../../shared/import/limits';
import type { Profile } from '../../shared/profile/model';
import { nodeDecompressor } from './node-decompressor';

export function parseProfileBytes(bytes: Uint8Array, fileName: string, limits?: Partial<ImportLimits>): Profile {
  return importProfile(bytes, fileName, { decompressor: nodeDecompressor, ...(limits ? { limits } : {}) });
}
