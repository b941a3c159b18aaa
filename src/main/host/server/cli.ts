/**
 * The headless host: the same host core as the desktop app, without a
 * window. Serves the built UI and the host API on one port.
 */
import { appPathsFrom } from './appPaths';
import { HOST_USAGE, parseHostArgs, type HostArgs } from './cliArgs';
import { createHostCore } from '../hostCore';
import { Fleet } from '../fleet/index';
import { startHttpHost } from './httpServer';
import { createLogger, hideFromLogs } from './logger';
import { startMetricsServer, type MetricsServer } from '../metrics/index';

const SHUTDOWN_DEADLINE_MS = 2000;

async function main(): Promise<void> {
  let args: HostArgs;
  try {
    args = parseHostArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`arbiter host: ${(error as Error).message}\n\n${HOST_USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(HOST_USAGE);
    return;
  }
  const logger = createLogger(args.logLevel);
  hideFromLogs(args.hostKey);
  const paths = appPathsFrom(import.meta.url);
  let core;
  try {
    core = createHostCore({
      mode: 'headless',
      version: paths.version,
      resourcesDir: paths.resourcesDir,
      dataDir: args.dataDir,
      syncIntervalMs: args.syncMs,
      iceServers: args.iceServers,
      udpPorts: args.udpPorts,
      publicIp: args.publicIp,
      workerUrl: paths.workerUrl,
      logger,
    });
  } catch (error) {
    console.error(`arbiter host: ${(error as Error).message}`);
    process.exit(1);
  }
  let shutdown = (signal: string) => void signal;
  const fleet = Fleet.wanted(args)
    ? new Fleet({
        ...args,
        version: paths.version,
        core,
        logger,
        onDone: () => shutdown('match end'),
      })
    : null;
  let http;
  try {
    http = await startHttpHost({
      core,
      rendererDir: paths.rendererDir,
      port: args.port,
      bind: args.bind,
      hostKey: args.hostKey,
      onFriendSocket: (socket) => core.handleFriendSocket(socket),
      route: fleet?.route,
      logger,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EADDRINUSE'
        ? `port ${args.port} on ${args.bind} is already in use (try --port 0 or another port)`
        : code === 'EADDRNOTAVAIL'
          ? `cannot listen on ${args.bind}: no such address on this machine`
          : (error as Error).message;
    console.error(`arbiter host: ${reason}`);
    await core.dispose();
    process.exit(1);
  }
  core.setUrl(http.url);
  fleet?.listening(http.url);
  let metricsServer: MetricsServer | null = null;
  if (args.metricsPort !== undefined) {
    try {
      metricsServer = await startMetricsServer(core.ops, args.metricsPort, args.metricsBind);
    } catch (error) {
      console.error(
        `arbiter host: cannot serve metrics on ${args.metricsBind}:${args.metricsPort}: ${(error as Error).message}`,
      );
      await Promise.all([http.close(), core.dispose()]);
      process.exit(1);
    }
  }
  console.log(`Arbiter host serving ${http.url}`);
  console.log(`Open ${http.hostUrl} to run it (the key in that link grants host control).`);
  if (metricsServer) console.log(`Metrics on ${metricsServer.url}metrics (also /healthz, /readyz)`);

  let stopping = false;
  shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      console.error('arbiter host: shutdown took too long, exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    // Flush the write-behind (dispose), then leave the directory and tell Agones (fleet.stop).
    Promise.all([http.close(), metricsServer?.close(), core.dispose()])
      .then(() => fleet?.stop())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

void main();
