import { describe, expect, it } from 'vitest';
import { sessionTokenOf, takeTokenFromUrl } from './sessionToken';

describe('takeTokenFromUrl', () => {
  it('takes the token and removes it from the URL', () => {
    expect(takeTokenFromUrl('http://127.0.0.1:4173/?token=abc123')).toEqual({
      token: 'abc123',
      cleanedUrl: 'http://127.0.0.1:4173/',
    });
  });

  it('keeps other parameters and the fragment', () => {
    expect(takeTokenFromUrl('http://127.0.0.1:4173/?a=1&token=t%2Bx&b=2#top')).toEqual({
      token: 't+x',
      cleanedUrl: 'http://127.0.0.1:4173/?a=1&b=2#top',
    });
  });

  it('leaves a URL without a token alone', () => {
    expect(takeTokenFromUrl('http://127.0.0.1:4173/?a=1')).toEqual({
      token: null,
      cleanedUrl: 'http://127.0.0.1:4173/?a=1',
    });
  });
});

describe('sessionTokenOf', () => {
  const memoryStorage = () => {
    const items = new Map<string, string>();
    return {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
    };
  };

  it('keeps the token for the tab, so a reload without it in the URL still has it', () => {
    const storage = memoryStorage();
    expect(sessionTokenOf('http://127.0.0.1:4173/?token=abc123', storage)).toEqual({
      token: 'abc123',
      cleanedUrl: 'http://127.0.0.1:4173/',
    });
    expect(sessionTokenOf('http://127.0.0.1:4173/?sel=3', storage)).toEqual({
      token: 'abc123',
      cleanedUrl: 'http://127.0.0.1:4173/?sel=3',
    });
  });

  it('lets a fresh address replace the token an earlier run left', () => {
    const storage = memoryStorage();
    sessionTokenOf('http://127.0.0.1:4173/?token=old', storage);
    expect(sessionTokenOf('http://127.0.0.1:4173/?token=new', storage).token).toBe('new');
    expect(sessionTokenOf('http://127.0.0.1:4173/', storage).token).toBe('new');
  });

  it('has no token without one in the URL or the storage', () => {
    expect(sessionTokenOf('http://127.0.0.1:4173/', memoryStorage()).token).toBeNull();
    expect(sessionTokenOf('http://127.0.0.1:4173/', null).token).toBeNull();
  });
});
