import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

export interface HostArgs {
  port: number;
  bind: string;
  dataDir: string;
  /** Write-behind sync interval, ms. */
  syncMs: number;
  /** Key the host's own UI presents to the host API; random unless given. */
  hostKey: string;
  help: boolean;
}

export const HOST_USAGE = `Usage: npm run host -- [--port 7777] [--bind 127.0.0.1] [--data-dir DIR]

  --port      TCP port for the UI and the host API (0 picks a free one). Default 7777.
  --bind      Address to listen on. Default 127.0.0.1 (this machine only).
  --data-dir  Folder for the host's saved state. Default ~/.arbiter.
  --sync-ms   How often players' progress is written, ms (100..60000). Default 2000.
  --host-key  The key in the host URL that grants host control (16..128 of A-Z a-z 0-9 - _).
              Default: a new random key each start.
`;

/** Parses the headless host's flags; throws an Error with a one-line reason. */
export function parseHostArgs(argv: string[]): HostArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '7777' },
      bind: { type: 'string', default: '127.0.0.1' },
      'data-dir': { type: 'string', default: join(homedir(), '.arbiter') },
      'sync-ms': { type: 'string', default: '2000' },
      'host-key': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be an integer from 0 to 65535, got "${values.port}"`);
  }
  if (!values.bind) throw new Error('--bind needs an address');
  const syncMs = Number(values['sync-ms']);
  if (!Number.isInteger(syncMs) || syncMs < 100 || syncMs > 60_000) {
    throw new Error(`--sync-ms must be an integer from 100 to 60000, got "${values['sync-ms']}"`);
  }
  const hostKey = values['host-key'] ?? randomBytes(18).toString('base64url');
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(hostKey)) {
    throw new Error('--host-key must be 16..128 characters of A-Z a-z 0-9 - _');
  }
  return {
    port,
    bind: values.bind,
    dataDir: resolve(values['data-dir']),
    syncMs,
    hostKey,
    help: values.help,
  };
}
