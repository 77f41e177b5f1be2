/**
 * `kiln serve` answers requests on one event loop: a filter pattern that backtracked (JavaScript's RegExp took
 * 39 s for `(a+)+$` against 33 `a`s and a `!`) stalled every other request until it finished. User patterns are
 * matched by RE2 now (shared/query/user-pattern.ts), and the queries run on the query workers (query-pool.ts):
 * a query that takes seconds (here the flame tree of a large profile, filtered by that pattern) leaves the thread
 * that answers requests free, so a request sent beside it is answered at once.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlameTree, ItemSummary, TopFunctionRow } from '../../shared/ipc/contract';
import { openKiln, type KilnRuntime } from '../services/runtime';
import { startServer, type RunningServer } from './http-server';

const EVIL = 'a'.repeat(33) + '!';
const ALL_A = 'a'.repeat(40);
const STACKS = `main;${EVIL};work 5\nmain;idle 3\nmain;${ALL_A} 2\n`;

/** Folded stacks of `count` distinct paths 50 frames deep: a flame tree of it takes seconds to build. */
function largeProfile(count: number): string {
  const lines: string[] = [];
  let seed = 1;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % 50;
  for (let i = 0; i < count; i++) {
    const frames = ['main', ALL_A];
    for (let d = 0; d < 48; d++) frames.push(`pkg${d % 7}.fn_${next()}`);
    lines.push(`${frames.join(';')} ${1 + (i % 9)}`);
  }
  return lines.join('\n') + '\n';
}

/** An API call's status and parsed body, and the milliseconds from sending it to its answer. */
function call(port: number, headers: Record<string, string>, path: string, body: string): Promise<Answer> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
          ms: performance.now() - start,
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Sends the slow call, and 50 ms later (once it has surely reached the server) a listItems call, from a worker
 * thread of its own: a client on this thread could not send, nor time, anything while a query blocked it.
 */
async function slowAndBeside(
  port: number,
  headers: Record<string, string>,
  slowBody: string,
): Promise<{ slow: Answer; beside: Answer }> {
  const client = new Worker(
    `const { request } = require('node:http');
     const { parentPort, workerData: { port, headers, slowBody } } = require('node:worker_threads');
     const call = (path, body) => new Promise((resolve, reject) => {
       const start = performance.now();
       const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
         const chunks = [];
         res.on('data', (c) => chunks.push(c));
         res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(Buffer.concat(chunks).toString()), ms: performance.now() - start }));
       });
       req.on('error', reject);
       req.end(body);
     });
     const slow = call('/api/call/getFlameTree', slowBody);
     setTimeout(async () => {
       const beside = await call('/api/call/listItems', '{}');
       parentPort.postMessage({ slow: await slow, beside });
     }, 50);`,
    { eval: true, workerData: { port, headers, slowBody } },
  );
  try {
    return await new Promise((resolve, reject) => {
      client.once('message', resolve);
      client.once('error', reject);
    });
  } finally {
    await client.terminate();
  }
}

interface Answer {
  status: number;
  body: unknown;
  ms: number;
}

describe('kiln serve and a long query', () => {
  let dir: string;
  let runtime: KilnRuntime;
  let server: RunningServer;
  let auth: Record<string, string>;
  let small: number;
  let large: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-redos-serve-'));
    writeFileSync(join(dir, 'stacks.txt'), STACKS);
    writeFileSync(join(dir, 'large.txt'), largeProfile(150_000));
    // The runtime `kiln serve` opens (serve-command.ts), from the built bundle (npm run build): imports on the ingest
    // worker, queries on the query workers.
    runtime = await openKiln({ dbPath: join(dir, 'kiln.db'), workerDir: join(__dirname, '../../dist/main') });
    const report = await runtime.services.importPaths({ paths: [join(dir, 'stacks.txt'), join(dir, 'large.txt')] });
    expect(report.errors).toEqual([]);
    [small, large] = report.imported.map((item) => item.id) as [number, number];
    server = await startServer({
      services: runtime.services,
      importer: runtime.importer,
      queryJson: runtime.queryJson,
      staticDir: dir,
      port: 0,
      maxUploadBytes: 1_000_000,
    });
    auth = { Host: `127.0.0.1:${server.port}`, Authorization: `Bearer ${server.token}` };
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await runtime?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the pattern on a small profile, linear in its names', async () => {
    const top = await call(
      server.port,
      auth,
      '/api/call/getTopFunctions',
      JSON.stringify({ selection: { items: [small] }, sampleType: 0, limit: 10, filters: 'focus:(a+)+$' }),
    );
    expect(top.status).toBe(200);
    const rows = (top.body as { rows: TopFunctionRow[] }).rows;
    expect(rows.map((r) => [r.function, r.self])).toEqual([[ALL_A, 2]]);
    expect(top.ms).toBeLessThan(1000);
  });

  it('answers a request sent beside a query that takes seconds within 100 ms', async () => {
    // Warm both workers and the request path first (starting a worker, opening its connection, preparing
    // statements): what is measured is waiting, not a first call's start.
    await Promise.all([runtime.services.listItems({}), runtime.services.listItems({})]);
    await call(server.port, auth, '/api/call/listItems', '{}');

    const slowBody = JSON.stringify({ selection: { items: [large] }, sampleType: 0, filters: 'focus:(a+)+$' });
    const { slow: tree, beside } = await slowAndBeside(server.port, auth, slowBody);

    expect(beside.status).toBe(200);
    expect((beside.body as ItemSummary[]).map((p) => p.name).sort()).toEqual(['large.txt', 'stacks.txt']);
    expect(tree.status).toBe(200);
    expect((tree.body as FlameTree).total[0]).toBeGreaterThan(0);
    // The query takes about a second (0.6-1.1 s measured on a loaded 2-core machine). Answered on the thread that
    // serves requests, the request beside it waited for the rest of it (260 ms with only 100,000 stacks); from a
    // query worker, 6-20 ms.
    expect(tree.ms).toBeGreaterThan(beside.ms + 400);
    expect(beside.ms).toBeLessThan(100);
  }, 30_000);
});
