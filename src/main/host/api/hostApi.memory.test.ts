import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createInputPacket,
  encodeInputPacket,
  MAX_INPUT_PACKET_BYTES,
  pushInput,
} from '../../../../engine/index';
import { HostApiError } from '../../../shared/hostApi';
import { createRpcClient, type RpcClient } from '../../../shared/rpcClient';
import { createMemoryChannelPair } from '../../../shared/textChannel';
import type { HostCore } from '../hostCore';
import { serveRpc, type RejectCounters } from '../server/index';
import {
  connectMemoryClient,
  createTestHostCore,
  nextEvent,
  sendInputPacket,
  type SnapshotWatch,
  type WatchedFrame,
  unitIds,
  watchSnapshots,
} from '../testing/testHost';

describe('host API over an in-memory transport pair', () => {
  let core: HostCore;
  let client: RpcClient;
  const rejects: RejectCounters = {};
  let raw: ReturnType<typeof createMemoryChannelPair>[0];
  let watch: SnapshotWatch;

  beforeAll(() => {
    core = createTestHostCore();
    client = connectMemoryClient(core, rejects);
    const [rawClient, rawHost] = createMemoryChannelPair();
    serveRpc(rawHost, core, rejects);
    raw = rawClient;
  });

  afterAll(async () => {
    client.close();
    await core.dispose();
  });

  it('answers server.info before any match', async () => {
    const info = await client.request('server.info', {});
    expect(info.name).toBe('arbiter');
    expect(info.mode).toBe('headless');
    expect(info.match.running).toBe(false);
  });

  it('starts a match and streams moving agents to subscribers', async () => {
    await client.request('subscribe', { topics: ['stats'] });
    watch = await watchSnapshots(client);
    const state = await client.request('match.start', { agents: 60, seed: 7 });
    expect(state.running).toBe(true);
    expect(state.map?.name).toBe('arena');
    const first = await watch.next((frame) => unitIds(frame).length === 60);
    const later = await watch.next((frame) => frame.tick >= first.tick + 5);
    expect(unitIds(later)).toEqual(unitIds(first));
    expect(later.xy.slice(0, 120)).not.toEqual(first.xy.slice(0, 120));
    const stats = await nextEvent(client, 'stats');
    expect(stats.entityCount).toBeGreaterThanOrEqual(60);
    expect(stats.tickRate).toBe(20);
    expect(stats.stateHash).toMatch(/^[0-9a-f]+$/);
  });

  it('changes the agent count of the running match', async () => {
    await client.request('match.setAgentCount', { count: 75 });
    const frame = await watch.next((f) => unitIds(f).length === 75);
    expect(new Set(unitIds(frame)).size).toBe(75);
  });

  it('rejects invalid params with a clear error and runs on', async () => {
    await expect(
      client.request('match.start', { overrides: { tickRate: 500 } }),
    ).rejects.toMatchObject({
      code: 'invalid_params',
      message: expect.stringContaining('tickRate'),
    });
    await expect(
      client.request('match.setAgentCount', { count: -1 } as never),
    ).rejects.toBeInstanceOf(HostApiError);
    await expect(
      client.request('match.start', { overrides: { map: 'no-such-map' } }),
    ).rejects.toMatchObject({
      code: 'handler_failed',
      message: expect.stringContaining('not found'),
    });
    expect((await client.request('server.info', {})).match.running).toBe(true);
  });

  it('rejects unknown methods and malformed frames, and counts them', async () => {
    await expect(client.request('engine.hack' as never, {} as never)).rejects.toMatchObject({
      code: 'unknown_method',
    });
    const replies: string[] = [];
    raw.onMessage((text) => replies.push(text));
    const before = rejects.bad_message ?? 0;
    raw.send('{not json');
    raw.send(JSON.stringify({ t: 'req', id: 'x', m: 1 }));
    raw.send('x'.repeat(70_000));
    // Three refusals came back: all three frames were read.
    await expect
      .poll(() => replies.filter((text) => text.includes('"ok":false')).length, { timeout: 20_000 })
      .toBe(3);
    expect(rejects.bad_message).toBe(before + 2);
    expect(rejects.too_large).toBeGreaterThanOrEqual(1);
    expect(replies.filter((text) => text.includes('"ok":false'))).toHaveLength(3);
  });

  it('stops the match', async () => {
    const state = await client.request('match.stop', {});
    expect(state.running).toBe(false);
  });
});

