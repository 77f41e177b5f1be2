import { describe, expect, it } from 'vitest';
import { commonTags } from '../sidebar/commonTags';
import { knownServices } from './knownServices';
import { labelsText, parseTagsForm } from './tagsForm';

describe('parseTagsForm', () => {
  it('gives no tags for a blank form (an import as the files say)', () => {
    expect(parseTagsForm('  ', '\n \n')).toEqual({ ok: true, tags: undefined });
  });

  it('trims the service and reads one KEY=VALUE a line, the value keeping later "=" signs', () => {
    expect(parseTagsForm(' checkout ', 'version=2\n  region=eu-west=1 \n\n')).toEqual({
      ok: true,
      tags: { service: 'checkout', labels: { version: '2', region: 'eu-west=1' } },
    });
    expect(parseTagsForm('', 'gone=')).toEqual({ ok: true, tags: { labels: { gone: '' } } });
  });

  it('refuses a line without KEY=', () => {
    expect(parseTagsForm('checkout', 'version')).toEqual({
      ok: false,
      error: 'label must be KEY=VALUE, got "version"',
    });
    expect(parseTagsForm('', '=2').ok).toBe(false);
  });

  it('writes labels back one a line, keys sorted', () => {
    expect(labelsText({ version: '2', build_id: 'ab' })).toBe('build_id=ab\nversion=2');
    expect(labelsText({})).toBe('');
  });
});

describe('commonTags and knownServices', () => {
  const items: { id: number; service: string | null; labels: Record<string, string> }[] = [
    { id: 1, service: 'checkout', labels: { version: '2', region: 'eu' } },
    { id: 2, service: 'checkout', labels: { version: '2', region: 'us' } },
    { id: 3, service: 'api', labels: { version: '2' } },
    { id: 4, service: null, labels: {} },
  ];

  it('keeps the service all share and the labels all carry with one value', () => {
    expect(commonTags(items, [1, 2])).toEqual({ service: 'checkout', labels: { version: '2' } });
    expect(commonTags(items, [1, 3])).toEqual({ service: null, labels: { version: '2' } });
    expect(commonTags(items, [])).toEqual({ service: null, labels: {} });
  });

  it('lists each named service once, sorted', () => {
    expect(knownServices(items)).toEqual(['api', 'checkout']);
  });
});
