/**
 * The fleet's HTTP routes on the host's main port (no host key: a lobby is
 * public in a fleet):
 * - `GET /matches`: every host's open matches, JSON
 *   `{ matches: ListedMatch[], self: hostId }`; 503 with `error` while Redis is out of reach.
 * - `POST /matches/join` with `{ hostId, matchId }`: reserves a seat on the
 *   owning host; 200 `{ url, expiresAt }` (open `url` to join), or 4xx/5xx `{ reason, error }`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { FleetNode } from './fleetNode';
import type { ReservationRefusal } from './seatReservations';

export const MATCHES_PATH = '/matches';
export const JOIN_PATH = '/matches/join';
const MAX_BODY_BYTES = 1024;

const joinSchema = z
  .object({ hostId: z.string().min(1).max(64), matchId: z.string().min(1).max(64) })
  .strict();

const STATUS_OF: Record<ReservationRefusal, number> = {
  full: 409,
  no_such_match: 404,
  gone: 404,
  bad_request: 400,
  timeout: 504,
  unavailable: 503,
};

/** Answers a fleet path and returns true; false for any other path. */
export function serveFleet(
  node: FleetNode,
  request: IncomingMessage,
  response: ServerResponse,
): boolean {
  const path = new URL(request.url ?? '/', 'http://host').pathname;
  if (path === MATCHES_PATH) {
    if (request.method !== 'GET') return (refuseMethod(response, 'GET'), true);
    node.list().then(
      (matches) => sendJson(response, 200, { self: node.hostId, matches }),
      (error: Error) => sendJson(response, 503, { error: error.message }),
    );
    return true;
  }
  if (path === JOIN_PATH) {
    if (request.method !== 'POST') return (refuseMethod(response, 'POST'), true);
    void join(node, request, response);
    return true;
  }
  return false;
}

async function join(node: FleetNode, request: IncomingMessage, response: ServerResponse) {
  const body = await readBody(request);
  if (body === null)
    return sendJson(response, 413, { reason: 'bad_request', error: 'the request is too large' });
  let parsed;
  try {
    parsed = joinSchema.safeParse(JSON.parse(body));
  } catch {
    parsed = null;
  }
  if (!parsed?.success)
    return sendJson(response, 400, {
      reason: 'bad_request',
      error: 'send JSON {"hostId": "…", "matchId": "…"}',
    });
  const answer = await node.reserve(parsed.data.hostId, parsed.data.matchId);
  if (answer.ok) return sendJson(response, 200, { url: answer.url, expiresAt: answer.expiresAt });
  sendJson(response, STATUS_OF[answer.reason], { reason: answer.reason, error: answer.message });
}

/** The body as text, or null past the size limit. */
function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    let size = 0;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit the rest is drained unread, so the client still gets its 413.
      if (size > MAX_BODY_BYTES) resolve(null);
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString()));
    request.on('error', () => resolve(null));
  });
}

function refuseMethod(response: ServerResponse, allow: string): void {
  response.writeHead(405, { Allow: allow }).end();
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return;
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(JSON.stringify(body));
}
