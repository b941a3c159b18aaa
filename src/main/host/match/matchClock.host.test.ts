/**
 * Pause, step and speed over the host API against the real engine worker:
 * a step while paused advances exactly one tick, a step while running (or
 * after a resume that got there first) is refused in words and the match
 * goes on, speeds outside 0.25×–4× are refused, other sessions see the
 * pause, and a friend allowed to edit behaviors may not touch the clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostApiError, type MatchState } from '../../../shared/hostApi';
import { type RpcClient } from '../../../shared/rpcClient';
import type { HostCore } from '../hostCore';
import { connectMemoryClient, createTestHostCore, nextEvent } from '../testing/testHost';

describe('match clock: pause, step, speed', () => {
  let core: HostCore;
  let host: RpcClient;
  let other: RpcClient;

  beforeAll(async () => {
    core = createTestHostCore();
    host = connectMemoryClient(core);
    other = connectMemoryClient(core);
    await host.request('match.start', { agents: 6 });
  });

  afterAll(async () => {
    host.close();
    other.close();
    await core.dispose();
  });

  it('refuses a step while the match runs, and the match runs on', async () => {
    const error = await host.request('match.step', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostApiError);
    expect((error as Error).message).toMatch(/cannot step the match while it is running/);
    const first = nextEvent(host, 'stats');
    await host.request('subscribe', { topics: ['stats'] });
    const before = (await first).tick;
    const later = await nextEvent(host, 'stats', (s) => s.tick > before);
    expect(later.tick).toBeGreaterThan(before);
  });

  it('pauses (others see it), then each step advances exactly one tick', async () => {
    await other.request('subscribe', { topics: ['stats'] });
    const seen = nextEvent(other, 'match', (m) => m.phase === 'paused');
    const paused = await host.request('match.pause', {});
    expect(paused.phase).toBe('paused');
    expect((await seen).tick).toBe(paused.tick);
    const t0 = paused.tick!;
    const frame = nextEvent(other, 'stats', (f) => f.tick === t0 + 1);
    const one = await host.request('match.step', {});
    expect(one.tick).toBe(t0 + 1);
    expect((await frame).tick).toBe(t0 + 1);
    const two = await host.request('match.step', {});
    expect(two.tick).toBe(t0 + 2);
    // Held: no tick runs on its own while paused (stats past t0 + 2 would show one).
    const extra = await nextEvent(other, 'stats', (f) => f.tick > t0 + 2, 500).catch(() => null);
    expect(extra).toBeNull();
    expect((await host.request('server.info', {})).match.phase).toBe('paused');
  });

  it('judges a step queued behind a resume by the state the resume left: refused, nothing frozen', async () => {
    const [resumed, stepped] = await Promise.allSettled([
      host.request('match.resume', {}),
      other.request('match.step', {}),
    ]);
    expect(resumed.status).toBe('fulfilled');
    expect((resumed as PromiseFulfilledResult<MatchState>).value.phase).toBe('running');
    expect(stepped.status).toBe('rejected');
    expect(String((stepped as PromiseRejectedResult).reason)).toMatch(/only when paused/);
    const again = await host.request('match.pause', {});
    expect(again.phase).toBe('paused');
    expect((await host.request('match.step', {})).tick).toBe(again.tick! + 1);
    await host.request('match.resume', {});
  });

  it('runs at 0.25×–4× and refuses other speeds', async () => {
    await expect(host.request('match.setSpeed', { speed: 8 })).rejects.toThrow(/speed/);
    const fast = await host.request('match.setSpeed', { speed: 4 });
    expect(fast.speed).toBe(4);
    expect((await host.request('match.setSpeed', { speed: 0.25 })).speed).toBe(0.25);
    await host.request('match.setSpeed', { speed: 1 });
  });

  it('refuses the clock to a friend who may only edit behaviors', async () => {
    const editor = core.openEditorSession(1, () => {});
    for (const method of ['match.pause', 'match.step', 'match.resume']) {
      const error = await editor.request(method, {}).catch((e: unknown) => e);
      expect((error as HostApiError).code).toBe('forbidden');
      expect((error as Error).message).toBe(`${method} is for the host only`);
    }
    editor.close();
  });
});
