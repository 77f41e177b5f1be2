/**
 * The one place where bytes become storable items in main/: the importers of
 * shared/ with Node's zlib as their decompressor, and the heap-snapshot
 * analysis (dominators, retained sizes), which is as heavy as the parse and
 * so runs here too, inside the ingest worker.
 */
import { analyzeHeap } from '../../shared/heap/analyze';
import { importFile } from '../../shared/import/index';
import type { ImportLimits } from '../../shared/import/limits';
import type { FileFormat } from '../../shared/import/result';
import type { Profile } from '../../shared/profile/model';
import type { StorableItem } from '../store/profile-store';
import { nodeDecompressor } from './node-decompressor';

export interface ParsedFile {
  format: FileFormat;
  items: StorableItem[];
}

export function parseFileBytes(bytes: Uint8Array, fileName: string, limits?: Partial<ImportLimits>): ParsedFile {
  const imported = importFile(bytes, fileName, { decompressor: nodeDecompressor, ...(limits ? { limits } : {}) });
  return {
    format: imported.format,
    items: imported.items.map((item): StorableItem =>
      item.type === 'heap-snapshot' ? { ...item, analysis: analyzeHeap(item.snapshot) } : item,
    ),
  };
}

/** For files that hold exactly one profile (tests, benchmarks). */
export function parseProfileBytes(bytes: Uint8Array, fileName: string, limits?: Partial<ImportLimits>): Profile {
  const { items } = parseFileBytes(bytes, fileName, limits);
  const only = items[0];
  if (items.length !== 1 || only?.type !== 'profile')
    throw new Error(`${fileName}: holds ${items.length} items, not one profile`);
  return only.profile;
}
