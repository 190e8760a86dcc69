/**
 * Headers sent with every response. The app is same-origin only: scripts, styles, workers and
 * API calls come from this server. Exceptions, each needed by a feature:
 * - worker-src blob:  the analysis worker may be started from a blob URL;
 * - connect-src https:  "open a capture from a URL" (?url=) fetches from other origins;
 * - connect-src/img-src blob: data:  exports and downloads go through object URLs.
 */
import type { ServerResponse } from 'node:http';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' https: blob: data:",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(publicUrl: string | undefined): [string, string][] {
  const headers: [string, string][] = [
    ['Content-Security-Policy', CONTENT_SECURITY_POLICY],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'no-referrer'],
    ['X-Frame-Options', 'DENY'], // frame-ancestors for browsers that predate CSP level 2
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()'],
  ];
  // HSTS only when the operator declared an https origin; on plain http it would be ignored at
  // best and, behind a misconfigured proxy, lock users out at worst.
  if (publicUrl?.startsWith('https:')) headers.push(['Strict-Transport-Security', 'max-age=31536000']);
  return headers;
}

export function applySecurityHeaders(res: ServerResponse, headers: readonly [string, string][]): void {
  for (const [name, value] of headers) res.setHeader(name, value);
}
