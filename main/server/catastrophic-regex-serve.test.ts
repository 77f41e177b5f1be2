/**
 * `kiln serve` answers every request on one event loop: a filter pattern that
 * backtracks (JavaScript's RegExp took 39 s for `(a+)+$` against 33 `a`s and a
 * `!`) stalled every other request until it finished. With user patterns
 * matched by RE2 (shared/query/user-pattern.ts) the pattern and a request sent
 * beside it are both answered at once.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport, ItemSummary, TopFunctionRow } from '../../shared/ipc/contract';
import { serveInProcess, type ServedInProcess } from '../../test/fixtures/served-in-process';
import type { RunningServer } from './http-server';

const EVIL = 'a'.repeat(33) + '!';
const ALL_A = 'a'.repeat(40);
const STACKS = `main;${EVIL};work 5\nmain;idle 3\nmain;${ALL_A} 2\n`;

/** An API call's status and parsed body, and the milliseconds from sending it to its answer. */
function call(
  port: number,
  headers: Record<string, string>,
  path: string,
  body: string | Uint8Array,
): Promise<{ status: number; body: unknown; ms: number }> {
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

describe('kiln serve and a catastrophic-backtracking filter', () => {
  let server: RunningServer;
  let auth: Record<string, string>;

  let served: ServedInProcess;

  beforeAll(async () => {
    served = await serveInProcess('kiln-redos-serve-');
    ({ server, auth } = served);
  });

  afterAll(() => served.close());

  it('answers the pattern, and a request sent beside it, in well under a second', async () => {
    const upload = await call(server.port, auth, '/api/upload?name=stacks.txt', STACKS);
    expect((upload.body as ImportReport).errors).toEqual([]);
    const id = (upload.body as ImportReport).imported[0]?.id;

    const [catastrophic, beside] = await Promise.all([
      call(
        server.port,
        auth,
        '/api/call/getTopFunctions',
        JSON.stringify({ selection: { items: [id] }, sampleType: 0, limit: 10, filters: 'focus:(a+)+$' }),
      ),
      call(server.port, auth, '/api/call/listItems', '{}'),
    ]);

    expect(catastrophic.status).toBe(200);
    const rows = (catastrophic.body as { rows: TopFunctionRow[] }).rows;
    expect(rows.map((r) => [r.function, r.self])).toEqual([[ALL_A, 2]]);
    expect(beside.status).toBe(200);
    expect((beside.body as ItemSummary[]).map((p) => p.name)).toEqual(['stacks.txt']);
    // Generous bounds (other test files run beside this one); the backtracking took 39 s.
    expect(catastrophic.ms).toBeLessThan(1000);
    expect(beside.ms).toBeLessThan(1000);
  });
});