describe('named match configs over the host API', () => {
  let core: HostCore;
  let client: RpcClient;

  beforeAll(() => {
    core = createTestHostCore();
    client = connectMemoryClient(core);
  });

  afterAll(async () => {
    client.close();
    await core.dispose();
  });

  it('lists the built-in default, saves a validated config and starts a match from it', async () => {
    const { configs } = await client.request('config.list', {});
    expect(configs.map((c) => c.name)).toContain('default');
    const saved = await client.request('config.save', {
      config: { name: 'duel', botsPerTeam: 3, respawnSeconds: 1, friendlyFire: true },
      makeDefault: true,
    });
    expect(saved.config).toMatchObject({
      name: 'duel',
      botsPerTeam: 3,
      tickRate: 20,
      map: 'arena',
    });
    const listed = await client.request('config.list', {});
    expect(listed.configs.find((c) => c.name === 'duel')?.isDefault).toBe(true);
    const state = await client.request('match.start', {});
    expect(state.settings.config.name).toBe('duel');
    expect(state.settings.agents).toBe(6);
    await client.request('match.stop', {});
  });

  it('rejects a bad config with every problem named', async () => {
    await expect(
      client.request('config.save', {
        config: { name: 'bad', tickRate: 5, botsPerTeam: -1, colour: 'red' },
      }),
    ).rejects.toMatchObject({
      code: 'invalid_params',
      message: expect.stringMatching(/tickRate[\s\S]*botsPerTeam|botsPerTeam[\s\S]*tickRate/),
    });
    await expect(client.request('match.start', { configName: 'nope' })).rejects.toMatchObject({
      message: expect.stringContaining('no saved config named "nope"'),
    });
  });

  it('plays the host window as a friend over its local link: binary both ways, its inputs move its avatar', async () => {
    const window = connectMemoryClient(core);
    try {
      await window.request('match.start', { agents: 200, seed: 3 });
      const link = await watchSnapshots(window);
      const joined = await window.request('player.join', { name: 'Host' });
      const unitId = joined.unitId!;
      // The friends' control message: a new decoder, this avatar, this match's rate and map.
      const last = (t: string) => link.control.filter((message) => message.t === t).at(-1);
      await expect
        .poll(() => last('reset'), { timeout: 10_000 })
        .toMatchObject({ t: 'reset', unitId, tickRate: 20, map: { name: 'arena' } });
      // And the names and scores friends get (players, score), on the same lane.
      await expect
        .poll(() => last('players'), { timeout: 10_000 })
        .toMatchObject({ players: [{ name: 'Host', unitId }] });
      await expect.poll(() => last('score'), { timeout: 10_000 }).toBeDefined();
      const xOf = (frame: WatchedFrame) => frame.xy[2 * frame.ids.indexOf(unitId)];
      const first = await link.next((frame) => frame.ids.includes(unitId));
      // Every unit, not a friend's area of interest (600 units on a 1600 × 1000 map).
      expect(first.ids.length).toBeGreaterThanOrEqual(201);

      const start = xOf(first);
      const input = createInputPacket();
      const wire = new Uint8Array(MAX_INPUT_PACKET_BYTES);
      for (let sent = 0; sent < 10; sent++) {
        pushInput(input, 1, 0, 0, 0);
        input.ackTick = link.latest!.tick;
        const length = encodeInputPacket(input, wire);
        sendInputPacket(window, wire.subarray(0, length));
        await new Promise((r) => setTimeout(r, 50));
      }
      // Acknowledged inputs come back in the snapshots, for prediction to reconcile.
      const acked = await link.next((frame) => frame.inputAck === 9, 20_000);
      expect(xOf(acked)).toBeGreaterThan(start + 20);
    } finally {
      window.close();
    }
  });

  it('keeps a spectating window’s link going through packets it may not send', async () => {
    const window = connectMemoryClient(core);
    try {
      await window.request('match.start', { agents: 20, seed: 4 });
      const link = await watchSnapshots(window);
      const before = await link.next();
      expect(link.control.filter((message) => message.t === 'reset').at(-1)).toMatchObject({
        t: 'reset',
        unitId: null,
      });
      // Garbage, and a well-formed input from a window without an avatar: both dropped.
      window.stateLane.send(new Uint8Array([1, 2, 3]));
      const input = createInputPacket();
      const wire = new Uint8Array(MAX_INPUT_PACKET_BYTES);
      pushInput(input, 1, 0, 0, 0);
      sendInputPacket(window, wire.subarray(0, encodeInputPacket(input, wire)));
      const later = await link.next((frame) => frame.tick >= before.tick + 5);
      expect(unitIds(later)).toHaveLength(20);
    } finally {
      window.close();
    }
  });

  it('refuses snapshots to a connection without a binary lane, with a clear error', async () => {
    const [windowEnd, hostEnd] = createMemoryChannelPair();
    serveRpc({ ...hostEnd, sendBytes: undefined, onBytes: undefined }, core, {});
    const window = createRpcClient(windowEnd);
    try {
      await expect(window.request('subscribe', { topics: ['snapshots'] })).rejects.toMatchObject({
        code: 'invalid_params',
        message: /binary lane/,
      });
    } finally {
      window.close();
    }
  });
});
