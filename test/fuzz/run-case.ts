/**
 * Runs fuzz cases (mutate-file.ts) one at a time in a worker thread with a heap limit and a wall-time budget, each
 * into a fresh store file, and classifies each:
 *
 *   ok              imported, and the store passes store-check.ts
 *   refused-clear   an ImportError naming the file whose message passes `clarityDefects`, the store intact
 *   crasher         anything else: another exception, an unclear message, the worker out of memory or dead, the
 *                   budget's time passed, a damaged store
 *
 * The worker (case-worker.ts) is bundled with esbuild, as scripts/build.mjs bundles the app's, into
 * node_modules/.cache so that it resolves better-sqlite3 from the repository; it is reused across cases and started
 * again after one that kills it.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { MAX_REASON_CHARS } from '../../main/ingest/import-message';
import type { CaseReply, CaseRequest } from './case-worker';

/** The repository; scripts/fuzz.mjs, which runs this file bundled elsewhere, names it. */
const ROOT = process.env.KILN_ROOT ?? fileURLToPath(new URL('../../', import.meta.url));

export interface Budget {
  /** The worker's V8 heap limit. */
  maxOldGenerationSizeMb: number;
  /** Wall time for one case, from the bytes sent to the reply. */
  timeoutMs: number;
}

export const DEFAULT_BUDGET: Budget = { maxOldGenerationSizeMb: 512, timeoutMs: 10_000 };

export type Outcome = 'ok' | 'refused-clear' | 'crasher';

export interface CaseResult {
  outcome: Outcome;
  /** What happened: the message, or why it is a crasher. */
  detail: string;
  ms: number;
}

/** Engine internals a user must never read (issue 10: "Messages stay short and human"). */
const ENGINE_WORDS = [
  'undefined',
  'Maximum call stack',
  'Invalid typed array length',
  'Invalid array length',
  'Invalid string length',
  'Cannot read properties',
  'Cannot create a string longer',
  'is not a function',
  'is not iterable',
  'Array buffer allocation failed',
];

/** Why a refusal's message is not clear to a person; empty when it is. */
export function clarityDefects(fileName: string, message: string): string[] {
  const defects: string[] = [];
  if (!message.startsWith(`${fileName}: `)) defects.push('does not start with the file name');
  const reason = message.slice(fileName.length + 2);
  if (reason.length > MAX_REASON_CHARS) defects.push(`reason of ${reason.length} characters`);
  if (reason.trim().length === 0) defects.push('empty reason');
  for (const word of ENGINE_WORDS) if (reason.includes(word)) defects.push(`says "${word}"`);
  return defects;
}

let bundled: Promise<string> | null = null;

function workerFile(): Promise<string> {
  bundled ??= (async () => {
    const dir = join(ROOT, 'node_modules', '.cache', 'kiln-fuzz');
    mkdirSync(dir, { recursive: true });
    const outfile = join(dir, `case-worker-${process.pid}.cjs`);
    await build({
      entryPoints: [join(ROOT, 'test', 'fuzz', 'case-worker.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['better-sqlite3', 'electron'],
      logLevel: 'warning',
      absWorkingDir: ROOT,
    });
    // One bundle per process (vitest's forks run side by side), gone when the process ends.
    process.once('exit', () => rmSync(outfile, { force: true }));
    return outfile;
  })();
  return bundled;
}

/** A reusable worker and a temporary folder for the stores; call close() when done. */
export class CaseRunner {
  private worker: Worker | null = null;
  private readonly dir = mkdtempSync(join(tmpdir(), 'kiln-fuzz-'));
  private count = 0;

  constructor(private readonly budget: Budget = DEFAULT_BUDGET) {}

  async run(name: string, bytes: Uint8Array): Promise<CaseResult> {
    const dbPath = join(this.dir, `case-${this.count++}.db`);
    const start = performance.now();
    const reply = await this.send({ name, bytes, dbPath });
    const ms = performance.now() - start;
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(dbPath + suffix, { force: true });
    return { ...classify(name, reply), ms };
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async send(request: CaseRequest): Promise<CaseReply | { kind: 'died'; why: string }> {
    const worker = (this.worker ??= new Worker(await workerFile(), {
      resourceLimits: { maxOldGenerationSizeMb: this.budget.maxOldGenerationSizeMb },
      stdout: true,
      stderr: true,
    }));
    return new Promise((resolve) => {
      const done = (result: CaseReply | { kind: 'died'; why: string }, dead: boolean): void => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (dead) {
          void worker.terminate();
          this.worker = null;
        }
        resolve(result);
      };
      const onMessage = (reply: CaseReply): void => done(reply, false);
      const onError = (error: Error): void =>
        done({ kind: 'died', why: `worker died: ${(error as { code?: string }).code ?? ''} ${error.message}` }, true);
      const onExit = (code: number): void => done({ kind: 'died', why: `worker exited with code ${code}` }, true);
      const timer = setTimeout(
        () => done({ kind: 'died', why: `timeout: no answer within ${this.budget.timeoutMs} ms` }, true),
        this.budget.timeoutMs,
      );
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage(request);
    });
  }
}

function classify(name: string, reply: CaseReply | { kind: 'died'; why: string }): Omit<CaseResult, 'ms'> {
  if (reply.kind === 'died') return { outcome: 'crasher', detail: reply.why };
  if (reply.defects.length > 0) return { outcome: 'crasher', detail: `store damaged: ${reply.defects.join('; ')}` };
  switch (reply.kind) {
    case 'imported':
      return { outcome: 'ok', detail: `${reply.items} item${reply.items === 1 ? '' : 's'}` };
    case 'other-error':
      return { outcome: 'crasher', detail: `not an ImportError: ${reply.message}` };
    case 'import-error': {
      const defects = clarityDefects(name, reply.message);
      if (reply.fileName !== name) defects.push(`names ${reply.fileName}`);
      return defects.length === 0
        ? { outcome: 'refused-clear', detail: reply.message }
        : { outcome: 'crasher', detail: `unclear message (${defects.join(', ')}): ${reply.message.slice(0, 500)}` };
    }
  }
}
