import { describe, expect, it } from 'vitest';
import { escapeControls, jsonWithoutControls } from './control-chars';

describe('escapeControls', () => {
  it.each([
    ['\x1b]0;pwned\x07', '\\x1b]0;pwned\\x07'],
    ['\x1b[2J', '\\x1b[2J'],
    ['a\x9bb', 'a\\x9bb'],
    ['tab\there', 'tab\\there'],
    ['two\nlines\r', 'two\\nlines\\r'],
    ['\x00\x1f\x7f\x80\x9f', '\\x00\\x1f\\x7f\\x80\\x9f'],
  ])('%j -> %s', (text, shown) => {
    expect(escapeControls(text)).toBe(shown);
  });

  it('leaves printable text as it is, other Unicode and backslashes included', () => {
    const text = 'runtime.mallocgc (C:\\src\\malloc.go) — µs 日本 \u00a0 \u00ff';
    expect(escapeControls(text)).toBe(text);
  });
});

describe('jsonWithoutControls', () => {
  it('writes DEL and C1 controls as \\u escapes that parse back to the same string', () => {
    const value = { name: 'a\x1b[2J\x7f\x9bz', n: 1 };
    const json = jsonWithoutControls(value);
    expect(json).toBe('{"name":"a\\u001b[2J\\u007f\\u009bz","n":1}');
    expect(JSON.parse(json)).toEqual(value);
  });
});
