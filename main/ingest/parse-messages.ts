/** Messages between the ingest thread pool and its worker (structured-cloned by worker_threads). */
import type { ImportLimits } from '../../shared/import/limits';
import type { ParsedFile } from './parse-bytes';

export interface ParseRequest {
  id: number;
  fileName: string;
  bytes: Uint8Array;
  limits?: Partial<ImportLimits>;
}

export type ParseResponse = { id: number; ok: true; parsed: ParsedFile } | { id: number; ok: false; message: string };
