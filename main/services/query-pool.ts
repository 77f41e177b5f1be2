/**
 * A pool of query workers (query-worker-entry.ts, built to dist/main/query-worker.cjs): the read-only methods run
 * there, so one long query (the flame tree of a large profile, a slow filter) delays no other request of `kiln
 * serve` or of the Electron main process. Each call goes to an idle worker, or else to the one with the fewest
 * calls waiting. Workers start on the first call and let the process exit while idle. A worker that dies fails
 * its own calls with a message saying so, and is replaced on the next call.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ContractError } from '../../shared/ipc/validate';
import { NotFoundError } from './not-found';
import {
  QUERY_METHODS,
  type QueryRequest,
  type QueryResponse,
  type QueryServices,
  type QueryWorkerData,
} from './query-methods';

export interface QueryPool {
  call(method: string, args: unknown): Promise<unknown>;
  /** The result as JSON text, serialised in the worker (for the HTTP transport). */
  callJson(method: string, args: unknown): Promise<string>;
  /** The methods of query-methods.ts, each a call to the pool. */
  services: QueryServices;
  /** Ends every worker; calls still waiting fail. */
  close(): Promise<void>;
}

interface Pending {
  method: string;
  resolve(result: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
  /** The uncaught error that is ending the worker, for the message of the calls it fails. */
  fatal: Error | null;
}

/** Two workers, or one on a one-core machine: more would only share the cores with the thread serving requests. */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

/** The error a worker reported, as the class the transports map to a status (NotFoundError: 404, ContractError: 400). */
export function errorFromWorker({ name, message }: { name: string; message: string }): Error {
  if (name === 'NotFoundError') return new NotFoundError(message);
  if (name === 'ContractError') return new ContractError(message);
  const error = new Error(message);
  error.name = name;
  return error;
}

export function createQueryPool(script: string, data: QueryWorkerData, size = defaultPoolSize()): QueryPool {
  if (!existsSync(script)) throw new Error(`query worker not found at ${script}: run npm run build`);
  const slots: (Slot | null)[] = Array.from({ length: size }, () => null);
  let nextId = 1;
  let closed = false;

  const start = (index: number): Slot => {
    const slot: Slot = { worker: new Worker(script, { workerData: data }), pending: new Map(), fatal: null };
    slot.worker.unref();
    slot.worker.on('message', (response: QueryResponse) => {
      const entry = slot.pending.get(response.id);
      if (!entry) return;
      slot.pending.delete(response.id);
      if (slot.pending.size === 0) slot.worker.unref();
      if (response.ok) entry.resolve(response.result);
      else entry.reject(errorFromWorker(response.error));
    });
    slot.worker.on('error', (error) => {
      slot.fatal = error;
    });
    slot.worker.on('exit', (code) => {
      if (slots[index] === slot) slots[index] = null;
      const reason = closed ? 'Kiln is closing' : (slot.fatal?.message ?? `exit code ${code}`);
      for (const entry of slot.pending.values()) {
        entry.reject(new Error(`query worker stopped while answering ${entry.method}: ${reason}`));
      }
      slot.pending.clear();
    });
    slots[index] = slot;
    return slot;
  };

  /** An idle worker, else the least loaded. */
  const pick = (): Slot => {
    let best: Slot | null = null;
    for (const slot of slots) {
      if (slot && slot.pending.size === 0) return slot;
      if (slot && (best === null || slot.pending.size < best.pending.size)) best = slot;
    }
    return best!;
  };

  const send = (method: string, args: unknown, as: QueryRequest['as']): Promise<unknown> => {
    if (closed) return Promise.reject(new Error('Kiln is closing'));
    // All of them at once: a worker takes a few hundred ms to start, which a query should not wait for when
    // another is busy.
    slots.forEach((slot, index) => slot ?? start(index));
    const slot = pick();
    const id = nextId++;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { method, resolve, reject });
      slot.worker.ref();
      slot.worker.postMessage({ id, method, args, as } satisfies QueryRequest);
    });
  };
  const call = (method: string, args: unknown): Promise<unknown> => send(method, args, 'value');
  const callJson = (method: string, args: unknown): Promise<string> => send(method, args, 'json') as Promise<string>;

  const services = Object.fromEntries(
    QUERY_METHODS.map((method) => [method, (args: unknown) => call(method, args)]),
  ) as unknown as QueryServices;

  return {
    call,
    callJson,
    services,
    close: async () => {
      closed = true;
      await Promise.all(slots.map((slot) => slot?.worker.terminate()));
    },
  };
}
