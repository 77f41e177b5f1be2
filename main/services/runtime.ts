/**
 * Opens everything a transport needs: the store, the ingest worker and the
 * services over them. The Electron shell, `kiln serve` and the CLI all start here.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { KilnServices } from '../../shared/ipc/contract';
import type { ImportLimits } from '../../shared/import/limits';
import { createImporter, type Importer } from '../ingest/import-files';
import { inlineRunner, workerRunner, type IngestRunner } from '../ingest/ingest-runner';
import { ProfileStore } from '../store/profile-store';
import type { StoreAccess } from '../store/store-file';
import { createServices } from './kiln-services';
import { createQueryPool, type QueryPool } from './query-pool';
import type { QueryMethod } from './query-methods';

export interface KilnRuntime {
  services: KilnServices;
  store: ProfileStore;
  /** What `kiln serve` imports an upload it streamed to a temporary file with (the contract takes bytes). */
  importer: Importer;
  /**
   * A query method's result as JSON text, serialised on a query worker (what `kiln serve` sends); null where
   * queries run in-process (the transport then serialises `services`' results itself).
   */
  queryJson: ((method: QueryMethod, args: unknown) => Promise<string>) | null;
  close(): Promise<void>;
}

export interface KilnOptions {
  dbPath: string;
  /**
   * 'worker' (default): imports run on a worker thread from the built bundle, over its own connection to the
   * database file; 'inline': on this thread (the only choice for ':memory:', which a worker cannot share).
   */
  parsing?: 'worker' | 'inline';
  limits?: Partial<ImportLimits>;
  /** Path of a better-sqlite3 addon built for this runtime (Electron); the one in node_modules otherwise. */
  sqliteBinding?: string;
  /**
   * 'write' (default): the store is created if there is none, and migrated; 'read': an existing store opened
   * read-only, for commands that only read (nothing is created or written, and no ingest worker starts).
   */
  access?: StoreAccess;
  /**
   * 'workers' (default with parsing 'worker' on a store opened for writing): the read-only methods run on a pool
   * of query workers (query-pool.ts), each with its own connection, so a long query blocks no other request;
   * 'inline': on this thread (':memory:', inline parsing and read-only commands, which answer one call and exit).
   */
  queries?: 'workers' | 'inline';
  /** Folder of the built worker scripts; beside this bundle by default (tests running the sources name dist/main). */
  workerDir?: string;
}

/**
 * A built worker script (ingest-worker.cjs, query-worker.cjs) sits beside the bundle that runs this code
 * (dist/main/). In a packaged app it is unpacked from the asar archive, since
 * worker threads cannot start from inside one (electron-builder.yml asarUnpack).
 */
export function workerScriptPath(name: string, bundleDir: string = __dirname): string {
  return join(bundleDir, name).replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
}

export function ingestWorkerPath(bundleDir: string = __dirname): string {
  return workerScriptPath('ingest-worker.cjs', bundleDir);
}

export async function openKiln(options: KilnOptions): Promise<KilnRuntime> {
  const access = options.access ?? 'write';
  if (options.dbPath !== ':memory:' && access === 'write') mkdirSync(dirname(options.dbPath), { recursive: true });
  const store = new ProfileStore(options.dbPath, options.sqliteBinding, access);
  let runner: IngestRunner;
  try {
    runner =
      options.parsing === 'inline' || options.dbPath === ':memory:' || access === 'read'
        ? inlineRunner(store, options.limits)
        : workerRunner(ingestWorkerPath(options.workerDir), {
            dbPath: options.dbPath,
            ...(options.sqliteBinding ? { sqliteBinding: options.sqliteBinding } : {}),
            ...(options.limits ? { limits: options.limits } : {}),
          });
  } catch (error) {
    store.close();
    throw error;
  }
  const inlineQueries = options.dbPath === ':memory:' || access === 'read' || options.parsing === 'inline';
  let pool: QueryPool | null = null;
  try {
    if ((options.queries ?? (inlineQueries ? 'inline' : 'workers')) === 'workers' && options.dbPath !== ':memory:') {
      pool = createQueryPool(workerScriptPath('query-worker.cjs', options.workerDir), {
        dbPath: options.dbPath,
        ...(options.sqliteBinding ? { sqliteBinding: options.sqliteBinding } : {}),
      });
    }
  } catch (error) {
    await runner.close();
    store.close();
    throw error;
  }
  const importer = createImporter(store, runner);
  return {
    services: createServices(store, importer, pool?.services),
    store,
    importer,
    queryJson: pool === null ? null : (method, args) => pool.callJson(method, args),
    close: async () => {
      // The workers' connections first: the main one, closing last, may then leave the store out of WAL mode.
      await pool?.close();
      await runner.close();
      store.close();
    },
  };
}
