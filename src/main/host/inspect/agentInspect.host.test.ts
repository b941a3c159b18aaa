/**
 * The agent inspector over the host API against the real engine worker and
 * sandbox: following an agent that runs a library behavior brings `inspect`
 * events with its observation (the behavior API's fields), the action
 * applied, its memory and its behavior; while paused each step brings
 * exactly one, one tick on; unselecting stops them; a friend who may not
 * edit is refused and a wrong id is refused in words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostApiError, type AgentInspection } from '../../../shared/hostApi';
import { type RpcClient } from '../../../shared/rpcClient';
import type { HostCore } from '../hostCore';
import { connectMemoryClient, createTestHostCore, nextEvent } from '../testing/testHost';

describe('agent inspector', () => {
  let core: HostCore;
  let host: RpcClient;
  let agentId = 0;
  const seen: AgentInspection[] = [];

  beforeAll(async () => {
    core = createTestHostCore();
    host = connectMemoryClient(core);
    host.on('inspect', (event) => seen.push(event));
    // The shipped behaviors are seeded asynchronously at host start (a 10x hang guard).
    for (const until = Date.now() + 10_000; Date.now() < until;) {
      if ((await host.request('behavior.list', {})).behaviors.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await host.request('subscribe', { topics: ['behaviors'] });
    await host.request('match.start', { agents: 8, seed: 5 });
    await host.request('behavior.assign', { team: 0, name: 'hunter' });
    const event = await nextEvent(host, 'behaviors', (e) =>
      e.behaviors.some((b) => b.id === 'hunter' && b.agents > 0),
    );
    agentId = event.agents.find((a) => a.behavior === 'hunter')!.id;
  }, 30_000);

  afterAll(async () => {
    host.close();
    await core.dispose();
  });

  it('sends nothing until an agent is selected', () => {
    expect(seen).toEqual([]);
  });

  it('follows an agent running a library behavior: observation, action, memory, behavior', async () => {
    expect(await host.request('agent.inspect', { agentId })).toEqual({ agentId });
    // Hunter writes memory.heading / legTicks on its first tick: wait until the sandbox holds some.
    const event = await nextEvent(
      host,
      'inspect',
      (e) => e.memory !== null && e.lastAction?.source === 'behavior',
      15_000,
    );
    expect(event.agentId).toBe(agentId);
    expect(event.behavior).toEqual({
      id: 'hunter',
      name: 'Hunt the nearest enemy',
      version: 1,
      author: 'arbiter',
      suspended: false,
    });
    const obs = event.observation as {
      tick: number;
      tickRate: number;
      ticksLeft: number;
      self: Record<string, unknown>;
      nearby: Array<Record<string, unknown>>;
      walls: unknown[];
    };
    expect(obs.tick).toBe(event.tick);
    expect(obs.tickRate).toBeGreaterThan(0);
    expect(Object.keys(obs.self).sort()).toEqual(
      [
        'id',
        'team',
        'x',
        'y',
        'vx',
        'vy',
        'hp',
        'maxHp',
        'radius',
        'speed',
        'perception',
        'range',
        'aimX',
        'aimY',
        'cooldowns',
        'equipment',
        'inventory',
      ].sort(),
    );
    expect(obs.self.id).toBe(agentId);
    expect(obs.self.x).toBe(event.x);
    expect(obs.self.perception).toBe(event.perception);
    expect(Array.isArray(obs.walls)).toBe(true);
    for (const entity of obs.nearby) {
      expect(Object.keys(entity).sort()).toEqual(
        ['id', 'kind', 'team', 'x', 'y', 'vx', 'vy', 'hp', 'item', 'distance'].sort(),
      );
    }
    // The rays the arena draws go to what the observation lists.
    expect(event.visible.map((v) => v.id)).toEqual(obs.nearby.map((e) => e.id));
    const memory = JSON.parse(event.memory!) as Record<string, unknown>;
    expect(memory).toHaveProperty('legTicks');
    expect(event.memoryTruncated).toBe(false);
    expect(event.lastAction).toMatchObject({ source: 'behavior', fire: expect.any(Boolean) });
    expect(event.withheld).toBeNull();
  }, 30_000);

  it('sends about 10 a second while running, not one per tick', async () => {
    const from = seen.length;
    const first = await nextEvent(host, 'inspect');
    const later = await nextEvent(host, 'inspect', (e) => e.tick >= first.tick + 20, 10_000);
    const events = seen.slice(from).filter((e) => e.tick >= first.tick && e.tick <= later.tick);
    // 20+ ticks went by; at most one event per 100 ms means clearly fewer events than ticks.
    expect(events.length).toBeLessThan(later.tick - first.tick);
  }, 20_000);

  it('while paused, each step brings exactly one inspection, one tick on', async () => {
    const paused = await host.request('match.pause', {});
    const t0 = paused.tick!;
    // Inspections of ticks before the pause may still be on their way (memory reads).
    await nextEvent(host, 'inspect', (e) => e.tick === t0, 2_000).catch(() => null);
    const from = seen.length;
    for (let k = 1; k <= 3; k++) {
      const next = nextEvent(host, 'inspect', (e) => e.tick === t0 + k);
      expect((await host.request('match.step', {})).tick).toBe(t0 + k);
      const event = await next;
      expect(event.paused).toBe(true);
      expect((event.observation as { tick: number }).tick).toBe(t0 + k);
    }
    // A round trip after the last step: nothing else is queued behind it.
    await host.request('server.info', {});
    expect(seen.slice(from).map((e) => e.tick)).toEqual([t0 + 1, t0 + 2, t0 + 3]);
  }, 20_000);

  it('stops the events once unselected', async () => {
    expect(await host.request('agent.inspect', { agentId: null })).toEqual({ agentId: null });
    const from = seen.length;
    await host.request('match.step', {});
    await host.request('match.step', {});
    await host.request('match.resume', {});
    const stats = nextEvent(host, 'stats');
    await host.request('subscribe', { topics: ['stats'] });
    const t = (await stats).tick;
    // Several ticks and a stats round later: still nothing.
    await nextEvent(host, 'stats', (s) => s.tick > t + 5, 10_000);
    expect(seen.slice(from)).toEqual([]);
  }, 20_000);

  it('refuses a wrong agent id in words, and a friend who may not edit', async () => {
    const error = await host.request('agent.inspect', { agentId: 99_999 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostApiError);
    expect((error as HostApiError).code).toBe('invalid_params');
    expect((error as Error).message).toBe('agent 99999 is not an agent in this match');
    const malformed = await host.request('agent.inspect', { agentId: -3 }).catch((e: unknown) => e);
    expect((malformed as HostApiError).code).toBe('invalid_params');

    // Player 1 holds no editing invite: their editor session may not inspect.
    const editor = core.openEditorSession(1, () => {});
    const refused = await editor.request('agent.inspect', { agentId }).catch((e: unknown) => e);
    expect((refused as HostApiError).code).toBe('forbidden');
    expect((refused as Error).message).toMatch(/only the host and friends who may edit/);
    editor.close();
  });
});
