import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createClientState,
  createInputPacket,
  decodeSnapshot,
  encodeInputPacket,
  MAX_INPUT_PACKET_BYTES,
  pushInput,
  type DecodedSnapshot,
} from '../../../engine/index';
import { HostApiError } from '../../shared/hostApi';
import { createRpcClient, type RpcClient } from '../../shared/rpcClient';
import { createMemoryChannelPair } from '../../shared/textChannel';
import type { HostCore } from './hostCore';
import { serveRpc, type RejectCounters } from './rpcServer';
import { createTestHostCore, nextEvent, unitIds } from './testHost';

describe('host API over an in-memory transport pair', () => {
  let core: HostCore;
  let client: RpcClient;
  const rejects: RejectCounters = {};
  let raw: ReturnType<typeof createMemoryChannelPair>[0];

  beforeAll(() => {
    core = createTestHostCore();
    const [clientEnd, hostEnd] = createMemoryChannelPair();
    serveRpc(hostEnd, core, rejects);
    client = createRpcClient(clientEnd);
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
    await client.request('subscribe', { topics: ['world', 'stats'] });
    const state = await client.request('match.start', { agents: 60, seed: 7 });
    expect(state.running).toBe(true);
    expect(state.map?.name).toBe('arena');
    const first = await nextEvent(client, 'world', (frame) => unitIds(frame).length === 60);
    const later = await nextEvent(client, 'world', (frame) => frame.tick >= first.tick + 5);
    expect(unitIds(later)).toEqual(unitIds(first));
    expect(later.xy.slice(0, 120)).not.toEqual(first.xy.slice(0, 120));
    const stats = await nextEvent(client, 'stats');
    expect(stats.entityCount).toBeGreaterThanOrEqual(60);
    expect(stats.tickRate).toBe(20);
    expect(stats.stateHash).toMatch(/^[0-9a-f]+$/);
  });

  it('changes the agent count of the running match', async () => {
    await client.request('match.setAgentCount', { count: 75 });
    const frame = await nextEvent(client, 'world', (f) => unitIds(f).length === 75);
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
    const [clientEnd, hostEnd] = createMemoryChannelPair();
    serveRpc(hostEnd, core, {});
    client = createRpcClient(clientEnd);
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

  it('serves the host window the friends’ snapshot path: the whole match, and its inputs move it', async () => {
    const [windowEnd, hostEnd] = createMemoryChannelPair();
    serveRpc(hostEnd, core, {});
    const window = createRpcClient(windowEnd);
    try {
      await window.request('match.start', { agents: 200, seed: 3 });
      await window.request('subscribe', { topics: ['snapshots'] });
      const joined = await window.request('player.join', { name: 'Host' });
      const unitId = joined.unitId!;
      let state = createClientState();
      let latest: DecodedSnapshot | null = null;
      window.on('snapshot', (event) => {
        if (event.reset) state = createClientState();
        for (const text of event.packets) {
          const result = decodeSnapshot(state, Buffer.from(text, 'base64'));
          if (result.ok && result.snapshot) latest = result.snapshot;
        }
      });
      const xOf = () => {
        const entities = latest?.entities;
        for (let row = 0; entities && row < entities.count; row++)
          if (entities.id[row] === unitId) return entities.x[row];
        return null;
      };
      const deadline = Date.now() + 10_000;
      while (xOf() === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      // Every unit, not a friend's area of interest (600 units on a 1600 × 1000 map).
      expect(latest!.entities.count).toBeGreaterThanOrEqual(201);

      const start = xOf()!;
      const input = createInputPacket();
      const wire = new Uint8Array(MAX_INPUT_PACKET_BYTES);
      for (let sent = 0; sent < 10; sent++) {
        pushInput(input, 1, 0, 0, 0);
        input.ackTick = state.lastTick;
        const length = encodeInputPacket(input, wire);
        await window.request('player.input', {
          packet: Buffer.from(wire.subarray(0, length)).toString('base64'),
        });
        await new Promise((r) => setTimeout(r, 50));
      }
      // Acknowledged inputs come back in the snapshots, for prediction to reconcile.
      while (latest!.inputAck < 9 && Date.now() < deadline + 10_000)
        await new Promise((r) => setTimeout(r, 20));
      expect(latest!.inputAck).toBe(9);
      expect(xOf()!).toBeGreaterThan(start + 20);
    } finally {
      window.close();
    }
  });

  it('refuses inputs from a window that has not joined or does not take snapshots', async () => {
    await expect(
      client.request('player.input', { packet: Buffer.from([1, 2, 3]).toString('base64') }),
    ).rejects.toThrow(/subscribe to snapshots/);
    await expect(client.request('player.input', { packet: '%%%' })).rejects.toMatchObject({
      code: 'invalid_params',
    });
  });
});
