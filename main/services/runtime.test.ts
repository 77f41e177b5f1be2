import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestWorkerPath, workerScriptPath } from './runtime';

describe('ingestWorkerPath', () => {
  it('sits beside the bundle', () => {
    expect(ingestWorkerPath('/opt/kiln/dist/main')).toBe(join('/opt/kiln/dist/main', 'ingest-worker.cjs'));
  });
  it('points into app.asar.unpacked in a packaged app', () => {
    expect(ingestWorkerPath('/opt/Kiln/resources/app.asar/dist/main')).toBe(
      '/opt/Kiln/resources/app.asar.unpacked/dist/main/ingest-worker.cjs',
    );
  });
});

describe('workerScriptPath', () => {
  it('finds the query worker beside the ingest worker, unpacked from app.asar too', () => {
    expect(workerScriptPath('query-worker.cjs', '/opt/kiln/dist/main')).toBe(
      join('/opt/kiln/dist/main', 'query-worker.cjs'),
    );
    expect(workerScriptPath('query-worker.cjs', '/opt/Kiln/resources/app.asar/dist/main')).toBe(
      '/opt/Kiln/resources/app.asar.unpacked/dist/main/query-worker.cjs',
    );
  });
});
