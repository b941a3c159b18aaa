/**
 * What operations see of one host core: its metrics and its health, wired
 * to the engine and the roster here so the rest of the host only calls a
 * method where something happens.
 */
import type { EngineHost } from '../match/index';
import type { StateManager } from '../persistence/stateManager';
import { readHeartbeat } from './engineHeartbeat';
import { HostHealth } from './health';
import type { HostMetrics, PlayerCounts } from './hostMetrics';
import { sandboxUsageOf } from './sandboxUsage';

export interface HostOps {
  readonly metrics: HostMetrics;
  readonly health: HostHealth;
  /** Reads per-author sandbox figures from a `behaviors` event. */
  behaviorsReported(event: unknown): void;
  dispose(): void;
}

export interface HostOpsParts {
  metrics: HostMetrics;
  engine: EngineHost;
  state: StateManager;
  players(): PlayerCounts;
}

export function createHostOps({ metrics, engine, state, players }: HostOpsParts): HostOps {
  engine.on('stats', (stats) => metrics.engineStats(stats));
  engine.on('netPackets', ({ batch }) => metrics.snapshotsSent(batch.packets, batch.payloadBytes));
  engine.on('behavior', (event) => metrics.behaviorEvent(event.kind));
  metrics.countPlayersWith(players);
  metrics.matchRunningWith(() => readHeartbeat(engine.heartbeat, Date.now()).periodMs > 0);
  const health = new HostHealth({
    heartbeat: engine.heartbeat,
    engineAlive: () => engine.alive,
    storage: () => ({ file: state.file, warning: state.warning }),
  });
  return {
    metrics,
    health,
    behaviorsReported(event) {
      for (const [author, usage] of sandboxUsageOf(event)) metrics.sandboxUsage(author, usage);
    },
    dispose: () => health.dispose(),
  };
}
