import { describe, expect, it } from 'vitest';
import { javaClassName } from './stacks';

describe('javaClassName', () => {
  it('turns JVM internal names into Java source names', () => {
    expect(javaClassName('java/util/HashMap')).toBe('java.util.HashMap');
    expect(javaClassName('java/util/HashMap$Node')).toBe('java.util.HashMap$Node');
    expect(javaClassName('[B')).toBe('byte[]');
    expect(javaClassName('[[J')).toBe('long[][]');
    expect(javaClassName('[Ljava/lang/Object;')).toBe('java.lang.Object[]');
    expect(javaClassName('[[Ljava/lang/String;')).toBe('java.lang.String[][]');
    expect(javaClassName('Main$$Lambda$14/0x0000000800c03000')).toBe('Main$$Lambda$14.0x0000000800c03000');
    expect(javaClassName('')).toBe('');
    expect(javaClassName('[')).toBe('[]');
  });
});
