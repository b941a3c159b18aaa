/**
 * Friends against a real host process: invites through the real signaling,
 * WebRTC data channels (node-datachannel) and the WebSocket fallback, the
 * real snapshot codec, inputs that move the friend's avatar, reconnection
 * within the grace period, and hostile input that is refused and counted.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ensureBuilt } from '../../../../scripts/ensureBuilt.mjs';
import type { RpcClient } from '../../../shared/rpcClient';
import { connectRpc, exitOf, spawnBuiltHost } from '../testing/testHost';
import { answerOfferCode } from '../testing/nodeCodeFriend';
import { JoinRejected, joinAsFriend, type NodeFriend } from '../testing/nodeFriend';

let child: ChildProcess;
let baseUrl: string;
let host: RpcClient;
const friends: NodeFriend[] = [];

const positionOf = (friend: NodeFriend, id: number) => {
  const snapshot = friend.latest;
  if (!snapshot) return null;
  const { entities } = snapshot;
  for (let row = 0; row < entities.count; row++) {
    if (entities.id[row] === id) return { x: entities.x[row], y: entities.y[row] };
  }
  return null;
};

// A hang-catcher, not a speed limit: on a busy machine conditions take longer, never fail.
const until = async (check: () => boolean, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

beforeAll(async () => {
  ensureBuilt();
  const spawned = spawnBuiltHost([
    '--port',
    '0',
    '--data-dir',
    mkdtempSync(join(tmpdir(), 'arbiter-friends-')),
  ]);
  child = spawned.child;
  baseUrl = await spawned.url;
  host = await connectRpc(baseUrl);
  await host.request('match.start', { overrides: { botsPerTeam: 10, playerLimit: 8 } });
}, 120_000);

afterAll(async () => {
  for (const friend of friends) friend.close();
  host?.close();
  child?.kill('SIGTERM');
  if (child) await exitOf(child);
});

describe('friends joining a real host', () => {
  it('joins over WebRTC with an invite, receives snapshots and moves its avatar with inputs', async () => {
    const invite = await host.request('invite.create', { maxUses: 4 });
    expect(invite.link).toMatch(/#invite=/);
    const friend = await joinAsFriend({ baseUrl, name: 'Ada', invite: invite.code });
    friends.push(friend);
    expect(friend.transport).toBe('webrtc');
    expect(friend.welcome.unitId).not.toBeNull();
    const unitId = friend.welcome.unitId!;
    await until(() => positionOf(friend, unitId) !== null);
    const start = positionOf(friend, unitId)!;
    const mover = setInterval(() => friend.sendInput(1, 0, 0, 0), 50);
    try {
      await until(() => positionOf(friend, unitId)!.x > start.x + 20);
    } finally {
      clearInterval(mover);
    }
    // Deltas, not full snapshots, once the friend acknowledges.
    expect(friend.snapshots).toBeGreaterThan(3);
  });

  it('joins by copy-paste codes through the host API, never touching /signal, and plays', async () => {
    const offer = await host.request('invite.offerCode', {});
    const answered = await answerOfferCode(offer.code, 'Dee');
    const joined = await host.request('invite.acceptAnswer', { answerCode: answered.answerCode });
    expect(joined.name).toBe('Dee');
    const friend = await answered.friend;
    friends.push(friend);
    expect(friend.welcome.playerId).toBe(joined.playerId);
    const unitId = friend.welcome.unitId!;
    await until(() => positionOf(friend, unitId) !== null);
    const start = positionOf(friend, unitId)!;
    const mover = setInterval(() => friend.sendInput(0, 1, 0, 0), 50);
    try {
      await until(() => positionOf(friend, unitId)!.y > start.y + 20);
    } finally {
      clearInterval(mover);
    }
    await expect(
      host.request('invite.acceptAnswer', { answerCode: answered.answerCode }),
    ).rejects.toThrow(/already used/);
    await expect(
      host.request('invite.acceptAnswer', { answerCode: 'x'.repeat(20_000) }),
    ).rejects.toThrow(/invalid_params|at most|too/i);
  });

  it('runs the same protocol over the WebSocket fallback', async () => {
    const invite = await host.request('invite.create', {});
    const friend = await joinAsFriend({ baseUrl, name: 'Bo', invite: invite.code, fallback: true });
    friends.push(friend);
    expect(friend.transport).toBe('websocket');
    await until(() => friend.snapshots > 3);
  });

  it('comes back within the grace period as the same avatar', async () => {
    const invite = await host.request('invite.create', {});
    const first = await joinAsFriend({ baseUrl, name: 'Cy', invite: invite.code });
    const { playerId, unitId, session } = first.welcome;
    first.close();
    const again = await joinAsFriend({ baseUrl, name: 'Cy', session });
    friends.push(again);
    expect(again.welcome).toMatchObject({ playerId, unitId, resumed: true });
    await until(() => positionOf(again, unitId!) !== null);
  });

  it('refuses bad, revoked and used-up invites with a reason', async () => {
    await expect(
      joinAsFriend({ baseUrl, name: 'Eve', invite: 'A'.repeat(22) }),
    ).rejects.toMatchObject({
      reason: 'unknown',
    });
    const invite = await host.request('invite.create', { maxUses: 1 });
    await host.request('invite.revoke', { code: invite.code });
    await expect(
      joinAsFriend({ baseUrl, name: 'Eve', invite: invite.code }),
    ).rejects.toBeInstanceOf(JoinRejected);
  });

  it('survives garbage on the signaling socket and the state lane, and drops a flooder', async () => {
    const socket = new WebSocket(baseUrl.replace('http:', 'ws:') + 'signal');
    await new Promise((resolve) => socket.once('open', resolve));
    const replies: string[] = [];
    socket.on('message', (data) => replies.push(data.toString()));
    socket.send('not json');
    socket.send(JSON.stringify({ t: 'join', name: '' }));
    socket.send(JSON.stringify({ t: 'answer', sdp: 'x' }));
    socket.send(Buffer.from([1, 2, 3]));
    await until(() => replies.length >= 3);
    expect(replies.every((reply) => reply.includes('"rejected"'))).toBe(true);
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    for (let i = 0; i < 200; i++) socket.send('{}');
    expect(await closed).toBe(4000);

    // Joined, then nonsense where the answer and candidates belong: refused, never a crash.
    const joinedSocket = new WebSocket(baseUrl.replace('http:', 'ws:') + 'signal');
    await new Promise((resolve) => joinedSocket.once('open', resolve));
    const garbageInvite = await host.request('invite.create', {});
    joinedSocket.send(JSON.stringify({ t: 'join', name: 'Mallory', invite: garbageInvite.code }));
    joinedSocket.send(
      JSON.stringify({
        t: 'candidate',
        candidate: 'candidate:x 1 UDP 1 nowhere 1 typ host',
        mid: '0',
      }),
    );
    joinedSocket.send(JSON.stringify({ t: 'answer', sdp: 'v=0 this is not an answer' }));
    joinedSocket.send(JSON.stringify({ t: 'answer', sdp: 'v=0 nor this' }));
    // Signals are handled in order: the refusal of this last one means the host has read them all.
    const refusal = new Promise<string>((resolve) =>
      joinedSocket.on('message', (data) => {
        if (data.toString().includes('must be JSON')) resolve(data.toString());
      }),
    );
    joinedSocket.send('not json either');
    expect(await refusal).toContain('"rejected"');
    joinedSocket.close();
    expect((await host.request('server.info', {})).match.running).toBe(true);

    const invite = await host.request('invite.create', {});
    const friend = await joinAsFriend({ baseUrl, name: 'Fuzz', invite: invite.code });
    friends.push(friend);
    for (let i = 0; i < 100; i++)
      friend.sendRaw(new Uint8Array(Array.from({ length: i % 40 }, (_, k) => (k * 37 + i) & 255)));
    await until(() => friend.snapshots > 5);
    // The host is still serving the host API and the match runs on.
    expect((await host.request('server.info', {})).match.running).toBe(true);
  });

  it(
    'keeps a friend playing across a new match (snapshot ticks start over)',
    { timeout: 120_000 },
    async () => {
      const invite = await host.request('invite.create', {});
      const friend = await joinAsFriend({ baseUrl, name: 'Hal', invite: invite.code });
      friends.push(friend);
      await until(() => friend.snapshots > 3);
      await host.request('match.start', { overrides: { botsPerTeam: 6, playerLimit: 8 } });
      const before = friend.snapshots;
      await until(() => friend.snapshots > before + 5 && friend.state.lastTick < 400);
      expect(friend.welcome.unitId).not.toBeNull();
    },
  );

  it('lets the host kick a friend', async () => {
    const invite = await host.request('invite.create', {});
    const friend = await joinAsFriend({ baseUrl, name: 'Gus', invite: invite.code });
    const result = await host.request('player.kick', { playerId: friend.welcome.playerId });
    expect(result.kicked).toBe(true);
    await friend.closed;
  });
});
