import { describe, expect, it } from 'vitest';
import { HTTP_METHODS, KILN_METHODS } from './contract';
import { ContractError, validateArgs } from './validate';

const bytes = new Uint8Array([1, 2, 3]);

describe('validation of import jobs', () => {
  it('passes an optional jobId through importPaths and importUpload', () => {
    expect(validateArgs('importPaths', { paths: ['/tmp/a.pb.gz'], jobId: 'cli-1234' })).toEqual({
      paths: ['/tmp/a.pb.gz'],
      jobId: 'cli-1234',
    });
    expect(validateArgs('importPaths', { paths: ['/tmp/a.pb.gz'] })).toEqual({ paths: ['/tmp/a.pb.gz'] });
    expect(validateArgs('importUpload', { fileName: 'a.pb', bytes, jobId: 'drop_7.2' })).toEqual({
      fileName: 'a.pb',
      bytes,
      jobId: 'drop_7.2',
    });
  });

  it('refuses a jobId that is empty, long, or not plain letters, digits, "-", "_" and "."', () => {
    for (const jobId of ['', 'x'.repeat(65), 'a b', '../x', 'a/b', 'é', 7, null, ['a']]) {
      expect(() => validateArgs('importUpload', { fileName: 'a.pb', bytes, jobId }), String(jobId)).toThrow(
        ContractError,
      );
      expect(() => validateArgs('cancelImport', { jobId })).toThrow(/^cancelImport: jobId must be/);
    }
    expect(validateArgs('cancelImport', { jobId: 'x'.repeat(64) })).toEqual({ jobId: 'x'.repeat(64) });
  });

  it('takes no arguments for getImportJobs and only jobId for cancelImport', () => {
    expect(validateArgs('getImportJobs', {})).toEqual({});
    expect(() => validateArgs('getImportJobs', { jobId: 'a' })).toThrow('getImportJobs: unexpected argument "jobId"');
    expect(() => validateArgs('cancelImport', {})).toThrow(ContractError);
    expect(() => validateArgs('cancelImport', { jobId: 'a', force: true })).toThrow('unexpected argument "force"');
  });

  it('offers both new methods over every transport, HTTP included', () => {
    for (const method of ['getImportJobs', 'cancelImport'] as const) {
      expect(KILN_METHODS).toContain(method);
      expect(HTTP_METHODS).toContain(method);
    }
  });
});
