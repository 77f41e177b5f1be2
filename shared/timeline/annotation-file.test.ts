import { describe, expect, it } from 'vitest';
import { ANNOTATION_FILE_LIMITS, parseAnnotationFile, parseAnnotationTime } from './annotation-file';

const T0 = Date.UTC(2026, 10, 20, 10, 0, 0, 250);

describe('parseAnnotationTime', () => {
  it('reads ISO 8601 with fractional seconds and zones, and epoch ms', () => {
    expect(parseAnnotationTime('2026-11-20T10:00:00.250Z')).toBe(T0);
    expect(parseAnnotationTime('2026-11-20T11:00:00.250+01:00')).toBe(T0);
    expect(parseAnnotationTime('2026-11-20T10:00:00.250')).toBe(T0);
    expect(parseAnnotationTime(String(T0))).toBe(T0);
    expect(parseAnnotationTime('yesterday')).toBeNull();
    expect(parseAnnotationTime('99999999999999999')).toBeNull();
  });
});

describe('parseAnnotationFile: CSV', () => {
  it('reads rows without a header, quoted labels with commas and quotes, CRLF, blank lines', () => {
    const text = `2026-11-20T10:00:00.250Z,"deploy v2, canary"\r\n\r\n${T0 + 1000},"say ""hi"""\n`;
    expect(parseAnnotationFile(text)).toEqual([
      { atMs: T0, label: 'deploy v2, canary', service: null },
      { atMs: T0 + 1000, label: 'say "hi"', service: null },
    ]);
  });

  it('finds columns by a header row, with a service column', () => {
    const text = 'service,label,time,extra\ncheckout,deploy,2026-11-20T10:00:00.250Z,x\ncart,rollback,1000,y\n';
    expect(parseAnnotationFile(text)).toEqual([
      { atMs: T0, label: 'deploy', service: 'checkout' },
      { atMs: 1000, label: 'rollback', service: 'cart' },
    ]);
  });

  it('names the line of a bad row, counting lines inside quoted fields', () => {
    expect(() => parseAnnotationFile('time,label\n1000,"two\nlines"\nnot-a-time,x\n')).toThrow(
      'line 4: "not-a-time" is not an ISO 8601 time or ms since the epoch',
    );
    expect(() => parseAnnotationFile('time,label\n1000,\n')).toThrow('line 2: the label is empty');
    expect(() => parseAnnotationFile('when,what\n1000,x\n')).toThrow('line 1: a header row must name');
    expect(() => parseAnnotationFile('1000,a,b\n')).toThrow('line 1: without a header row');
    expect(() => parseAnnotationFile('1000,"open\n')).toThrow('line 1: a quoted field is not closed');
    expect(() => parseAnnotationFile('time,label,service\n1000\n')).toThrow('line 2: expected 2 columns, found 1');
    expect(() => parseAnnotationFile('  \n')).toThrow('the file is empty');
  });

  it('refuses files over the row and size limits', () => {
    const rows = Array.from({ length: ANNOTATION_FILE_LIMITS.maxRows + 1 }, (_, i) => `${i},x`).join('\n');
    expect(() => parseAnnotationFile(rows)).toThrow(`over ${ANNOTATION_FILE_LIMITS.maxRows} annotations`);
    expect(() => parseAnnotationFile('x'.repeat(ANNOTATION_FILE_LIMITS.maxChars + 1))).toThrow('characters');
  });

  it('reads a large file in time linear in it', () => {
    const rows = Array.from({ length: ANNOTATION_FILE_LIMITS.maxRows }, (_, i) => `${i},"label, ${i}"`).join('\n');
    const started = performance.now();
    expect(parseAnnotationFile(rows)).toHaveLength(ANNOTATION_FILE_LIMITS.maxRows);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('parseAnnotationFile: JSON', () => {
  it('reads a list or {"annotations": …}, times as strings or numbers', () => {
    expect(parseAnnotationFile(`[{"time":"2026-11-20T10:00:00.250Z","label":"deploy"}]`)).toEqual([
      { atMs: T0, label: 'deploy', service: null },
    ]);
    expect(parseAnnotationFile(`{"annotations":[{"time":${T0},"label":"x","service":"checkout"}]}`)).toEqual([
      { atMs: T0, label: 'x', service: 'checkout' },
    ]);
  });

  it('names the entry of a bad one', () => {
    expect(() => parseAnnotationFile('[{"time":1,"label":"a"},{"time":true,"label":"b"}]')).toThrow('entry 2: "time"');
    expect(() => parseAnnotationFile('[{"time":1}]')).toThrow('entry 1: "label" must be a string');
    expect(() => parseAnnotationFile('{"x":[]}')).toThrow('JSON must be a list');
    expect(() => parseAnnotationFile('[1,')).toThrow('not valid JSON');
  });
});
