/**
 * Checks every request to `kiln serve` passes before anything else runs.
 * - Host: only our own loopback name and port, so a DNS-rebinding page whose
 *   name resolves to 127.0.0.1 is refused (its Host header is its own name).
 * - Origin (when a browser sends one): only our own origin, so another site
 *   cannot POST to the API.
 * - Token: a per-run secret, compared in constant time.
 */
import { timingSafeEqual } from 'node:crypto';

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader !== undefined && allowedHosts(port).has(hostHeader.toLowerCase());
}

export function isAllowedOrigin(originHeader: string | undefined, port: number): boolean {
  if (originHeader === undefined) return true;
  return originHeader === `http://127.0.0.1:${port}` || originHeader === `http://localhost:${port}`;
}

export function hasValidToken(authorization: string | undefined, token: string): boolean {
  if (!authorization?.startsWith('Bearer ')) return false;
  const given = Buffer.from(authorization.slice('Bearer '.length));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
