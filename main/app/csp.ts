/**
 * The renderer's Content-Security-Policy, sent as a response header on every
 * kiln:// response (main/app/protocol.ts) and, for defence in depth, on every
 * other response through session.webRequest.onHeadersReceived (navigation.ts).
 * The renderer's index.html carries a meta copy; when both apply the browser
 * enforces both, so the effective policy is at least this strict.
 *
 * No inline script or style, no eval, no network: the renderer talks to main
 * only through the preload's window.kiln.
 */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CSP_HEADER = 'Content-Security-Policy';

/**
 * Returns response headers with any CSP header (in any letter case, including
 * Report-Only) replaced by `csp`. The input is not modified.
 */
export function withCspHeader(
  headers: Record<string, string | string[]> | undefined,
  csp: string = RENDERER_CSP,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only') continue;
    out[name] = Array.isArray(value) ? [...value] : [value];
  }
  out[CSP_HEADER] = [csp];
  return out;
}
