import { describe, expect, it } from 'vitest';
import { failureReason } from './importFailureText';

describe('failureReason', () => {
  it('takes the file name off the message, so the panel names the file once', () => {
    const failure = { file: 'empty.pb.gz', message: 'empty.pb.gz: empty file' };
    expect(`${failure.file}: ${failureReason(failure)}`).toBe('empty.pb.gz: empty file');
  });

  it('also when the file is a path and the message names its base name', () => {
    expect(failureReason({ file: '/tmp/x/empty.pb.gz', message: 'empty.pb.gz: empty file' })).toBe('empty file');
  });

  it('keeps a message that does not start with the name', () => {
    expect(failureReason({ file: 'a.pb.gz', message: 'import cancelled' })).toBe('import cancelled');
  });
});
