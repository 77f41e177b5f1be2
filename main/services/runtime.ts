/**
 * Opens everything a transport needs: the store, the off-thread parser and the
 * services over them. The Electron shell, `kiln serve` and the CLI all start here.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { KilnServices } from '../../shared/ipc/contract';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../../shared/import/limits';
import { createImporter } from '../ingest/import-files';
import { inlineParser, workerParser, type ProfileParser } from '../ingest/profile-parser';
import { ProfileStore } from '../store/profile-store';
import { createServices } from './kiln-services';

export interface KilnRuntime {
  services: KilnServices;
  store: ProfileStore;
  close(): Promise<void>;
}

export interface KilnOptions {
  dbPath: string;
  /** 'worker' (default) parses on a worker thread from the built bundle; 'inline' parses on this thread. */
  parsing?: 'worker' | 'inline';
  limits?: Partial<ImportLimits>;
}

/** The built worker script sits beside the bundle that runs this code (dist/main/). */
export function ingestWorkerPath(): string {
  return join(__dirname, 'ingest-worker.cjs');
}

export async function openKiln(options: KilnOptions): Promise<KilnRuntime> {
  if (options.dbPath !== ':memory:') mkdirSync(dirname(options.dbPath), { recursive: true });
  const store = new ProfileStore(options.dbPath);
  const limits = { ...DEFAULT_IMPORT_LIMITS, ...options.limits };
  let parser: ProfileParser;
  try {
    parser =
      options.parsing === 'inline' ? inlineParser(options.limits) : workerParser(ingestWorkerPath(), options.limits);
  } catch (error) {
    store.close();
    throw error;
  }
  const importer = createImporter(store, parser, limits.maxInputBytes);
  return {
    services: createServices(store, importer),
    store,
    close: async () => {
      await parser.close();
      store.close();
    },
  };
}
