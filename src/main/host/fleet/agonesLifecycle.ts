/**
 * The host as an Agones game server, through the SDK sidecar
 * (`@google-cloud/agones-sdk`, gRPC on localhost:AGONES_SDK_GRPC_PORT):
 * connect (retried with backoff, never blocking the host), `ready()` once the
 * listen server is up, a health ping every 2 s only while the engine worker
 * ticks on time (a stalled worker goes quiet, so Agones marks it Unhealthy),
 * and on Allocated the match the allocation's annotation or label
 * `arbiter.dev/config` names. At the match's end it calls `onMatchEnd`, which
 * flushes, deregisters and finally calls `shutdown()` here.
 */
import AgonesSDK from '@google-cloud/agones-sdk';
import type { HostCore, HostSession } from '../hostCore';
import type { Logger } from '../server/index';
import type { FleetMetrics } from '../metrics/index';

/** The annotation (or label) that names the config an allocation starts. */
export const CONFIG_KEY = 'arbiter.dev/config';

type GameServer = Awaited<ReturnType<AgonesSDK['getGameServer']>>;

export interface AgonesOptions {
  core: HostCore;
  logger: Logger;
  metrics: FleetMetrics;
  /** Between health pings, ms (default 2000). */
  healthIntervalMs?: number;
  /** One connection attempt's limit, ms (default 10000); then retried with backoff. */
  connectTimeoutMs?: number;
  /** The match ended (or Agones asked to shut down): flush, deregister, then `shutdown()`. */
  onMatchEnd(): void;
  /** The address and ports Agones gave this game server, once known. */
  onAddress?(address: string, ports: Array<{ name: string; port: number }>): void;
}

const MAX_RETRY_MS = 30_000;

export class AgonesLifecycle {
  private sdk: AgonesSDK | null = null;
  private healthTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly session: HostSession;
  private allocated = false;
  private matchStarted = false;
  private ended = false;
  private closed = false;
  private listening = false;
  private connected = false;

  constructor(private readonly options: AgonesOptions) {
    this.session = options.core.openSession((event, data) => this.onHostEvent(event, data));
    void this.session.request('subscribe', { topics: ['scoreboard'] });
  }

  /** Starts connecting in the background; resolves at once. */
  start(): void {
    void this.connect(0);
  }

  /** The listen server is up: Ready (now, or once connected). */
  listenerUp(): void {
    this.listening = true;
    if (this.connected) void this.call('ready', () => this.sdk!.ready());
  }

  /** Tells Agones this game server is done, then closes the connection. */
  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.stopHealth();
    if (this.connected) await this.call('shutdown', () => this.sdk!.shutdown());
    this.close();
  }

  close(): void {
    this.closed = true;
    this.stopHealth();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.session.close();
    this.sdk?.close();
  }

  private async connect(attempt: number): Promise<void> {
    if (this.closed) return;
    const sdk = new AgonesSDK();
    const limitMs = this.options.connectTimeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        sdk.connect(),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer from the SDK sidecar within ${limitMs} ms`)),
            limitMs,
          );
        }),
      ]);
    } catch (error) {
      clearTimeout(timer);
      sdk.close();
      this.options.metrics.agonesCall('connect', false);
      const waitMs = Math.min(1000 * 2 ** attempt, MAX_RETRY_MS);
      this.options.logger.error(
        { err: (error as Error).message, retryInMs: waitMs },
        'Agones SDK sidecar not reachable; the host serves on and retries',
      );
      if (!this.closed)
        this.retryTimer = setTimeout(() => void this.connect(attempt + 1), waitMs).unref();
      return;
    }
    clearTimeout(timer);
    if (this.closed) return sdk.close();
    this.sdk = sdk;
    this.connected = true;
    this.options.metrics.agonesCall('connect', true);
    this.options.logger.info('connected to the Agones SDK sidecar');
    this.startHealth();
    sdk.watchGameServer(
      (gameServer) => this.onGameServer(gameServer),
      (error) =>
        this.options.logger.warn({ err: (error as Error).message }, 'Agones watch stream ended'),
    );
    if (this.listening) void this.call('ready', () => sdk.ready());
  }

  private startHealth(): void {
    const ping = () => {
      // Only while the engine ticks on time (or owes no ticks): silence is how Agones learns of a stall.
      if (!this.options.core.ops.health.liveness().body.checks.engine.ok) return;
      this.sdk?.health((error) => {
        this.options.metrics.agonesCall('health', false);
        this.options.logger.warn({ err: (error as Error).message }, 'Agones health ping failed');
      });
      this.options.metrics.agonesCall('health', true);
    };
    ping();
    this.healthTimer = setInterval(ping, this.options.healthIntervalMs ?? 2000);
    this.healthTimer.unref();
  }

  private stopHealth(): void {
    if (this.healthTimer) clearInterval(this.healthTimer);
    this.healthTimer = null;
  }

  private onGameServer(gameServer: GameServer): void {
    const status = gameServer.status;
    if (status?.address) this.options.onAddress?.(status.address, status.portsList ?? []);
    if (status?.state === 'Allocated' && !this.allocated) {
      this.allocated = true;
      void this.startAllocatedMatch(gameServer);
    }
    if (status?.state === 'Shutdown') this.end('Agones shut this game server down');
  }

  private async startAllocatedMatch(gameServer: GameServer): Promise<void> {
    const meta = gameServer.objectMeta;
    const named =
      meta?.annotationsMap?.find(([key]) => key === CONFIG_KEY)?.[1] ??
      meta?.labelsMap?.find(([key]) => key === CONFIG_KEY)?.[1];
    const configName = named ?? 'default';
    try {
      await this.session.request('match.start', { configName });
    } catch (error) {
      this.options.logger.error(
        { configName, err: (error as Error).message },
        'the allocation names a config that cannot start; starting the default config',
      );
      this.options.metrics.agonesCall('allocated_config', false);
      await this.session.request('match.start', {}).catch(() => {});
    }
    this.matchStarted = true;
    this.options.logger.info({ configName }, 'allocated: match started');
  }

  private onHostEvent(event: string, data: unknown): void {
    if (!this.matchStarted) return;
    const ended =
      (event === 'scoreboard' && (data as { phase?: string }).phase === 'ended') ||
      (event === 'match' && (data as { running?: boolean }).running === false);
    if (ended) this.end('the match ended');
  }

  private end(why: string): void {
    if (this.ended) return;
    this.ended = true;
    this.options.logger.info({ why }, 'game server done');
    this.options.onMatchEnd();
  }

  private async call(name: string, run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
      this.options.metrics.agonesCall(name, true);
    } catch (error) {
      this.options.metrics.agonesCall(name, false);
      this.options.logger.error({ err: (error as Error).message }, `Agones ${name} failed`);
    }
  }
}
