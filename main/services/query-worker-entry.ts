/**
 * Entry of a query worker thread (bundled to dist/main/query-worker.cjs). Each worker opens its own read-only
 * connection to the store (WAL: it sees every import and capture start the main connection commits) and answers
 * the read-only methods (query-methods.ts) one at a time, so a long query (a large flame tree, a slow filter)
 * keeps only this worker busy, never the thread that answers HTTP requests or IPC.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ProfileStore } from '../store/profile-store';
import { createQueryServices } from './kiln-services';
import { QUERY_METHODS, type QueryRequest, type QueryResponse, type QueryWorkerData } from './query-methods';

const port = parentPort;
if (!port) throw new Error('query-worker-entry must run in a worker thread');
const config = workerData as QueryWorkerData;
// Opened as the worker starts (the pool starts its workers on the first query): a store that cannot be opened
// fails each call with the reason.
let services: ReturnType<typeof createQueryServices> | null = null;
let openError: unknown = null;
try {
  services = createQueryServices(new ProfileStore(config.dbPath, config.sqliteBinding, 'read'));
} catch (error) {
  openError = error;
}
const methods: readonly string[] = QUERY_METHODS;

port.on('message', (request: QueryRequest) => void answer(request));

async function answer({ id, method, args, as }: QueryRequest): Promise<void> {
  let response: QueryResponse;
  try {
    if (!methods.includes(method)) throw new Error(`${method} is not a query method`);
    if (!services) throw openError;
    const call = services[method as keyof typeof services] as (args: unknown) => Promise<unknown>;
    const result = await call(args);
    response = { id, ok: true, result: as === 'json' ? JSON.stringify(result) : result };
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    response = { id, ok: false, error: { name, message } };
  }
  port!.postMessage(response);
}
