import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport, ItemSummary, TopFunctionRow } from '../../shared/ipc/contract';
import { serveInProcess, type ServedInProcess } from '../../test/fixtures/served-in-process';
import type { RunningServer } from './http-server';

const FIXTURE = join(__dirname, '..', '..', 'test', 'fixtures', 'pprof', 'cpu_1.pb.gz');

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request, so tests can send any Host or Origin header. */
function send(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: Uint8Array | string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('kiln serve HTTP transport', () => {
  let server: RunningServer;
  let auth: Record<string, string>;

  let served: ServedInProcess;

  beforeAll(async () => {
    served = await serveInProcess('kiln-http-');
    ({ server, auth } = served);
  });

  afterAll(() => served.close());

  it('prints a loopback URL that carries the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the page with a strict CSP and no referrer', async () => {
    const page = await send(server.port, '/', { headers: { Host: `localhost:${server.port}` } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Kiln</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const reply = await send(server.port, '/', { headers: { Host: `attacker.example:${server.port}` } });
    expect(reply.status).toBe(421);
  });

  it('refuses API calls without the token, from another origin, or by GET', async () => {
    const body = '{}';
    const noToken = await send(server.port, '/api/call/listItems', {
      method: 'POST',
      headers: { Host: auth['Host'] as string },
      body,
    });
    expect(noToken.status).toBe(401);
    const crossOrigin = await send(server.port, '/api/call/listItems', {
      method: 'POST',
      headers: { ...auth, Origin: 'http://evil.example' },
      body,
    });
    expect(crossOrigin.status).toBe(403);
    const get = await send(server.port, '/api/call/listItems', { headers: auth });
    expect(get.status).toBe(405);
  });

  it('does not offer importPaths to a page', async () => {
    const reply = await send(server.port, '/api/call/importPaths', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ paths: ['/etc/passwd'] }),
    });
    expect(reply.status).toBe(404);
  });

  it('imports an upload and answers queries about it', async () => {
    const upload = await send(server.port, '/api/upload?name=cpu_1.pb.gz', {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/octet-stream' },
      body: readFileSync(FIXTURE),
    });
    expect(upload.status).toBe(200);
    const report = JSON.parse(upload.body) as ImportReport;
    expect(report.errors).toEqual([]);
    expect(report.imported[0]?.format).toBe('pprof');

    const list = await send(server.port, '/api/call/listItems', { method: 'POST', headers: auth, body: '{}' });
    const profiles = JSON.parse(list.body) as ItemSummary[];
    expect(profiles.map((p) => p.name)).toEqual(['cpu_1.pb.gz']);

    const top = await send(server.port, '/api/call/getTopFunctions', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ selection: { items: [profiles[0]?.id] }, sampleType: 1, limit: 3 }),
    });
    const { rows } = JSON.parse(top.body) as { rows: TopFunctionRow[] };
    expect(rows).toHaveLength(3);
    expect(rows[0]!.self).toBeGreaterThanOrEqual(rows[1]!.self);
  });

  it('rejects bad arguments, unknown profiles, bad names and oversized uploads with clear errors', async () => {
    const bad = await send(server.port, '/api/call/getTopFunctions', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ selection: { items: [-1] }, sampleType: 0, limit: 5 }),
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatch(/selection.items/);

    const missing = await send(server.port, '/api/call/getFlameTree', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ selection: { items: [999] }, sampleType: 0 }),
    });
    expect(missing.status).toBe(404);

    const dirName = await send(server.port, '/api/upload?name=..%2Fescape.pb.gz', {
      method: 'POST',
      headers: auth,
      body: 'x',
    });
    expect(dirName.status).toBe(400);

    const huge = await send(server.port, '/api/upload?name=big.bin', {
      method: 'POST',
      headers: auth,
      body: new Uint8Array(1_000_001),
    });
    expect(huge.status).toBe(413);
  });

  it('reports a corrupt upload as an import error naming the file', async () => {
    const upload = await send(server.port, '/api/upload?name=junk.pb.gz', {
      method: 'POST',
      headers: auth,
      body: new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]),
    });
    const report = JSON.parse(upload.body) as ImportReport;
    expect(report.imported).toEqual([]);
    expect(report.errors[0]?.file).toBe('junk.pb.gz');
    expect(report.errors[0]?.message).toMatch(/^junk\.pb\.gz: .*gzip/);
  });
});
