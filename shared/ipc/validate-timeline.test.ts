import { describe, expect, it } from 'vitest';
import { ANNOTATION_FILE_LIMITS } from '../timeline/annotation-file';
import { ContractError, validateArgs } from './validate';

describe('timeline and annotation arguments', () => {
  it('accepts what the CLI and the app send', () => {
    expect(validateArgs('getTimeline', {})).toEqual({});
    expect(validateArgs('getTimeline', { service: 'checkout' })).toEqual({ service: 'checkout' });
    expect(validateArgs('addAnnotation', { service: 's', atMs: 1.5, label: 'deploy' })).toEqual({
      service: 's',
      atMs: 1.5,
      label: 'deploy',
    });
    expect(validateArgs('updateAnnotation', { id: 3, atMs: 10 })).toEqual({ id: 3, atMs: 10 });
    expect(validateArgs('deleteAnnotation', { id: 3 })).toEqual({ id: 3 });
    expect(validateArgs('importAnnotations', { fileName: 'd.csv', text: '1,a' })).toEqual({
      fileName: 'd.csv',
      text: '1,a',
    });
  });

  it('refuses unknown keys, bad times, empty or oversized text', () => {
    const bad: [Parameters<typeof validateArgs>[0], unknown, string][] = [
      ['getTimeline', { service: '' }, 'service must be a non-empty string'],
      ['getTimeline', { services: 'x' }, 'services'],
      ['addAnnotation', { service: 's', atMs: -1, label: 'x' }, 'atMs must be a time'],
      [
        'addAnnotation',
        { service: 's', atMs: 1, label: 'x'.repeat(ANNOTATION_FILE_LIMITS.maxLabelLength + 1) },
        'label',
      ],
      ['updateAnnotation', { id: -1 }, 'id must be a non-negative integer'],
      ['deleteAnnotation', { id: 1.5 }, 'id must be a non-negative integer'],
      ['importAnnotations', { fileName: 'd.csv', text: '' }, 'text must be a non-empty string'],
      ['importAnnotations', { fileName: 'd.csv', text: 'x'.repeat(ANNOTATION_FILE_LIMITS.maxChars + 1) }, 'text'],
    ];
    for (const [method, args, message] of bad) {
      expect(() => validateArgs(method, args), `${method} ${JSON.stringify(args).slice(0, 80)}`).toThrow(ContractError);
      expect(() => validateArgs(method, args)).toThrow(message);
    }
  });
});
