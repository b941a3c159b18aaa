import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { homedir, hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { HOST_ID_PATTERN } from '../fleet/directoryEntry';
import { LOG_LEVELS, type LogLevel } from './logger';
import { iceServerProblem } from '../../../shared/networkSettings';

export interface HostArgs {
  port: number;
  bind: string;
  dataDir: string;
  /** Write-behind sync interval, ms. */
  syncMs: number;
  /** Key the host's own UI presents to the host API; random unless given. */
  hostKey: string;
  /** STUN/TURN servers for friends' WebRTC, as node-datachannel takes them; none by default. */
  iceServers: string[];
  /** UDP ports WebRTC may use, inclusive; any free port when absent. */
  udpPorts: { begin: number; end: number } | undefined;
  /** The separate metrics listener's port (0: any free one); absent: none, /metrics only on the main port with the host key. */
  metricsPort: number | undefined;
  metricsBind: string;
  logLevel: LogLevel;
  /** The Redis directory of a fleet (redis:// or rediss:// URL); absent: a single host, no Redis. */
  directory: string | undefined;
  /** This host's id in the directory. */
  hostId: string;
  /** The address browsers reach this host at; replaces private addresses in WebRTC offers. */
  publicIp: string | undefined;
  /** Run under Agones: Ready, health, Allocated, Shutdown through the SDK sidecar. */
  agones: boolean;
  help: boolean;
}

export const HOST_USAGE = `Usage: npm run host -- [--port 7777] [--bind 127.0.0.1] [--data-dir DIR]

  --port      TCP port for the UI and the host API (0 picks a free one). Default 7777.
  --bind      Address to listen on. Default 127.0.0.1 (this machine only).
  --data-dir  Folder for the host's saved state. Default ~/.arbiter.
  --sync-ms   How often players' progress is written, ms (100..60000). Default 2000.
  --host-key  The key in the host URL that grants host control (16..128 of A-Z a-z 0-9 - _).
              Default: a new random key each start.
  --ice-server URL
              A STUN or TURN server for friends' WebRTC; give it again for more. Forms:
              stun:HOST:PORT, turn:USER:PASSWORD@HOST:PORT, turn:…?transport=tcp.
              Default: none (friends on the same network, or with a reachable address).
  --udp-ports BEGIN-END
              The UDP ports WebRTC may use, e.g. 50000-50100, to open in a firewall or
              forward in a router. Default: any free port.
  --metrics-port PORT
              Also serve /metrics, /healthz and /readyz without a key on this port
              (0 picks a free one). Default: off; the main port serves them with the host key.
  --metrics-bind ADDRESS
              Address of the metrics listener. Default 127.0.0.1 (never open to friends
              unless you say so, e.g. 0.0.0.0 for a Prometheus on another machine).
  --directory redis://HOST:PORT
              Join a fleet: register this host and its match in this Redis, list every
              host's matches (lobby, GET /matches) and reserve seats on other hosts.
              Default: off (a single host needs no Redis).
  --host-id ID
              This host's id in the directory (1..64 of A-Z a-z 0-9 . _ -).
              Default: the machine's name and a random suffix.
  --public-ip ADDRESS
              The IP address browsers reach this host at (behind NAT, in a cluster): put in
              WebRTC offers in place of private addresses, and in the directory.
  --agones    Run as an Agones game server: talk to the SDK sidecar (AGONES_SDK_GRPC_PORT),
              Ready once listening, health every 2 s while the engine ticks, start the
              match the allocation's labels name, Shutdown at match end.
  --log-level LEVEL
              fatal, error, warn, info, debug, trace or silent. Default info
              (or ARBITER_LOG_LEVEL). Logs are JSON lines on stderr; readable when it is a terminal.
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
      'ice-server': { type: 'string', multiple: true, default: [] },
      'udp-ports': { type: 'string' },
      'metrics-port': { type: 'string' },
      'metrics-bind': { type: 'string', default: '127.0.0.1' },
      'log-level': { type: 'string', default: process.env.ARBITER_LOG_LEVEL ?? 'info' },
      directory: { type: 'string' },
      'host-id': { type: 'string' },
      'public-ip': { type: 'string' },
      agones: { type: 'boolean', default: false },
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
  const metricsPort =
    values['metrics-port'] === undefined ? undefined : Number(values['metrics-port']);
  if (
    metricsPort !== undefined &&
    (!Number.isInteger(metricsPort) || metricsPort < 0 || metricsPort > 65535)
  ) {
    throw new Error(
      `--metrics-port must be an integer from 0 to 65535, got "${values['metrics-port']}"`,
    );
  }
  if (!values['metrics-bind']) throw new Error('--metrics-bind needs an address');
  const logLevel = values['log-level'] as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new Error(
      `--log-level must be one of ${LOG_LEVELS.join(', ')}, got "${values['log-level']}"`,
    );
  }
  const hostId = values['host-id'] ?? defaultHostId();
  if (!HOST_ID_PATTERN.test(hostId))
    throw new Error(`--host-id must be 1..64 of A-Z a-z 0-9 . _ -, got "${hostId.slice(0, 80)}"`);
  const publicIp = values['public-ip'];
  if (publicIp !== undefined && isIP(publicIp) === 0)
    throw new Error(`--public-ip must be an IPv4 or IPv6 address, got "${publicIp.slice(0, 80)}"`);
  return {
    directory: values.directory === undefined ? undefined : parseRedisUrl(values.directory),
    hostId,
    publicIp,
    agones: values.agones,
    metricsPort,
    metricsBind: values['metrics-bind'],
    logLevel,
    iceServers: values['ice-server'].map(parseIceServer),
    udpPorts: values['udp-ports'] === undefined ? undefined : parsePortRange(values['udp-ports']),
    port,
    bind: values.bind,
    dataDir: resolve(values['data-dir']),
    syncMs,
    hostKey,
    help: values.help,
  };
}

/** One --ice-server value, checked so a typo fails at start, not at a friend's first join. */
function parseIceServer(url: string): string {
  const problem = iceServerProblem(url);
  if (problem) throw new Error(`--ice-server ${problem}`);
  return url;
}

/** --directory: a redis:// or rediss:// URL with a host, checked at start rather than at the first write. */
function parseRedisUrl(text: string): string {
  let url: URL | null;
  try {
    url = new URL(text);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'redis:' && url.protocol !== 'rediss:') || !url.hostname)
    throw new Error(
      `--directory must be a Redis URL such as redis://127.0.0.1:6379, got "${text.replace(/\/\/[^@/]*@/, '//…@').slice(0, 80)}"`,
    );
  return text;
}

/** The machine's name (the pod's name under Kubernetes) and a random suffix, as a host id. */
function defaultHostId(): string {
  const name =
    hostname()
      .replace(/[^A-Za-z0-9_.-]/g, '-')
      .slice(0, 48) || 'host';
  return `${name}-${randomBytes(3).toString('hex')}`;
}

/** --udp-ports BEGIN-END: both ends 1024..65535, begin ≤ end. */
function parsePortRange(text: string): { begin: number; end: number } {
  const match = /^(\d{1,5})-(\d{1,5})$/.exec(text.trim());
  const begin = Number(match?.[1]);
  const end = Number(match?.[2]);
  if (!match || begin < 1024 || end > 65535 || begin > end) {
    throw new Error(
      `--udp-ports must be BEGIN-END with 1024 <= BEGIN <= END <= 65535, e.g. 50000-50100, got "${text.slice(0, 40)}"`,
    );
  }
  return { begin, end };
}
