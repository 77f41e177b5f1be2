import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStaticFile } from './static-files';

describe('readStaticFile', () => {
  const root = mkdtempSync(join(tmpdir(), 'kiln-static-'));
  const site = join(root, 'site');
  mkdirSync(join(site, 'assets'), { recursive: true });
  writeFileSync(join(site, 'index.html'), '<!doctype html>');
  writeFileSync(join(site, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'secret');

  it('serves index.html for / and files by path with their content type', async () => {
    expect((await readStaticFile(site, '/'))?.contentType).toBe('text/html; charset=utf-8');
    const js = await readStaticFile(site, '/assets/app.js');
    expect(js?.body.toString()).toBe('console.log(1)');
    expect(js?.contentType).toBe('text/javascript; charset=utf-8');
  });

  it('never leaves the root', async () => {
    expect(await readStaticFile(site, '/../secret.txt')).toBeNull();
    expect(await readStaticFile(site, '/%2e%2e/secret.txt')).toBeNull();
    expect(await readStaticFile(site, '/assets/%2e%2e/%2e%2e/secret.txt')).toBeNull();
    expect(await readStaticFile(site, '/%00')).toBeNull();
    expect(await readStaticFile(site, '/%E0%A4%A')).toBeNull();
    expect(await readStaticFile(site, '/missing.js')).toBeNull();
  });
});
