import { describe, expect, it } from 'vitest';
import { capReason, importErrorMessage, MAX_REASON_CHARS, translateEngineError } from './import-message';

describe('importErrorMessage', () => {
  it('names the file once: an importer error already starts with its base name or the path as given', () => {
    expect(importErrorMessage('/tmp/x/cpu.pb.gz', new Error('cpu.pb.gz: truncated gzip data'))).toBe(
      'cpu.pb.gz: truncated gzip data',
    );
    expect(importErrorMessage('./cpu.pb.gz', new Error('./cpu.pb.gz: empty file'))).toBe('./cpu.pb.gz: empty file');
    expect(importErrorMessage('./cpu.pb.gz', new Error('import worker exited with code 1'))).toBe(
      './cpu.pb.gz: import worker exited with code 1',
    );
    expect(importErrorMessage('cpu.pb.gz', 'not an Error')).toBe('cpu.pb.gz: not an Error');
  });

  it.each([
    [
      'cpu.pb.gz: reading pprof failed: Invalid typed array length: 4999050045',
      'cpu.pb.gz: the file declares more data than Kiln can hold in memory (a table of 4,999,050,045 entries)',
    ],
    [
      'Array buffer allocation failed',
      'cpu.pb.gz: the file declares more data than Kiln can hold in memory (memory ran out while reading it)',
    ],
    [
      'cpu.pb.gz: reading chrome-trace failed: Invalid array length',
      'cpu.pb.gz: the file declares more data than Kiln can hold in memory (memory ran out while reading it)',
    ],
    [
      'cpu.pb.gz: detecting the format failed: Cannot create a string longer than 0x1fffffe8 characters',
      'cpu.pb.gz: a text value in the file is too long to read',
    ],
    [
      'cpu.pb.gz: reading v8 failed: input nests too deeply (Maximum call stack size exceeded)',
      'cpu.pb.gz: the file nests deeper than Kiln can read',
    ],
    ['RangeError: Maximum call stack size exceeded', 'cpu.pb.gz: the file nests deeper than Kiln can read'],
  ])('translates the engine error %j', (message, shown) => {
    expect(importErrorMessage('cpu.pb.gz', new Error(message))).toBe(shown);
  });

  it('keeps reasons that only quote an engine phrase inside the input', () => {
    const reason = 'no "frame;frame count" line (first line 1: Invalid array length)';
    expect(translateEngineError(reason)).toBeNull();
    expect(importErrorMessage('x.txt', new Error(`x.txt: ${reason}`))).toBe(`x.txt: ${reason}`);
  });

  it('cuts a huge quoted value and says how much it left out, keeping the words after it', () => {
    const quoted = JSON.stringify('x'.repeat(5_000_000));
    const message = importErrorMessage(
      'ff.json',
      new Error(`ff.json: threads[0].samples.weightType ${quoted} is not samples, tracing-ms or bytes`),
    );
    expect(message).toBe(
      `ff.json: threads[0].samples.weightType "${'x'.repeat(40)}…" (4,999,960 more characters left out) is not samples, tracing-ms or bytes`,
    );
  });
});

describe('capReason', () => {
  it('leaves a reason within the budget as it is', () => {
    const reason = 'y'.repeat(MAX_REASON_CHARS);
    expect(capReason(reason)).toBe(reason);
  });

  it('cuts an unquoted reason at the budget, counting what it left out', () => {
    const capped = capReason(`a part with other events (${'e '.repeat(1_000_000)})`);
    expect(capped.length).toBeLessThanOrEqual(MAX_REASON_CHARS);
    expect(capped.startsWith('a part with other events (e e e')).toBe(true);
    expect(capped).toMatch(/… \(1,999,\d{3} more characters left out\)$/);
  });

  it('stays short with millions of short quotes', () => {
    const capped = capReason(`values ${'"a", '.repeat(2_000_000)}`);
    expect(capped.length).toBeLessThanOrEqual(MAX_REASON_CHARS);
    expect(capped).toMatch(/^values "a", "a", .*… \(9,999,\d{3} more characters left out\)$/);
  });

  it('does not split a surrogate pair', () => {
    const capped = capReason(`"${'a'.repeat(39)}${'😀'.repeat(200)}" ${'b'.repeat(400)}`);
    expect(capped.startsWith(`"${'a'.repeat(39)}…" (400 more characters left out)`)).toBe(true);
    expect(capped.length).toBeLessThanOrEqual(MAX_REASON_CHARS);
  });
});
