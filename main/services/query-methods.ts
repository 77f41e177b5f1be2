/**
 * The contract's methods that only read the store: what the query worker pool (query-pool.ts) answers off the
 * thread that serves requests. The rest (imports, import jobs, capture starts) write or hold state, and stay on it.
 */
import type { KilnServices } from '../../shared/ipc/contract';

export const QUERY_METHODS = [
  'listItems',
  'getFlameTree',
  'getSearchTotal',
  'getTopFunctions',
  'getSandwich',
  'getStackChart',
  'getGcSummary',
  'getGcEvents',
  'getHeapClasses',
  'getHeapRetainers',
  'getLabelKeys',
  'searchFunctions',
] as const;

export type QueryMethod = (typeof QUERY_METHODS)[number];

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
