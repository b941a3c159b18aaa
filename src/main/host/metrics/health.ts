/**
 * `/healthz` (alive) and `/readyz` (ready for players), as JSON that says
 * why. Alive: the host's event loop answers without long stalls and the
 * engine worker ticks within twice its period while a match runs. Ready:
 * the database is open and saving (or the host runs in memory, as it said
 * at start), and every listen server is up.
 */
import type { EngineHeartbeat } from './engineHeartbeat';
import { readHeartbeat } from './engineHeartbeat';
import { EventLoopMonitor } from './eventLoopMonitor';

export interface Check {
  ok: boolean;
  /** What is wrong (or worth knowing), in words. */
  reason?: string;
  [detail: string]: unknown;
}

export interface HealthReport {
  /** 200 or 503. */
  status: number;
  body: { status: 'ok' | 'unavailable'; checks: Record<string, Check> };
}

export interface HealthSources {
  heartbeat: EngineHeartbeat;
  /** False once the engine worker exited. */
  engineAlive(): boolean;
  /** The state file (":memory:" when the host fell back to memory) and its current warning. */
  storage(): { file: string; warning: string | null };
}

/** A delay of the host's event loop this long within the window makes it unhealthy. */
export const EVENT_LOOP_LIMIT_MS = 1000;
export const EVENT_LOOP_WINDOW_MS = 10_000;

export class HostHealth {
  private readonly loop = new EventLoopMonitor();
  private readonly listeners = new Map<string, { readonly listening: boolean }>();

  constructor(private readonly sources: HealthSources) {}

  /** A listen server readiness depends on (the HTTP port, the friends' port). */
  watchListener(name: string, server: { readonly listening: boolean }): void {
    this.listeners.set(name, server);
  }

  liveness(nowMs = Date.now()): HealthReport {
    const loop = this.loop.read(EVENT_LOOP_WINDOW_MS);
    const eventLoop: Check =
      loop.worstMs >= EVENT_LOOP_LIMIT_MS
        ? {
            ok: false,
            reason: `the event loop was blocked for ${loop.worstMs} ms, ${Math.round(loop.agoMs ?? 0)} ms ago`,
            worstDelayMs: loop.worstMs,
          }
        : { ok: true, worstDelayMs: loop.worstMs };
    return report({ eventLoop, engine: this.engineCheck(nowMs) });
  }

  readiness(): HealthReport {
    return report({ database: this.databaseCheck(), listen: this.listenCheck() });
  }

  dispose(): void {
    this.loop.dispose();
  }

  private engineCheck(nowMs: number): Check {
    if (!this.sources.engineAlive())
      return { ok: false, reason: 'the engine worker has exited', running: false };
    const beat = readHeartbeat(this.sources.heartbeat, nowMs);
    if (beat.periodMs === 0) return { ok: true, running: false };
    const detail = {
      running: true,
      tick: beat.tick,
      sinceTickMs: Math.round(beat.sinceTickMs),
      periodMs: Math.round(beat.periodMs * 10) / 10,
    };
    if (beat.sinceTickMs <= 2 * beat.periodMs) return { ok: true, ...detail };
    return {
      ok: false,
      reason: `the engine worker has not ticked for ${detail.sinceTickMs} ms (its period is ${detail.periodMs} ms)`,
      ...detail,
    };
  }

  private databaseCheck(): Check {
    const { file, warning } = this.sources.storage();
    if (file === ':memory:')
      return {
        ok: true,
        mode: 'memory',
        warning: warning ?? 'nothing is saved: running in memory',
      };
    if (warning) return { ok: false, mode: 'file', reason: warning };
    return { ok: true, mode: 'file' };
  }

  private listenCheck(): Check {
    if (this.listeners.size === 0) return { ok: false, reason: 'no listen server has started' };
    const down = [...this.listeners].filter(([, server]) => !server.listening).map(([n]) => n);
    if (down.length) return { ok: false, reason: `not listening: ${down.join(', ')}` };
    return { ok: true, servers: [...this.listeners.keys()] };
  }
}

function report(checks: Record<string, Check>): HealthReport {
  const ok = Object.values(checks).every((check) => check.ok);
  return { status: ok ? 200 : 503, body: { status: ok ? 'ok' : 'unavailable', checks } };
}
