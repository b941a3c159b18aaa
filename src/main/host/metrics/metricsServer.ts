/**
 * The separate metrics listener (`--metrics-port`, `--metrics-bind`):
 * `/metrics`, `/healthz` and `/readyz` without a key, on an address
 * friends do not reach unless the operator says so (loopback by default).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HostOps } from './hostOps';
import { serveOps } from './opsRoutes';

export interface MetricsServer {
  server: Server;
  /** http://address:port/ */
  url: string;
  close(): Promise<void>;
}

export async function startMetricsServer(
  ops: HostOps,
  port: number,
  bind: string,
): Promise<MetricsServer> {
  const server = createServer((request, response) => {
    if (!serveOps(ops, request, response)) {
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      response.end('not found: try /metrics, /healthz or /readyz\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, bind, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${host}:${address.port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
