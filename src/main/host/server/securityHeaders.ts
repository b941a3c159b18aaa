/**
 * Headers every HTTP answer of the headless host carries: the page's CSP
 * (from the one definition the meta tag is built from, plus
 * `frame-ancestors 'none'`), no MIME sniffing, no referrer (invite links
 * and the host key travel in URLs).
 */
import type { ServerResponse } from 'node:http';
import { CONTENT_SECURITY_POLICY_HEADER } from '../../../shared/contentSecurityPolicy';

const SECURITY_HEADERS: ReadonlyArray<[string, string]> = [
  ['Content-Security-Policy', CONTENT_SECURITY_POLICY_HEADER],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'no-referrer'],
];

/** Sets them on `response` before anything is written (writeHead merges its own on top). */
export function applySecurityHeaders(response: ServerResponse): void {
  for (const [name, value] of SECURITY_HEADERS) response.setHeader(name, value);
}
