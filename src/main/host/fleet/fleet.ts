/**
 * The fleet parts of one headless host, as the command line asks for them:
 * the Redis directory (`--directory`), Agones (`--agones`) and the public
 * address (`--public-ip`, or the one Agones gives). Without those flags the
 * host never creates this and stays a single host, as before.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HostCore } from '../hostCore';
import type { Logger } from '../server/index';
import { FleetMetrics } from '../metrics/index';
import { AgonesLifecycle } from './agonesLifecycle';
import { serveFleet } from './fleetRoutes';
import { FleetNode } from './fleetNode';

export interface FleetSettings {
  directory: string | undefined;
  hostId: string;
  publicIp: string | undefined;
  agones: boolean;
  version: string;
  core: HostCore;
  logger: Logger;
  /** Agones says this game server is done (its match ended): shut the host down. */
  onDone(): void;
}

export class Fleet {
  private node: FleetNode | null = null;
  private readonly agones: AgonesLifecycle | null;
  private readonly metrics: FleetMetrics;
  private publicIp: string | undefined;

  constructor(private readonly settings: FleetSettings) {
    this.metrics = new FleetMetrics(settings.core.ops.metrics.registry);
    this.publicIp = settings.publicIp;
    this.agones = settings.agones
      ? new AgonesLifecycle({
          core: settings.core,
          logger: settings.logger,
          metrics: this.metrics,
          onMatchEnd: () => settings.onDone(),
          onAddress: (address) => this.agonesAddress(address),
        })
      : null;
    this.agones?.start();
  }

  /** Whether any fleet part is on. */
  static wanted(settings: Pick<FleetSettings, 'directory' | 'agones'>): boolean {
    return settings.directory !== undefined || settings.agones;
  }

  /** The fleet's HTTP routes, for the host's main port. */
  readonly route = (request: IncomingMessage, response: ServerResponse): boolean =>
    this.node !== null && serveFleet(this.node, request, response);

  /** The listen server is up at `url`: register in the directory, tell Agones Ready. */
  listening(url: string): void {
    const { directory, hostId, version, core, logger } = this.settings;
    if (directory !== undefined) {
      this.node = new FleetNode({
        core,
        directoryUrl: directory,
        hostId,
        address: this.publicUrl(url),
        version,
        logger,
        metrics: this.metrics,
      });
      this.node.start();
      logger.info({ hostId }, 'registered in the fleet directory');
    }
    this.agones?.listenerUp();
  }

  /** Leaves the directory at once (the write-behind was flushed before), then Agones `shutdown()`. */
  async stop(): Promise<void> {
    await this.node?.stop();
    await this.agones?.shutdown();
  }

  private agonesAddress(address: string): void {
    if (this.settings.publicIp !== undefined || this.publicIp === address) return;
    this.publicIp = address;
    this.settings.core.setPublicIp(address);
    this.node?.setAddress(this.publicUrl(this.node.address));
  }

  /** The URL with its host replaced by the public IP, where one is known. */
  private publicUrl(url: string): string {
    if (!this.publicIp) return url;
    const parsed = new URL(url);
    parsed.hostname = this.publicIp.includes(':') ? `[${this.publicIp}]` : this.publicIp;
    return parsed.toString();
  }
}
