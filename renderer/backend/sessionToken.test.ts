import { describe, expect, it } from 'vitest';
import { takeTokenFromUrl } from './sessionToken';

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
