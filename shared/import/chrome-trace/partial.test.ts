import { describe, expect, it } from 'vitest';
import { parseUnterminatedTraceArray } from './partial';

const A = '{"ph":"X","name":"a","ts":0,"dur":1}';
const B = '{"ph":"X","name":"b","ts":1,"dur":1,"args":{"k":{"v":1}}}';

describe('parseUnterminatedTraceArray', () => {
  it.each([
    [`[${A},${B}`, 2],
    [`[${A},${B},`, 2],
    [`\n\n[${A},\n${B},\n\n\n`, 2],
    // Killed mid-write: the events before the cut one.
    [`[${A},${B.slice(0, 30)}`, 1],
  ])('%j → %i events', (text, count) => {
    expect(parseUnterminatedTraceArray(text)).toHaveLength(count);
  });

  it.each([
    [`[${A},${B}]`, 'a complete array (JSON.parse would have read it)'],
    [`{"traceEvents":[${A}`, 'the object form'],
    ['[1, 2, 3', 'an array of something else'],
    ['[', 'nothing'],
    ['main;a 3', 'text'],
  ])('%j → undefined (%s)', (text) => {
    expect(parseUnterminatedTraceArray(text)).toBeUndefined();
  });
});
