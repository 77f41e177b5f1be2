import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestWorkerPath } from './runtime';

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
