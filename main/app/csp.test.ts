import { describe, expect, it } from 'vitest';
import { RENDERER_CSP, withCspHeader } from './csp';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
}

describe('RENDERER_CSP', () => {
  const d = directives(RENDERER_CSP);

  it('denies by default and allows scripts only from the app itself', () => {
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
  });

  it('has no inline script, eval or remote hosts anywhere', () => {
    expect(RENDERER_CSP).not.toContain("'unsafe-inline'");
    expect(RENDERER_CSP).not.toContain("'unsafe-eval'");
    expect(RENDERER_CSP).not.toMatch(/https?:|\*/);
  });
});

describe('withCspHeader', () => {
  it('replaces any CSP header, whatever its case, and keeps the others', () => {
    const out = withCspHeader({
      'content-security-policy': ['default-src *'],
      'Content-Security-Policy-Report-Only': 'default-src *',
      'Content-Type': 'text/html',
    });
    expect(out).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [RENDERER_CSP] });
  });

  it('adds the header when there were no headers', () => {
    expect(withCspHeader(undefined)).toEqual({ 'Content-Security-Policy': [RENDERER_CSP] });
  });

  it('does not modify its input', () => {
    const input = { 'content-security-policy': ['x'] };
    withCspHeader(input);
    expect(input).toEqual({ 'content-security-policy': ['x'] });
  });
});
