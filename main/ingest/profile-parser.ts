/**
 * Parsers the import service can use: one that runs the importer on a worker
 * thread (the app, the CLI, `kiln serve`) and one that runs it inline (unit
 * tests of the store and services, where the worker bundle is not built).
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { ImportLimits } from '../../shared/import/limits';
import { parseFileBytes, type ParsedFile } from './parse-bytes';
import type { ParseRequest, ParseResponse } from './parse-messages';

export interface ProfileParser {
  parse(bytes: Uint8Array, fileName: string): Promise<ParsedFile>;
  close(): Promise<void>;
}

export class ParseFailure extends Error {
  override readonly name = 'ParseFailure';
}

export function inlineParser(limits?: Partial<ImportLimits>): ProfileParser {
  return {
    parse: async (bytes, fileName) => {
      try {
        return parseFileBytes(bytes, fileName, limits);
      } catch (error) {
        throw new ParseFailure(error instanceof Error ? error.message : String(error));
      }
    },
    close: async () => {},
  };
}

/** One long-lived worker; requests are answered in order, matched by id. */
export function workerParser(workerScript: string, limits?: Partial<ImportLimits>): ProfileParser {
  if (!existsSync(workerScript)) throw new Error(`ingest worker not found at ${workerScript}: run npm run build`);
  let worker: Worker | null = null;
  let nextId = 1;
  const waiting = new Map<number, { resolve: (p: ParsedFile) => void; reject: (e: Error) => void }>();

  const failAll = (error: Error): void => {
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
    worker = null;
  };
  const ensureWorker = (): Worker => {
    if (worker) return worker;
    const created = new Worker(workerScript);
    created.on('message', (response: ParseResponse) => {
      const pending = waiting.get(response.id);
      if (!pending) return;
      waiting.delete(response.id);
      if (response.ok) pending.resolve(response.parsed);
      else pending.reject(new ParseFailure(response.message));
    });
    created.on('error', (error) => failAll(new ParseFailure(`import worker failed: ${error.message}`)));
    created.on('exit', (code) => {
      if (waiting.size > 0) failAll(new ParseFailure(`import worker exited with code ${code}`));
      worker = null;
    });
    if (waiting.size === 0) created.unref();
    worker = created;
    return created;
  };

  return {
    parse: (bytes, fileName) =>
      new Promise<ParsedFile>((resolve, reject) => {
        const id = nextId++;
        const target = ensureWorker();
        target.ref();
        waiting.set(id, {
          resolve: (p) => {
            if (waiting.size === 0) target.unref();
            resolve(p);
          },
          reject: (e) => {
            if (waiting.size === 0) target.unref();
            reject(e);
          },
        });
        const request: ParseRequest = { id, fileName, bytes, ...(limits ? { limits } : {}) };
        target.postMessage(request);
      }),
    close: async () => {
      const current = worker;
      worker = null;
      if (current) await current.terminate();
    },
  };
}
