import { describe, expect, it } from 'vitest';
import { MAX_CAPTURE_LABELS, MAX_CAPTURE_TEXT } from '../capture/capture';
import { HTTP_METHODS, IPC_METHODS } from './contract';
import { ContractError, validateArgs, validateImportHandles } from './validate';

const bytes = new Uint8Array([1]);
const manyLabels = (n: number): Record<string, string> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, `v${i}`]));

describe('import tags', () => {
  it('importPaths and importUpload take a service and labels, trimmed', () => {
    expect(
      validateArgs('importPaths', { paths: ['/a'], tags: { service: ' checkout ', labels: { version: 'v2 ' } } }),
    ).toEqual({ paths: ['/a'], tags: { service: 'checkout', labels: { version: 'v2' } } });
    expect(validateArgs('importUpload', { fileName: 'a.pb', bytes, tags: { labels: { region: 'eu' } } })).toEqual({
      fileName: 'a.pb',
      bytes,
      tags: { labels: { region: 'eu' } },
    });
    expect(validateArgs('importUpload', { fileName: 'a.pb', bytes, tags: {} })).toEqual({
      fileName: 'a.pb',
      bytes,
      tags: {},
    });
    const full = manyLabels(MAX_CAPTURE_LABELS);
    expect(validateArgs('importPaths', { paths: ['/a'], tags: { labels: full } }).tags?.labels).toEqual(full);
    const long = 'x'.repeat(MAX_CAPTURE_TEXT);
    expect(validateArgs('importPaths', { paths: ['/a'], tags: { service: long } }).tags?.service).toBe(long);
  });

  it.each([
    [{ service: '' }, 'tags.service must be 1 to 200 characters'],
    [{ service: '   ' }, 'tags.service must be 1 to 200 characters'],
    [{ service: 'x'.repeat(MAX_CAPTURE_TEXT + 1) }, 'tags.service must be 1 to 200 characters'],
    [{ service: 'a\nb' }, 'tags.service must be text without control characters'],
    [{ service: 'a\u007fb' }, 'tags.service must be text without control characters'],
    [{ service: 7 }, 'tags.service must be text'],
    [{ labels: ['a=b'] }, 'tags.labels must be an object'],
    [{ labels: { '': 'v' } }, 'tags.labels key must be 1 to 200 characters'],
    [{ labels: { k: '' } }, 'tags.labels value of "k" must be 1 to 200 characters'],
    [{ labels: { k: 1 } }, 'tags.labels value of "k" must be text'],
    [{ labels: { 'a\tb': 'v' } }, 'tags.labels key must be text without control characters'],
    [{ labels: { k: 'x'.repeat(MAX_CAPTURE_TEXT + 1) } }, 'must be 1 to 200 characters'],
    [{ labels: manyLabels(MAX_CAPTURE_LABELS + 1) }, `at most ${MAX_CAPTURE_LABELS} labels`],
    [{ owner: 'me' }, 'unexpected tags argument "owner"'],
  ])('refuses tags %j', (tags, message) => {
    for (const call of [
      () => validateArgs('importPaths', { paths: ['/a'], tags }),
      () => validateArgs('importUpload', { fileName: 'a.pb', bytes, tags }),
    ]) {
      expect(call).toThrow(ContractError);
      expect(call).toThrow(message);
    }
  });

  it('importHandles (files dropped on the Electron window) takes the same tags', () => {
    const handles = ['AbCdEfGhIjKlMnOpQrSt-_'];
    expect(validateImportHandles({ handles, tags: { service: 'checkout', labels: { region: 'eu' } } })).toEqual({
      handles,
      tags: { service: 'checkout', labels: { region: 'eu' } },
    });
    expect(() => validateImportHandles({ handles, tags: { service: 'a\nb' } })).toThrow(
      'importHandles: tags.service must be text without control characters',
    );
  });

  it('refuses tags that are not an object', () => {
    expect(() => validateArgs('importPaths', { paths: ['/a'], tags: 'checkout' })).toThrow(
      'importPaths: tags must be an object {service?, labels?}',
    );
  });
});

describe('setCaptureTags', () => {
  it('is offered over HTTP and IPC, and takes ids with a service, labels or both', () => {
    expect(HTTP_METHODS).toContain('setCaptureTags');
    expect(IPC_METHODS).toContain('setCaptureTags');
    expect(validateArgs('setCaptureTags', { itemIds: [3, 4, 3], service: 'checkout' })).toEqual({
      itemIds: [3, 4],
      service: 'checkout',
    });
    // An empty value removes the label.
    expect(validateArgs('setCaptureTags', { itemIds: [1], labels: { version: 'v3', old: '' } })).toEqual({
      itemIds: [1],
      labels: { version: 'v3', old: '' },
    });
  });

  it.each([
    [{ itemIds: [1] }, 'give a service, labels or both'],
    [{ itemIds: [], service: 's' }, 'itemIds must be a list of 1 to 10000 item ids'],
    [{ itemIds: Array.from({ length: 10_001 }, (_, i) => i), service: 's' }, 'itemIds must be a list of 1 to 10000'],
    [{ itemIds: [-1], service: 's' }, 'each of itemIds must be a non-negative integer'],
    [{ itemIds: [1.5], service: 's' }, 'each of itemIds must be a non-negative integer'],
    [{ itemIds: 1, service: 's' }, 'itemIds must be a list'],
    [{ itemIds: [1], service: '' }, 'service must be 1 to 200 characters'],
    [{ itemIds: [1], service: 'a\u0000b' }, 'service must be text without control characters'],
    [{ itemIds: [1], labels: { '': 'v' } }, 'labels key must be 1 to 200 characters'],
    [{ itemIds: [1], labels: manyLabels(MAX_CAPTURE_LABELS + 1) }, `at most ${MAX_CAPTURE_LABELS} labels`],
    [{ itemIds: [1], service: 's', extra: 1 }, 'unexpected argument "extra"'],
  ])('refuses %j', (args, message) => {
    expect(() => validateArgs('setCaptureTags', args)).toThrow(ContractError);
    expect(() => validateArgs('setCaptureTags', args)).toThrow(message);
  });
});
