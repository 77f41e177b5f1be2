/**
 * The query worker pool (query-pool.ts): calls go to an idle worker, errors keep the classes the transports map to
 * HTTP statuses, a worker that dies fails only its own calls and is replaced, and a query worker reads what the
 * main thread wrote (a capture start) at once. The real worker is the built bundle (npm run build:
 * dist/main/query-worker.cjs) over a real store file; dispatch and death use a small worker of the same protocol
 * whose calls block or exit on demand.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContractError } from '../../shared/ipc/validate';
import { NotFoundError } from './not-found';
import { createQueryPool, errorFromWorker, type QueryPool } from './query-pool';
import { openKiln, type KilnRuntime } from './runtime';

const DIST = join(__dirname, '..', '..', 'dist', 'main');

/** A worker of the pool's protocol: `block` holds its thread for args.ms, `exit` ends it, `fail` throws args.name. */
const FAKE_WORKER = `
const { parentPort, threadId } = require('node:worker_threads');
parentPort.on('message', ({ id, method, args }) => {
  if (method === 'block') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, args.ms);
  if (method === 'exit') process.exit(3);
  if (method === 'fail') return parentPort.postMessage({ id, ok: false, error: { name: args.name, message: 'no such thing' } });
  parentPort.postMessage({ id, ok: true, result: threadId });
});
`;

let dir: string;
let pool: QueryPool | null = null;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiln-query-pool-'));
});

afterEach(async () => {
  await pool?.close();
  pool = null;
  rmSync(dir, { recursive: true, force: true });
});

function fakePool(size: number): QueryPool {
  const script = join(dir, 'fake-worker.cjs');
  writeFileSync(script, FAKE_WORKER);
  return createQueryPool(script, { dbPath: join(dir, 'unused.db') }, size);
}

describe('query pool dispatch', () => {
  it('answers a call on the idle worker while the other is busy', async () => {
    pool = fakePool(2);
    // Both workers up first, so that the timing below is of waiting, not of starting a thread.
    const ids = await Promise.all([pool.call('whoami', {}), pool.call('whoami', {})]);
    expect(new Set(ids).size).toBe(2);

    const started = performance.now();
    const blocked = pool.call('block', { ms: 1500 });
    const quick = await pool.call('whoami', {});
    const quickMs = performance.now() - started;
    const slow = await blocked;

    expect(quick).not.toBe(slow);
    expect(ids).toContain(quick);
    expect(quickMs).toBeLessThan(500);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1400);
  });

  it('fails the calls of a worker that dies with a clear error, and replaces it', async () => {
    pool = fakePool(1);
    const before = await pool.call('whoami', {});
    await expect(pool.call('exit', {})).rejects.toThrow('query worker stopped while answering exit: exit code 3');
    const after = await pool.call('whoami', {});
    expect(typeof after).toBe('number');
    expect(after).not.toBe(before);
  });

  it('re-creates the error classes the transports map to statuses', async () => {
    pool = fakePool(1);
    const notFound = await pool.call('fail', { name: 'NotFoundError' }).catch((error: unknown) => error);
    expect(notFound).toBeInstanceOf(NotFoundError);
    expect((notFound as Error).message).toBe('no such thing');
    const contract = await pool.call('fail', { name: 'ContractError' }).catch((error: unknown) => error);
    expect(contract).toBeInstanceOf(ContractError);
    const other = errorFromWorker({ name: 'RangeError', message: 'too far' });
    expect([other.name, other.message, other instanceof NotFoundError]).toEqual(['RangeError', 'too far', false]);
  });
});

describe('the query workers of a runtime', () => {
  let runtime: KilnRuntime;

  beforeEach(async () => {
    writeFileSync(join(dir, 'stacks.txt'), 'main;work 5\nmain;idle 3\n');
    runtime = await openKiln({ dbPath: join(dir, 'kiln.db'), parsing: 'inline', queries: 'workers', workerDir: DIST });
  });

  afterEach(() => runtime.close());

  it('answers from the store file, with NotFoundError for an item that is not there', async () => {
    const report = await runtime.services.importPaths({ paths: [join(dir, 'stacks.txt')] });
    const id = report.imported[0]!.id;
    const top = await runtime.services.getTopFunctions({ selection: { items: [id] }, sampleType: 0, limit: 5 });
    expect(top.rows.map((row) => [row.function, row.self])).toEqual([
      ['work', 5],
      ['idle', 3],
      ['main', 0],
    ]);
    const missing = await runtime.services
      .getFlameTree({ selection: { items: [id + 100] }, sampleType: 0 })
      .catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect((missing as Error).message).toBe(`no item with id ${id + 100}`);
  });

  it('gives kiln serve the JSON text of the same result, made on the worker', async () => {
    const report = await runtime.services.importPaths({ paths: [join(dir, 'stacks.txt')] });
    const args = { selection: { items: [report.imported[0]!.id] }, sampleType: 0 };
    const text = await runtime.queryJson!('getFlameTree', args);
    expect(typeof text).toBe('string');
    expect(JSON.parse(text)).toEqual(await runtime.services.getFlameTree(args));
  });

  it('reads a capture start the main thread set, never a stale copy', async () => {
    const report = await runtime.services.importPaths({ paths: [join(dir, 'stacks.txt')] });
    const id = report.imported[0]!.id;
    // Both workers read the item first, so that a cache in either would hold the old start.
    await Promise.all([runtime.services.listItems({}), runtime.services.listItems({})]);
    for (const startMs of [1_700_000_000_000, 1_800_000_000_000]) {
      await runtime.services.setCaptureStart({ itemId: id, startMs });
      const seen = await Promise.all([runtime.services.listItems({}), runtime.services.listItems({})]);
      expect(seen.map((items) => [items[0]?.capturedAtMs, items[0]?.timeSource])).toEqual([
        [startMs, 'user'],
        [startMs, 'user'],
      ]);
    }
  });
});
