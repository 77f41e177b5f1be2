/**
 * Imports files into the store: read with a size limit, hash, skip when the
 * same bytes are already stored, parse off-thread, write in one transaction.
 * One file's failure is reported with its name and reason; the others go on.
 */
import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ImportedProfile, ImportReport } from '../../shared/ipc/contract';
import type { ProfileStore } from '../store/profile-store';
import type { ProfileParser } from './profile-parser';

export interface ImportInput {
  /** File name shown to the user (no directories). */
  name: string;
  /** Provenance recorded with the profile: a path, or "upload:<name>". */
  source: string;
  bytes: Uint8Array;
}

export interface Importer {
  importInputs(inputs: ImportInput[]): Promise<ImportReport>;
  importPaths(paths: string[]): Promise<ImportReport>;
}

export function createImporter(store: ProfileStore, parser: ProfileParser, maxInputBytes: number): Importer {
  const importInputs = async (inputs: ImportInput[]): Promise<ImportReport> => {
    const report: ImportReport = { imported: [], errors: [] };
    for (const input of inputs) {
      try {
        if (input.bytes.byteLength > maxInputBytes) {
          throw new Error(`${input.name}: file is ${input.bytes.byteLength} bytes, over the limit of ${maxInputBytes}`);
        }
        const contentHash = createHash('sha256').update(input.bytes).digest('hex');
        const existing = store.findFile(contentHash);
        if (existing !== null) {
          report.imported.push(...describe(store, existing, input.name, true));
          continue;
        }
        const parsed = await parser.parse(input.bytes, input.name);
        const stored = store.addFile(
          {
            name: input.name,
            source: input.source,
            contentHash,
            byteSize: input.bytes.byteLength,
            format: parsed.format,
          },
          parsed.items,
        );
        report.imported.push(...describe(store, stored.ids, input.name, stored.duplicate));
      } catch (error) {
        report.errors.push({ file: input.name, message: messageNaming(input.name, error) });
      }
    }
    return report;
  };

  return {
    importInputs,
    importPaths: async (paths) => {
      const report: ImportReport = { imported: [], errors: [] };
      for (const path of paths) {
        const name = basename(path);
        let bytes: Uint8Array;
        try {
          bytes = await readWithLimit(path, maxInputBytes);
        } catch (error) {
          report.errors.push({ file: path, message: messageNaming(path, error) });
          continue;
        }
        const one = await importInputs([{ name, source: path, bytes }]);
        report.imported.push(...one.imported.map((item) => ({ ...item, file: path })));
        report.errors.push(...one.errors.map((item) => ({ ...item, file: path })));
      }
      return report;
    },
  };
}

/** One report line per stored item, with the totals `kiln import --json` prints. */
function describe(store: ProfileStore, ids: number[], file: string, duplicate: boolean): ImportedProfile[] {
  return ids.flatMap((id) => {
    const item = store.getProfile(id);
    if (!item) return [];
    return [
      {
        id,
        file,
        item: item.item,
        format: item.format,
        kind: item.kind,
        sampleTypes: item.sampleTypes,
        totals: item.gc ?? item.heap ?? item.totals,
        duplicate,
      },
    ];
  });
}

async function readWithLimit(path: string, maxBytes: number): Promise<Uint8Array> {
  const info = await stat(path);
  if (!info.isFile()) throw new Error('not a regular file');
  if (info.size > maxBytes) throw new Error(`file is ${info.size} bytes, over the limit of ${maxBytes}`);
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(info.size);
    let offset = 0;
    while (offset < info.size) {
      const { bytesRead } = await handle.read(buffer, offset, info.size - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    return new Uint8Array(buffer.buffer, buffer.byteOffset, offset);
  } finally {
    await handle.close();
  }
}

/** Error messages always name the file; importer errors already start with it. */
function messageNaming(file: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const name = basename(file);
  return message.startsWith(`${name}:`) || message.startsWith(`${file}:`) ? message : `${file}: ${message}`;
}
