import { describe, expect, it } from 'vitest';
import { tagsQuery } from './httpUpload';

describe('tagsQuery', () => {
  it('is empty without tags', () => {
    expect(tagsQuery(undefined)).toBe('');
    expect(tagsQuery({})).toBe('');
  });

  it('sends the service and one label= per label, encoded (values may hold "=" and "&")', () => {
    const query = tagsQuery({ service: 'check out', labels: { version: '2', note: 'a=b&c' } });
    expect(query).toBe('&service=check%20out&label=version%3D2&label=note%3Da%3Db%26c');
    const params = new URLSearchParams(query.slice(1));
    expect(params.get('service')).toBe('check out');
    expect(params.getAll('label')).toEqual(['version=2', 'note=a=b&c']);
  });
});
