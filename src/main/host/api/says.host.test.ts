/**
 * Agents' `say` end to end: real sandbox, real engine worker, the host
 * window's link (it sees the whole match) and a friend's (its area of
 * interest). A behavior that says the same phrase every tick shows one
 * bubble per agent, renewed no sooner than the bubble fades; a flood of
 * changing phrases from many agents stays at MAX_SAYS per message; every
 * message passes the control lane's schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_SAYS,
  SAY_BUBBLE_MS,
  type HostControl,
  type SayLine,
} from '../../../shared/controlLane';
import type { RpcClient } from '../../../shared/rpcClient';
import type { HostCore } from '../hostCore';
import type { HttpHost } from '../server/index';
import { joinAsFriend, type NodeFriend } from '../testing/nodeFriend';
import {
  connectMemoryClient,
  createTestHostCore,
  startTestHttpHost,
  until,
  watchSnapshots,
  type SnapshotWatch,
} from '../testing/testHost';

const HAILER = "export default function act(obs) {\n  return { say: 'attack' };\n}\n";

/** Every agent a different phrase every tick: nothing to fold into a bubble already shown. */
const FLOOD =
  'const PHRASES = ["hello", "attack", "retreat", "help", "follow me", "enemy spotted", "healing", "on my way", "thanks", "gg"];\n' +
  'export default function act(obs) {\n' +
  '  return { say: PHRASES[(obs.tick + obs.self.id) % PHRASES.length] };\n' +
  '}\n';

const TICK_RATE = 20;

/** Every say in `controls`, oldest first. */
function saysOf(controls: HostControl[]): Array<{ line: SayLine }> {
  return controls.flatMap((control) =>
    control.t === 'say' ? control.says.map((line) => ({ line })) : [],
  );
}

describe("agents' say", () => {
  let core: HostCore;
  let http: HttpHost;
  let host: RpcClient;
  let watch: SnapshotWatch;
  let friend: NodeFriend;

  beforeAll(async () => {
    core = createTestHostCore();
    http = await startTestHttpHost(core);
    host = connectMemoryClient(core);
    await host.request('match.start', {
      seed: 7,
      overrides: { botsPerTeam: 40, tickRate: TICK_RATE, matchSeconds: 600 },
    });
    watch = await watchSnapshots(host);
    const invite = (await host.request('invite.create', { canEditBehaviors: false })).code;
    friend = await joinAsFriend({ baseUrl: http.url, name: 'Ada', invite, fallback: true });
  }, 60_000);

  afterAll(async () => {
    friend?.close();
    watch?.close();
    host?.close();
    await http?.close();
    await core?.dispose();
  });

  it('shows a phrase said every tick once per bubble, to the host window and friends nearby', async () => {
    expect((await host.request('behavior.save', { name: 'Hailer', code: HAILER })).ok).toBe(true);
    await host.request('behavior.assign', { team: 0, name: 'Hailer' });
    await host.request('behavior.assign', { team: 1, name: 'Hailer' });
    // Each say with the tick of the newest snapshot the window had when it came.
    const heard: Array<{ line: SayLine; tick: number }> = [];
    const stop = host.on('link', (text) => {
      const message = JSON.parse(text) as HostControl;
      if (message.t === 'say')
        for (const line of message.says) heard.push({ line, tick: watch.latest?.tick ?? -1 });
    });
    // Two bubbles' time: every agent has said it at least twice.
    const bubbleTicks = Math.ceil((SAY_BUBBLE_MS / 1000) * TICK_RATE);
    await until(() => {
      const said = saysOf(watch.control).filter((s) => s.line.text === 'attack');
      return new Set(said.map((s) => s.line.unitId)).size >= 40 && said.length >= 100;
    }, 30_000);
    stop();
    const said = saysOf(watch.control);
    expect(said.every((s) => s.line.text === 'attack')).toBe(true);
    // Renewed, not repeated: two says of one agent lie a bubble's ticks apart (give or take
    // the tick the window's newest snapshot lags the worker by).
    const byUnit = new Map<number, number[]>();
    for (const { line, tick } of heard)
      byUnit.set(line.unitId, [...(byUnit.get(line.unitId) ?? []), tick]);
    const gaps = [...byUnit.values()].flatMap((ticks) =>
      ticks.slice(1).map((t, k) => t - ticks[k]),
    );
    expect(gaps.length).toBeGreaterThan(20);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(bubbleTicks - 2);
    // The friend hears agents near its avatar, in the same words.
    await until(() => saysOf(friend.controls).length > 0, 30_000);
    expect(saysOf(friend.controls).every((s) => s.line.text === 'attack')).toBe(true);
  }, 60_000);

  it('keeps a flood of changing phrases to MAX_SAYS per message', async () => {
    const from = watch.control.length;
    expect((await host.request('behavior.save', { name: 'Flood', code: FLOOD })).ok).toBe(true);
    await host.request('behavior.assign', { team: 0, name: 'Flood' });
    await host.request('behavior.assign', { team: 1, name: 'Flood' });
    const flooded = () =>
      watch.control
        .slice(from)
        .filter((c): c is Extract<HostControl, { t: 'say' }> => c.t === 'say')
        .filter((c) => c.says.some((s) => s.text !== 'attack'));
    await until(() => flooded().length >= 20, 30_000);
    const sizes = flooded().map((c) => c.says.length);
    // 80 agents, each with something new to say every tick: every message is full, none over.
    expect(Math.max(...sizes)).toBe(MAX_SAYS);
    expect(sizes.filter((n) => n === MAX_SAYS).length).toBeGreaterThan(sizes.length / 2);
  }, 60_000);
});
