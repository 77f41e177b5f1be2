import { describe, expect, it } from 'vitest';
import {
  durationNs,
  parseDecimal,
  parseDurationNs,
  parseHeapTransition,
  parseMebibytes,
  parseSizeBytes,
  scaleDecimal,
} from './parse-units';

describe('scaleDecimal', () => {
  it('scales decimal text exactly', () => {
    expect(scaleDecimal('6.529', 6)).toBe(6_529_000);
    expect(scaleDecimal('0.0123', 9)).toBe(12_300_000);
    expect(scaleDecimal('14289.335', 6)).toBe(14_289_335_000);
    expect(scaleDecimal('12', 3)).toBe(12_000);
    expect(scaleDecimal('0.1', 6)).toBe(100_000);
  });

  it('reads a decimal comma (a JVM under a locale that writes one)', () => {
    expect(scaleDecimal('6,572', 6)).toBe(6_572_000);
    expect(scaleDecimal('0,003', 3)).toBe(3);
  });

  it('rounds half up beyond the scale', () => {
    expect(scaleDecimal('1.23456', 3)).toBe(1235);
    expect(scaleDecimal('1.23449', 3)).toBe(1234);
  });

  it('refuses what is not an unsigned decimal', () => {
    for (const bad of ['', '-1', '1e3', '1.2.3', ' 1', 'abc']) expect(scaleDecimal(bad, 3)).toBeNull();
    expect(scaleDecimal('9'.repeat(30), 0)).toBeNull();
  });

  it('parseDecimal accepts both separators', () => {
    expect(parseDecimal('3.7')).toBe(3.7);
    expect(parseDecimal('3,7')).toBe(3.7);
    expect(parseDecimal('x')).toBeNull();
  });
});

describe('durations', () => {
  it('reads each unit the logs use', () => {
    expect(parseDurationNs('12.345ms')).toBe(12_345_000);
    expect(parseDurationNs('0.0123 secs')).toBe(12_300_000);
    expect(parseDurationNs('0.0064246 sec')).toBe(6_424_600);
    expect(parseDurationNs('0,003s')).toBe(3_000_000);
    expect(parseDurationNs('1.5 ms')).toBe(1_500_000);
    expect(parseDurationNs('353 us')).toBe(353_000);
    expect(parseDurationNs('42ns')).toBe(42);
    expect(durationNs('3.341', 'ms')).toBe(3_341_000);
  });

  it('refuses other text', () => {
    expect(parseDurationNs('12 minutes')).toBeNull();
    expect(parseDurationNs('ms')).toBeNull();
    expect(durationNs('1', 'h')).toBeNull();
  });
});

describe('sizes', () => {
  it('reads JVM sizes as powers of 1024', () => {
    expect(parseSizeBytes('1024K')).toBe(1024 * 1024);
    expect(parseSizeBytes('24M')).toBe(24 * 2 ** 20);
    expect(parseSizeBytes('2G')).toBe(2 * 2 ** 30);
    expect(parseSizeBytes('1T')).toBe(2 ** 40);
    expect(parseSizeBytes('7128.0B')).toBe(7128);
    expect(parseSizeBytes('65.0G')).toBe(65 * 2 ** 30);
    expect(parseSizeBytes('31.4K')).toBe(Math.round(31.4 * 1024));
    expect(parseSizeBytes('12 MB')).toBe(12 * 2 ** 20);
    expect(parseSizeBytes('1,5M')).toBe(1.5 * 2 ** 20);
  });

  it('refuses sizes without a known unit', () => {
    expect(parseSizeBytes('12')).toBeNull();
    expect(parseSizeBytes('12X')).toBeNull();
    expect(parseSizeBytes('')).toBeNull();
  });

  it("reads Go's and V8's MB as 2^20 bytes", () => {
    expect(parseMebibytes('4')).toBe(4 * 2 ** 20);
    expect(parseMebibytes('3.7')).toBe(Math.round(3.7 * 2 ** 20));
    expect(parseMebibytes('x')).toBeNull();
  });
});

describe('parseHeapTransition', () => {
  it('reads "before->after(capacity)"', () => {
    expect(parseHeapTransition('1024K->512K(2048K)')).toEqual({
      beforeBytes: 1024 * 1024,
      afterBytes: 512 * 1024,
      capacityBytes: 2048 * 1024,
    });
    expect(parseHeapTransition('24M->8M(256M)')).toEqual({
      beforeBytes: 24 * 2 ** 20,
      afterBytes: 8 * 2 ** 20,
      capacityBytes: 256 * 2 ** 20,
    });
  });

  it("reads G1's detail form and keeps the capacity after", () => {
    expect(parseHeapTransition('65.0G(92.0G)->64.3G(90.0G)')).toEqual({
      beforeBytes: 65 * 2 ** 30,
      afterBytes: Math.round(64.3 * 2 ** 30),
      capacityBytes: 90 * 2 ** 30,
    });
  });

  it('has no capacity when the log gives none after the arrow', () => {
    expect(parseHeapTransition('4M->3M')).toEqual({
      beforeBytes: 4 * 2 ** 20,
      afterBytes: 3 * 2 ** 20,
      capacityBytes: null,
    });
  });

  it('refuses malformed transitions', () => {
    for (const bad of ['24M->', '->8M(256M)', '24M-8M(256M)', '24X->8M(256M)', '24M->8M(256M) ']) {
      expect(parseHeapTransition(bad)).toBeNull();
    }
  });
});
