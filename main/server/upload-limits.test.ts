/**
 * `kiln serve` uploads stream to a temporary file with the size limit checked
 * as bytes arrive. Before, the body was buffered whole in memory (up to 2 GiB),
 * a chunked body over the limit got a TCP reset instead of a 413, and any
 * number of uploads were taken at once.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../shared/ipc/contract';
import { serveInProcess, type ServedInProcess } from '../../test/fixtures/served-in-process';
import { startServer, type RunningServer } from './http-server';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A chunked upload (no Content-Length), its body written by the caller; resolves with the server's answer. */
function openUpload(
  port: number,
  headers: Record<string, string>,
  name: string,
): { req: ClientRequest; answer: Promise<Answer> } {
  const req = request({ host: '127.0.0.1', port, path: `/api/upload?name=${name}`, method: 'POST', headers });
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
  });
  return { req, answer };
}

const until = async (what: string, check: () => boolean): Promise<void> => {
  const deadline = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('kiln serve uploads', () => {
  let served: ServedInProcess;
  let temp: string;
  const savedTmp = process.env['TMPDIR'];
  /** The server's upload folder: the only entry of the TMPDIR it was started under. */
  const uploadDirs = (): string[] =>
    readdirSync(temp)
      .filter((d) => d.startsWith('kiln-uploads-'))
      .map((d) => join(temp, d));
  const uploadFiles = (): string[] => uploadDirs().flatMap((d) => readdirSync(d));

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'kiln-upload-limits-'));
    temp = join(root, 'tmp');
    mkdirSync(temp);
    process.env['TMPDIR'] = temp;
    served = await serveInProcess('kiln-upload-limits-served-');
    process.env['TMPDIR'] = savedTmp ?? '';
    if (savedTmp === undefined) delete process.env['TMPDIR'];
    expect(uploadDirs()).toHaveLength(1);
  });

  afterAll(async () => {
    await served?.close();
    rmSync(join(temp, '..'), { recursive: true, force: true });
  });

  it('answers a chunked upload over the limit with 413 and its message, not a reset, and keeps nothing', async () => {
    // The fixture's limit is 1,000,000 bytes; this body is 3 MB, sent in 64 KiB chunks without a Content-Length.
    const { req, answer } = openUpload(served.server.port, served.auth, 'big.txt');
    let answered = false;
    void answer.then(
      () => (answered = true),
      () => undefined,
    );
    const chunk = Buffer.from('main;work 1\n'.repeat(5462).slice(0, 65536));
    for (let sent = 0; sent < 3_000_000 && !answered; sent += chunk.length) {
      if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
    }
    req.end();
    const reply = await answer;
    expect(reply.status).toBe(413);
    expect(reply.headers['connection']).toBe('close');
    expect(JSON.parse(reply.body)).toEqual({ error: 'upload of big.txt is over the limit of 1000000 bytes' });
    await until('the temporary file to go', () => uploadFiles().length === 0);
  });

  it('removes the temporary file of an upload aborted midway, and goes on serving', async () => {
    const { req, answer } = openUpload(served.server.port, served.auth, 'aborted.txt');
    answer.catch(() => undefined);
    req.write('main;work 1\n'.repeat(20_000));
    await until('the upload to reach its temporary file', () => uploadFiles().length === 1);
    req.destroy();
    await until('the temporary file to go', () => uploadFiles().length === 0);

    const { req: next, answer: nextAnswer } = openUpload(served.server.port, served.auth, 'after.txt');
    next.end('main;work 5\n');
    const reply = await nextAnswer;
    expect(reply.status).toBe(200);
    expect((JSON.parse(reply.body) as ImportReport).imported.map((p) => [p.file, p.totals])).toEqual([
      ['after.txt', [5]],
    ]);
    expect(uploadFiles()).toEqual([]);
  });

  it('gives an upload without the page’s lastModified no capture time, not its temporary copy’s', async () => {
    const { req, answer } = openUpload(served.server.port, served.auth, 'timeless.txt');
    req.end('main;idle 2\n');
    const reply = await answer;
    const [id] = (JSON.parse(reply.body) as ImportReport).imported.map((p) => p.id);
    const [item] = await served.runtime.services.listItems({ selection: { items: [id as number] } });
    expect(item).toMatchObject({ name: 'timeless.txt', capturedAtMs: null, timeSource: 'none' });
  });

  it('takes a few uploads at once, queues the next ones, and answers 429 with a message beyond the queue', async () => {
    const staticDir = join(served.dir, 'site');
    const small: RunningServer = await startServer({
      services: served.runtime.services,
      importer: served.runtime.importer,
      staticDir,
      port: 0,
      maxUploadBytes: 1_000_000,
      concurrentUploads: 1,
      queuedUploads: 1,
    });
    try {
      const auth = { Host: `127.0.0.1:${small.port}`, Authorization: `Bearer ${small.token}` };
      const first = openUpload(small.port, auth, 'first.txt');
      first.req.write('main;first 1\n');
      await new Promise((r) => setTimeout(r, 100));
      const second = openUpload(small.port, auth, 'second.txt');
      second.req.end('main;second 2\n');
      await new Promise((r) => setTimeout(r, 100));
      const third = openUpload(small.port, auth, 'third.txt');
      third.req.end('main;third 3\n');

      const refused = await third.answer;
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe('60');
      expect(JSON.parse(refused.body)).toEqual({ error: 'the server is busy with 2 uploads; try again in a minute' });

      first.req.end('main;first 1\n');
      const reports = await Promise.all([first.answer, second.answer]);
      expect(reports.map((r) => r.status)).toEqual([200, 200]);
      expect(reports.map((r) => (JSON.parse(r.body) as ImportReport).imported.map((p) => [p.file, p.totals]))).toEqual([
        [['first.txt', [2]]],
        [['second.txt', [2]]],
      ]);
    } finally {
      await small.close();
    }
  });
});
