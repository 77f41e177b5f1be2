/**
 * `kiln serve` uploads with import tags: `service` and `label=KEY=VALUE` query parameters beside the name, carried
 * to every item of the file; a bad label or service is a 400 before any byte is read.
 */
import { serviceSelection } from '../../shared/capture/selection';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport, ItemSummary } from '../../shared/ipc/contract';
import { serveInProcess, type ServedInProcess } from '../../test/fixtures/served-in-process';

const FIXTURE = join(__dirname, '..', '..', 'test', 'fixtures', 'pprof', 'heap_1.pb.gz');

function post(port: number, path: string, headers: Record<string, string>, body: Uint8Array | string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('kiln serve upload tags', () => {
  let served: ServedInProcess;
  beforeAll(async () => {
    served = await serveInProcess('kiln-upload-tags-');
  });
  afterAll(() => served.close());

  it('gives the uploaded items the service and labels of the query', async () => {
    const { server, auth } = served;
    const upload = await post(
      server.port,
      '/api/upload?name=heap_1.pb.gz&service=checkout&label=version%3Dv2&label=region%3Deu',
      { ...auth, 'Content-Type': 'application/octet-stream' },
      readFileSync(FIXTURE),
    );
    expect(upload.status).toBe(200);
    expect((JSON.parse(upload.body) as ImportReport).errors).toEqual([]);
    const list = await post(
      server.port,
      '/api/call/listItems',
      auth,
      JSON.stringify({ selection: serviceSelection('checkout') }),
    );
    const items = JSON.parse(list.body) as ItemSummary[];
    expect(items.map((i) => [i.name, i.service, i.labels])).toEqual([
      ['heap_1.pb.gz', 'checkout', { region: 'eu', version: 'v2' }],
    ]);
  });

  it.each([
    ['label=version', 'label must be KEY=VALUE, got "version"'],
    ['service=', 'tags.service must be 1 to 200 characters'],
    ['service=a%07b', 'tags.service must be text without control characters'],
  ])('refuses %s with 400', async (query, message) => {
    const { server, auth } = served;
    const reply = await post(server.port, `/api/upload?name=x.pb.gz&${query}`, auth, 'x');
    expect(reply.status).toBe(400);
    expect((JSON.parse(reply.body) as { error: string }).error).toContain(message);
  });
});
