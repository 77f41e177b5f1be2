import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_CSP } from './csp';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  APP_SCHEME_PRIVILEGES,
  contentTypeFor,
  createAppProtocolHandler,
  originOf,
  resolveAppAsset,
} from './protocol';

describe('originOf', () => {
  it('builds the origin of kiln:// and web URLs', () => {
    expect(originOf('kiln://app/index.html')).toBe('kiln://app');
    expect(originOf('kiln://app/')).toBe('kiln://app');
    expect(originOf('https://evil.example/x')).toBe('https://evil.example');
  });

  it('has no origin for host-less, credentialed or broken URLs', () => {
    for (const url of [
      'file:///etc/passwd',
      'data:text/html,<script>1</script>',
      'javascript:alert(1)',
      'about:blank',
      'kiln://user@app/index.html',
      'not a url',
      '',
    ]) {
      expect(originOf(url), url).toBeNull();
    }
  });
});

describe('the kiln:// scheme', () => {
  it('is a standard, secure scheme without CSP bypass or service workers', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('kiln');
    expect(APP_SCHEME_PRIVILEGES.privileges).toEqual({ standard: true, secure: true, supportFetchAPI: true });
    expect(APP_ORIGIN).toBe('kiln://app');
    expect(APP_ENTRY_URL).toBe('kiln://app/index.html');
  });
});

describe('resolveAppAsset', () => {
  const root = path.resolve('/srv/kiln/dist/renderer');

  it('maps app URLs to files in the bundle', () => {
    expect(resolveAppAsset('kiln://app/index.html', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppAsset('kiln://app/', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppAsset('kiln://app/assets/main-abc.js?v=1#x', root)).toBe(path.join(root, 'assets', 'main-abc.js'));
    expect(resolveAppAsset('kiln://app/assets/a%20b.css', root)).toBe(path.join(root, 'assets', 'a b.css'));
  });

  it('refuses paths that leave the bundle, however they are spelled', () => {
    for (const url of [
      'kiln://app/assets/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
      'kiln://app/..%5C..%5Csecret.txt',
      'kiln://app/index.html%00.js',
      'kiln://app/%E0%A4%A',
    ]) {
      expect(resolveAppAsset(url, root), url).toBeNull();
    }
  });

  it('keeps literal dot segments inside the bundle (the URL parser clamps them at the root)', () => {
    expect(resolveAppAsset('kiln://app/../../etc/passwd', root)).toBe(path.join(root, 'etc', 'passwd'));
    expect(resolveAppAsset('kiln://app/%2e%2e/%2e%2e/etc/passwd', root)).toBe(path.join(root, 'etc', 'passwd'));
  });

  it('serves only the app host of the kiln scheme', () => {
    expect(resolveAppAsset('kiln://other/index.html', root)).toBeNull();
    expect(resolveAppAsset('file:///srv/kiln/dist/renderer/index.html', root)).toBeNull();
    expect(resolveAppAsset('https://app/index.html', root)).toBeNull();
  });
});

describe('contentTypeFor', () => {
  it('gives module scripts a JavaScript type and unknown files an opaque one', () => {
    expect(contentTypeFor('/x/main.js')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('/x/index.HTML')).toMatch(/^text\/html/);
    expect(contentTypeFor('/x/style.css')).toMatch(/^text\/css/);
    expect(contentTypeFor('/x/blob.bin')).toBe('application/octet-stream');
  });
});

describe('createAppProtocolHandler', () => {
  let root: string;
  let outside: string;

  beforeAll(() => {
    const base = mkdtempSync(path.join(tmpdir(), 'kiln-protocol-'));
    root = path.join(base, 'renderer');
    outside = path.join(base, 'secret.txt');
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Kiln</title>');
    writeFileSync(path.join(root, 'assets', 'main.js'), 'console.log(1)');
    writeFileSync(outside, 'secret');
  });
  afterAll(() => rmSync(path.dirname(root), { recursive: true, force: true }));

  const get = (url: string, method = 'GET') => createAppProtocolHandler(root)(new Request(url, { method }));

  it('serves bundle files with type, CSP and nosniff headers', async () => {
    const response = await get('kiln://app/index.html');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Kiln</title>');
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');

    const script = await get('kiln://app/assets/main.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('answers 404, with the CSP, for missing files, directories and escapes', async () => {
    for (const url of [
      'kiln://app/nope.js',
      'kiln://app/assets',
      'kiln://app/%2e%2e/secret.txt',
      'kiln://evil/index.html',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(RENDERER_CSP);
      expect(await response.text()).not.toContain('secret');
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('kiln://app/index.html', 'POST')).status).toBe(405);
    const head = await get('kiln://app/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
