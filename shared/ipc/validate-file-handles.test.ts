import { describe, expect, it } from 'vitest';
import { IPC_METHODS, KILN_METHODS } from './contract';
import { ContractError, validateFilePath, validateImportHandles } from './validate';

const HANDLE = 'AbCdEfGhIjKlMnOpQrSt-_';

describe('IPC_METHODS', () => {
  it('is every contract method but importPaths', () => {
    expect(IPC_METHODS).toEqual(KILN_METHODS.filter((m) => m !== 'importPaths'));
    expect(IPC_METHODS).not.toContain('importPaths');
  });
});

describe('validateImportHandles', () => {
  it('accepts 128-bit base64url handles and an optional jobId', () => {
    expect(validateImportHandles({ handles: [HANDLE], jobId: 'drop-1' })).toEqual({
      handles: [HANDLE],
      jobId: 'drop-1',
    });
    expect(validateImportHandles({ handles: [HANDLE] })).toEqual({ handles: [HANDLE] });
  });

  it('refuses paths, other strings, empty or extra arguments', () => {
    for (const raw of [
      { handles: ['/etc/passwd'] },
      { handles: ['C:\\Users\\me\\a.pb'] },
      { handles: [HANDLE + 'x'] },
      { handles: [] },
      { handles: HANDLE },
      { paths: ['/tmp/a.pb'] },
      { handles: [HANDLE], paths: ['/tmp/a.pb'] },
      { handles: [HANDLE], jobId: '../x' },
      null,
    ]) {
      expect(() => validateImportHandles(raw), JSON.stringify(raw)).toThrow(ContractError);
      expect(() => validateImportHandles(raw)).toThrow(/^importHandles: /);
    }
  });
});

describe('validateFilePath', () => {
  it('accepts one non-empty path and nothing else', () => {
    expect(validateFilePath({ path: '/home/me/a.pb' })).toEqual({ path: '/home/me/a.pb' });
    for (const raw of [{ path: '' }, { path: 'a\0b' }, { path: 'x'.repeat(4097) }, { paths: ['/a'] }, '/a']) {
      expect(() => validateFilePath(raw), JSON.stringify(raw)).toThrow(/^fileHandle: /);
    }
  });
});
