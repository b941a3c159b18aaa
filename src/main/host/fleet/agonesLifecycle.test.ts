/**
 * The host under Agones, against a gRPC stand-in of the SDK sidecar built
 * from the SDK package's own service definition (the real sidecar ships only
 * as a Go binary and an image): Ready only after the listen server is up,
 * health pings at their cadence, Allocated starts the annotated config, no
 * health while the engine worker stalls (a real overload), Shutdown after the
 * match; a sidecar that never answers is counted and the host serves on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { HostCore } from '../hostCore';
import { createLogger, type HttpHost } from '../server/index';
import { FleetMetrics } from '../metrics/index';
import { createTestHostCore, startTestHttpHost, until } from '../testing/testHost';
import { AgonesLifecycle, CONFIG_KEY } from './index';
import { startAgonesSidecar, type AgonesSidecar } from '../testing/testAgonesSidecar';
import { freePort } from '../testing/testRedis';

let core: HostCore | null = null;
let http: HttpHost | null = null;
let sidecar: AgonesSidecar | null = null;
let lifecycle: AgonesLifecycle | null = null;

afterEach(async () => {
  lifecycle?.close();
  await http?.close();
  await core?.dispose();
  await sidecar?.close();
  core = http = sidecar = lifecycle = null;
  delete process.env.AGONES_SDK_GRPC_PORT;
});

const HEALTH_MS = 200;

async function counter(name: string, labels: string): Promise<number> {
  const text = await core!.ops.metrics.registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('Agones lifecycle', () => {
  it('Ready after listen, health at its cadence, Allocated starts the annotated config, silence while the engine stalls, Shutdown after the match', async () => {
    sidecar = await startAgonesSidecar();
    process.env.AGONES_SDK_GRPC_PORT = String(sidecar.port);
    core = createTestHostCore();
    const session = core.openSession(() => {});
    await session.request('config.save', {
      config: { name: 'duel', botsPerTeam: 1, tickRate: 60 },
    });
    let ended = 0;
    lifecycle = new AgonesLifecycle({
      core,
      logger: createLogger('silent'),
      metrics: new FleetMetrics(core.ops.metrics.registry),
      healthIntervalMs: HEALTH_MS,
      onMatchEnd: () => ended++,
    });
    lifecycle.start();
    await until(() => sidecar!.named('Health').length >= 2, 30_000);
    expect(sidecar.named('Ready')).toHaveLength(0);

    http = await startTestHttpHost(core);
    const listenedAt = Date.now();
    lifecycle.listenerUp();
    await until(() => sidecar!.named('Ready').length === 1, 30_000);
    expect(sidecar.named('Ready')[0].at).toBeGreaterThanOrEqual(listenedAt);

    // Cadence: pings keep coming, about one per period (the median gap, never below half of it).
    const from = sidecar.named('Health').length;
    await until(() => sidecar!.named('Health').length >= from + 5, 30_000);
    const times = sidecar.named('Health').map((call) => call.at);
    const gaps = times
      .slice(1)
      .map((t, i) => t - times[i])
      .sort((a, b) => a - b);
    expect(gaps[Math.floor(gaps.length / 2)]).toBeGreaterThanOrEqual(HEALTH_MS / 2);

    sidecar.allocate({ [CONFIG_KEY]: 'duel' });
    await until(() => core!.matchState().running, 30_000);
    expect(core.matchState().settings.config.name).toBe('duel');

    // A real stall: 20,000 agents at 60 Hz tick far slower than twice the period.
    await session.request('match.setAgentCount', { count: 20_000 });
    await until(() => core!.ops.health.liveness().status === 503, 60_000);
    const silentFrom = sidecar.named('Health').length;
    // While it stays stalled for several periods, at most the ping already under way arrives.
    const stallSeen = Date.now();
    await until(() => Date.now() - stallSeen > 5 * HEALTH_MS, 30_000);
    if (core.ops.health.liveness().status === 503)
      expect(sidecar.named('Health').length).toBeLessThanOrEqual(silentFrom + 1);
    await session.request('match.setAgentCount', { count: 2 });
    await until(() => sidecar!.named('Health').length >= silentFrom + 3, 60_000);

    await session.request('match.stop', {});
    await until(() => ended === 1, 30_000);
    await lifecycle.shutdown();
    expect(sidecar.named('Shutdown')).toHaveLength(1);
    expect(await counter('arbiter_agones_calls_total', 'call="ready",outcome="ok"')).toBe(1);
  }, 180_000);

  it('a sidecar that never answers connect() is logged, counted and retried; the host runs its match meanwhile', async () => {
    process.env.AGONES_SDK_GRPC_PORT = String(await freePort());
    core = createTestHostCore();
    lifecycle = new AgonesLifecycle({
      core,
      logger: createLogger('silent'),
      metrics: new FleetMetrics(core.ops.metrics.registry),
      connectTimeoutMs: 200,
      onMatchEnd: () => {},
    });
    lifecycle.start();
    const session = core.openSession(() => {});
    await session.request('match.start', { agents: 2 });
    await until(() => core!.ops.health.liveness().body.checks.engine.running === true, 30_000);
    const failures = () => counter('arbiter_agones_calls_total', 'call="connect",outcome="failed"');
    const deadline = Date.now() + 30_000;
    while ((await failures()) < 2) {
      if (Date.now() > deadline) throw new Error('connect never retried');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(core.ops.health.liveness().body.checks.engine.ok).toBe(true);
  }, 60_000);
});
