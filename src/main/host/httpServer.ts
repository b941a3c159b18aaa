import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { WS_API_PATH } from '../../shared/bridge';
import { HOST_API_LIMITS } from '../../shared/hostApi';
import type { TextChannel } from '../../shared/textChannel';
import type { HostCore } from './hostCore';
import type { Logger } from './logger';
import { serveRpc, type RejectCounters } from './rpcServer';
import { createStaticHandler } from './staticFiles';

export interface HttpHostOptions {
  core: HostCore;
  /** Built renderer folder (out/renderer). */
  rendererDir: string;
  port: number;
  bind: string;
  logger: Logger;
}

export interface HttpHost {
  server: Server;
  url: string;
  rejects: RejectCounters;
  close(): Promise<void>;
}

/** Serves the UI and the host API WebSocket on one TCP port. */
export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const rejects: RejectCounters = {};
  const serveStatic = createStaticHandler(options.rendererDir);
  const server = createServer((request, response) => {
    serveStatic(request, response).catch((error: unknown) => {
      options.logger.error({ err: error }, 'static file error');
      if (!response.headersSent) response.writeHead(500).end('internal error');
    });
  });
  const sockets = new WebSocketServer({
    server,
    path: WS_API_PATH,
    maxPayload: HOST_API_LIMITS.maxMessageBytes,
    // A page from another origin must not drive this host (cross-site WebSocket hijacking).
    verifyClient: ({ origin, req }: { origin: string; req: IncomingMessage }) =>
      !origin || new URL(origin).host === req.headers.host,
  });
  sockets.on('connection', (socket) => {
    // ws reports oversized or malformed frames as socket errors and closes the socket itself.
    socket.on('error', (error: Error & { code?: string }) => {
      const code = error.code ?? 'socket_error';
      rejects[code] = (rejects[code] ?? 0) + 1;
    });
    serveRpc(wrapSocket(socket), options.core, rejects);
  });
  // The http server's own errors (EADDRINUSE) are handled where it listens.
  sockets.on('error', () => {});

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.bind, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}/`;

  return {
    server,
    url,
    rejects,
    close: () =>
      new Promise((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
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
        else listener('');
      }),
    onClose: (listener) => socket.on('close', () => listener()),
    close: () => socket.close(),
  };
}
