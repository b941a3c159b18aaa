/**
 * The operations endpoints: `/metrics` (Prometheus text), `/healthz` and
 * `/readyz` (JSON, 200 or 503). On the separate metrics listener they are
 * open; on the main port, which friends reach, only with the host key
 * (`?key=` or `Authorization: Bearer`).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HostOps } from './hostOps';

export const OPS_PATHS: ReadonlySet<string> = new Set(['/metrics', '/healthz', '/readyz']);

export interface OpsAccess {
  /** When set, a request must present this key. */
  hostKey?: string;
}

/** Answers an operations path and returns true; returns false for any other path. */
export function serveOps(
  ops: HostOps,
  request: IncomingMessage,
  response: ServerResponse,
  access: OpsAccess = {},
): boolean {
  const url = new URL(request.url ?? '/', 'http://host');
  if (!OPS_PATHS.has(url.pathname)) return false;
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return true;
  }
  if (access.hostKey !== undefined && !presentsKey(request, url, access.hostKey)) {
    sendJson(response, 401, {
      error: 'this endpoint needs the host key (?key= or a Bearer token)',
    });
    return true;
  }
  if (url.pathname === '/metrics') {
    ops.metrics.text().then(
      (text) => {
        response.writeHead(200, {
          'Content-Type': ops.metrics.contentType,
          'Cache-Control': 'no-store',
        });
        response.end(request.method === 'HEAD' ? undefined : text);
      },
      (error: Error) => sendJson(response, 500, { error: error.message }),
    );
  } else {
    const report = url.pathname === '/healthz' ? ops.health.liveness() : ops.health.readiness();
    sendJson(response, report.status, report.body);
  }
  return true;
}

function presentsKey(request: IncomingMessage, url: URL, hostKey: string): boolean {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const given = Buffer.from(url.searchParams.get('key') ?? bearer ?? '');
  const expected = Buffer.from(hostKey);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(JSON.stringify(body));
}
