import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { WS_API_PATH } from '../../../shared/bridge';
import { HOST_API_LIMITS } from '../../../shared/hostApi';
import { MAX_SIGNAL_BYTES, SIGNAL_PATH } from '../../../shared/signaling';
import type { TextChannel } from '../../../shared/textChannel';
import type { HostCore } from '../hostCore';
import type { Logger } from './logger';
import { serveRpc, type RejectCounters, type SessionOpener } from './rpcServer';
import { applySecurityHeaders } from './securityHeaders';
import { createStaticHandler } from './staticFiles';
import { serveOps } from '../metrics/index';

export interface HttpHostOptions {
  core: HostCore;
  /** Built renderer folder (out/renderer). */
  rendererDir: string;
  port: number;
  bind: string;
  logger: Logger;
  /**
   * The host API (`/api`) is the host's own: a connection must present this
   * key (`?key=`). Friends never get it; they join through `/signal`.
   */
  hostKey: string;
  /** Friends' signaling sockets (`/signal`); absent: the path is refused. */
  onFriendSocket?: (socket: WebSocket, request: IncomingMessage) => void;
  /** More HTTP routes (the fleet's `/matches`): true when it answered the request. */
  route?: (request: IncomingMessage, response: ServerResponse) => boolean;
}

export interface HttpHost {
  server: Server;
  url: string;
  /** The URL that opens the host's own UI (carries the host key). */
  hostUrl: string;
  rejects: RejectCounters;
  close(): Promise<void>;
}

const sameOrigin = (request: IncomingMessage) => {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
};

function sessionToken(request: IncomingMessage): string | null {
  const token = new URL(request.url ?? '/', 'http://host').searchParams.get('session');
  return token && /^[A-Za-z0-9_-]{22,64}$/.test(token) ? token : null;
}

function keyMatches(request: IncomingMessage, hostKey: string): boolean {
  const given = new URL(request.url ?? '/', 'http://host').searchParams.get('key') ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(hostKey);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Serves the UI, the host API WebSocket and friends' signaling on one TCP port. */
export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const rejects: RejectCounters = {};
  const count = (code: string) => (rejects[code] = (rejects[code] ?? 0) + 1);
  const serveStatic = createStaticHandler(options.rendererDir);
  const server = createServer((request, response) => {
    applySecurityHeaders(response);
    // /metrics, /healthz, /readyz: friends reach this port, so only with the host key.
    if (serveOps(options.core.ops, request, response, { hostKey: options.hostKey })) return;
    if (options.route?.(request, response)) return;
    serveStatic(request, response).catch((error: unknown) => {
      options.logger.error({ err: error }, 'static file error');
      if (!response.headersSent) response.writeHead(500).end('internal error');
    });
  });
  const api = new WebSocketServer({ noServer: true, maxPayload: HOST_API_LIMITS.maxMessageBytes });
  const signal = new WebSocketServer({ noServer: true, maxPayload: MAX_SIGNAL_BYTES });

  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    options.logger.debug({ url: request.url, origin: request.headers.origin }, 'websocket upgrade');
    const refuse = (status: number, code: string) => {
      count(code);
      socket.end(`HTTP/1.1 ${status} ${code}\r\nConnection: close\r\n\r\n`);
    };
    if (path === WS_API_PATH && sessionToken(request) !== null) {
      // A friend editing behaviors: their session token (a secret only their page holds) is what
      // admits them, from any origin (their own app), and only to the editor's methods.
      const editor = options.core.editorFor(sessionToken(request)!);
      if (!editor) return refuse(403, 'not_an_editor');
      api.handleUpgrade(request, socket, head, (ws) => {
        watchErrors(ws);
        const opener: SessionOpener = {
          openSession: (sink, transport) =>
            options.core.openEditorSession(editor.playerId, sink, transport?.end),
        };
        serveRpc(wrapSocket(ws), opener, rejects);
      });
    } else if (path === WS_API_PATH) {
      // A page from another origin must not drive this host (cross-site WebSocket hijacking).
      if (!sameOrigin(request)) return refuse(403, 'forbidden_origin');
      if (!keyMatches(request, options.hostKey)) return refuse(401, 'bad_host_key');
      api.handleUpgrade(request, socket, head, (ws) => api.emit('connection', ws, request));
    } else if (path === SIGNAL_PATH && options.onFriendSocket) {
      // Any origin: a friend's own app or another page may join; the invite is what admits them.
      signal.handleUpgrade(request, socket, head, (ws) => options.onFriendSocket!(ws, request));
    } else {
      refuse(404, 'no_such_endpoint');
    }
  });
  // ws reports oversized or malformed frames as socket errors and closes the socket itself.
  const watchErrors = (socket: WebSocket) =>
    socket.on('error', (error: Error & { code?: string }) => count(error.code ?? 'socket_error'));
  api.on('connection', (socket: WebSocket) => {
    watchErrors(socket);
    serveRpc(wrapSocket(socket), options.core, rejects);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.bind, () => {
      server.off('error', reject);
      resolve();
    });
  });
  options.core.ops.health.watchListener('http', server);
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}/`;

  return {
    server,
    url,
    hostUrl: `${url}#host=${encodeURIComponent(options.hostKey)}`,
    rejects,
    close: () =>
      new Promise((resolve) => {
        for (const client of [...api.clients, ...signal.clients]) client.terminate();
        api.close();
        signal.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function wrapSocket(socket: WebSocket): TextChannel {
  return {
    send: (text) => {
      if (socket.readyState === socket.OPEN) socket.send(text);
    },
    onMessage: (listener) =>
      socket.on('message', (data, isBinary) => {
        if (!isBinary) listener(data.toString());
      }),
    // Binary frames: the host window's state lane (its player link's input packets).
    sendBytes: (bytes) => {
      if (socket.readyState === socket.OPEN) socket.send(bytes, { binary: true });
    },
    onBytes: (listener) =>
      socket.on('message', (data, isBinary) => {
        if (isBinary) listener(bytesOf(data));
      }),
    onClose: (listener) => socket.on('close', (_code, reason) => listener(reason.toString())),
    // 4001: the host ended the session (kick, ban, revoked invite); a close reason fits 123 bytes.
    close: (reason) => (reason ? socket.close(4001, reason.slice(0, 120)) : socket.close()),
  };
}

/** A plain Uint8Array view (a Buffer's `slice` shares its pooled memory rather than copying). */
function bytesOf(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  const buffer = Array.isArray(data) ? Buffer.concat(data) : data;
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
