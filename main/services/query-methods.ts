/**
 * The contract's methods that only read the store: what the query worker pool (query-pool.ts) answers off the
 * thread that serves requests. The rest (imports, import jobs, capture starts and tags, annotations) write or hold state, and stay on it.
 */
import { KILN_METHODS, type KilnMethod, type KilnServices } from '../../shared/ipc/contract';

/**
 * The methods that write or keep state, answered on the main thread. Every other method only reads: a method added to
 * the contract runs on a worker, whose read-only connection refuses any write it might try.
 */
const MAIN_THREAD_METHODS = [
  'importPaths',
  'importUpload',
  'getImportJobs',
  'cancelImport',
  'setCaptureStart',
  'setCaptureTags',
  'addAnnotation',
  'updateAnnotation',
  'deleteAnnotation',
  'importAnnotations',
] as const;

export type QueryMethod = Exclude<KilnMethod, (typeof MAIN_THREAD_METHODS)[number]>;

export const QUERY_METHODS: readonly QueryMethod[] = KILN_METHODS.filter(
  (method): method is QueryMethod => !(MAIN_THREAD_METHODS as readonly string[]).includes(method),
);

export function isQueryMethod(method: string): method is QueryMethod {
  return (QUERY_METHODS as readonly string[]).includes(method);
}
export type QueryServices = Pick<KilnServices, QueryMethod>;

/** Given once, when a query worker starts: the store it opens its own read-only connection to. */
export interface QueryWorkerData {
  dbPath: string;
  /** better-sqlite3 addon for this runtime's ABI (Electron); the one in node_modules otherwise. */
  sqliteBinding?: string;
}

export interface QueryRequest {
  id: number;
  method: string;
  args: unknown;
  /**
   * 'json': the result as its JSON text, made in the worker. The HTTP transport sends that text as it is: a large
   * flame tree then costs the serving thread one string copy, instead of a structured clone and a JSON.stringify.
   */
  as: 'value' | 'json';
}

/** An error crosses the thread as its class name and message; query-pool.ts re-creates the classes callers test. */
export type QueryResponse =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; error: { name: string; message: string } };
