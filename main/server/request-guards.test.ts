import { describe, expect, it } from 'vitest';
import { hasValidToken, isAllowedHost, isAllowedOrigin } from './request-guards';

describe('kiln serve request guards', () => {
  it('accepts only our loopback host and port (DNS rebinding defence)', () => {
    expect(isAllowedHost('127.0.0.1:4000', 4000)).toBe(true);
    expect(isAllowedHost('localhost:4000', 4000)).toBe(true);
    expect(isAllowedHost('LOCALHOST:4000', 4000)).toBe(true);
    expect(isAllowedHost('evil.example:4000', 4000)).toBe(false);
    expect(isAllowedHost('127.0.0.1:4001', 4000)).toBe(false);
    expect(isAllowedHost('127.0.0.1', 4000)).toBe(false);
    expect(isAllowedHost(undefined, 4000)).toBe(false);
  });

  it('accepts requests without Origin and from our own origin only', () => {
    expect(isAllowedOrigin(undefined, 4000)).toBe(true);
    expect(isAllowedOrigin('http://127.0.0.1:4000', 4000)).toBe(true);
    expect(isAllowedOrigin('http://evil.example', 4000)).toBe(false);
    expect(isAllowedOrigin('null', 4000)).toBe(false);
  });

  it('requires the exact bearer token', () => {
    expect(hasValidToken('Bearer secret-token', 'secret-token')).toBe(true);
    expect(hasValidToken('Bearer secret-tokem', 'secret-token')).toBe(false);
    expect(hasValidToken('Bearer secret', 'secret-token')).toBe(false);
    expect(hasValidToken('secret-token', 'secret-token')).toBe(false);
    expect(hasValidToken(undefined, 'secret-token')).toBe(false);
  });
});
