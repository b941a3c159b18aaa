import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RpcClient } from '../../../shared/rpcClient';
import type { HostCore } from '../hostCore';
import { connectMemoryClient, createTestHostCore } from '../testing/testHost';

/** The host API behind the settings screen and the host dashboard, over an in-memory pair. */
describe('host dashboard and settings API', () => {
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

  it('lists the maps with the teams each has spawn zones for', async () => {
    const { maps } = await client.request('map.list', {});
    expect(maps).toContainEqual({ name: 'arena', teams: [0, 1] });
  });

  it('lists the host player with when they joined, and no banned players', async () => {
    await client.request('match.start', { agents: 4 });
    const before = Date.now();
    const joined = await client.request('player.join', { name: 'Hostess' });
    const list = await client.request('player.list', {});
    expect(list.players).toEqual([
      expect.objectContaining({
        playerId: joined.playerId,
        name: 'Hostess',
        role: 'host',
        transport: 'local',
        team: joined.team,
      }),
    ]);
    expect(list.players[0].joinedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(list.banned).toEqual([]);
    await client.request('player.ban', { playerId: joined.playerId, banned: true });
    expect((await client.request('player.list', {})).banned).toEqual([
      { playerId: joined.playerId, name: 'Hostess' },
    ]);
    await client.request('player.ban', { playerId: joined.playerId, banned: false });
    expect((await client.request('player.list', {})).banned).toEqual([]);
  });

  it('lists an offer code as a code, with no link a friend could not use', async () => {
    const link = await client.request('invite.create', {});
    const offer = await client.request('invite.offerCode', {});
    const { invites } = await client.request('invite.list', {});
    expect(invites.find((invite) => invite.code === link.code)?.kind).toBe('link');
    expect(invites.find((invite) => invite.code === offer.inviteCode)).toMatchObject({
      kind: 'code',
      link: null,
      maxUses: 1,
    });
  });

  it('keeps each team’s behavior over Stop → Start', async () => {
    await client.request('match.start', { agents: 4 });
    const { behaviors } = await client.request('behavior.list', {});
    const chosen = behaviors[0];
    await client.request('behavior.assign', { team: 1, name: chosen.id });
    await client.request('match.stop', {});
    await client.request('match.start', { agents: 4 });
    const deadline = Date.now() + 10_000;
    let teams: Record<string, string> = {};
    while (Date.now() < deadline) {
      // The assign goes on after start resolves; an assign of team 0 queues behind it.
      const status = await client.request('behavior.assign', { team: 0, name: null });
      teams = status.teams;
      if (teams['1'] === chosen.id) break;
    }
    expect(teams['1']).toBe(chosen.id);
  });

  it('stores STUN/TURN servers and a port range, and never sends a TURN password back', async () => {
    const empty = await client.request('network.get', {});
    expect(empty).toEqual({ iceServers: [], udpPorts: null, source: 'none' });
    const saved = await client.request('network.save', {
      settings: {
        iceServers: ['stun:stun.example.org:3478', 'turn:alice:s3cret-pass@turn.example.org:3478'],
        udpPorts: { begin: 50000, end: 50100 },
      },
    });
    expect(saved.source).toBe('saved');
    expect(saved.udpPorts).toEqual({ begin: 50000, end: 50100 });
    expect(JSON.stringify(saved)).not.toContain('s3cret-pass');
    expect(saved.iceServers[1]).toBe('turn:alice:********@turn.example.org:3478');
    // The masked URL sent back keeps the stored password (it is not replaced by the mask).
    const again = await client.request('network.save', {
      settings: { iceServers: saved.iceServers, udpPorts: null },
    });
    expect(again.iceServers).toEqual(saved.iceServers);
    expect(again.udpPorts).toBeNull();
    expect(JSON.stringify(await client.request('network.get', {}))).not.toContain('s3cret');
  });

  it('refuses bad network settings with words, keeping what was saved', async () => {
    await expect(
      client.request('network.save', {
        settings: { iceServers: ['http://nope'], udpPorts: { begin: 60000, end: 50000 } },
      }),
    ).rejects.toMatchObject({ code: 'invalid_params', message: expect.stringMatching(/stun:/) });
    await expect(
      client.request('network.save', {
        settings: { iceServers: ['turn:bob:********@other.example.org'], udpPorts: null },
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining('type its password') });
    const kept = await client.request('network.get', {});
    expect(kept.iceServers).toHaveLength(2);
  });
});
