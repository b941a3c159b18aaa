/**
 * A friend who joined by copy-paste codes drops and answers a new offer
 * code with the session token of their welcome: within the grace period
 * they are the same player with the same avatar. Real node-datachannel
 * peers, a real host core and engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_INPUT_PACKET_BYTES,
  createInputPacket,
  encodeInputPacket,
  pushInput,
} from '../../../../engine/index';
import { type RpcClient } from '../../../shared/rpcClient';
import type { HostCore } from '../hostCore';
import { connectMemoryClient, createTestHostCore } from '../testing/testHost';
import { answerOfferCode } from '../testing/nodeCodeFriend';

// A hang-catcher, not a speed limit: on a busy machine conditions take longer, never fail.
async function until(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a code friend who drops comes back as themselves', () => {
  let core: HostCore;
  let host: RpcClient;
  const closers: Array<() => void> = [];

  beforeAll(async () => {
    core = createTestHostCore({ reconnectGraceMs: 60_000 });
    host = connectMemoryClient(core);
    await host.request('match.start', { agents: 2 });
  });

  afterAll(async () => {
    closers.forEach((close) => close());
    host.close();
    await core.dispose();
  });

  const joinByCode = async (name: string, session?: string) => {
    const offer = await host.request('invite.offerCode', {});
    const answered = await answerOfferCode(offer.code, name, 20_000, session);
    closers.push(answered.close);
    const joined = await host.request('invite.acceptAnswer', { answerCode: answered.answerCode });
    const friend = await answered.friend;
    return { joined, friend, drop: answered.close };
  };
  const transportOf = async (playerId: number) =>
    (await host.request('player.list', {})).players.find((p) => p.playerId === playerId)?.transport;

  it('gets the same player and avatar back with its token, and a new one without', async () => {
    const first = await joinByCode('Cy');
    const { session, playerId, unitId } = first.friend.welcome;
    expect(unitId).not.toBeNull();
    await until(async () => (await transportOf(playerId)) === 'webrtc');

    first.drop();
    await until(async () => (await transportOf(playerId)) === 'reconnecting');

    const back = await joinByCode('Cy', session);
    expect(back.joined.playerId).toBe(playerId);
    expect(back.friend.welcome.unitId).toBe(unitId);
    expect(back.friend.welcome.resumed).toBe(true);
    await until(async () => (await transportOf(playerId)) === 'webrtc');

    // Without the token the same name is someone new.
    const other = await joinByCode('Cy');
    expect(other.joined.playerId).not.toBe(playerId);
  });

  it('is refused after a kick, even with its token', async () => {
    const first = await joinByCode('Dee');
    const { session, playerId } = first.friend.welcome;
    expect((await host.request('player.kick', { playerId })).kicked).toBe(true);
    const offer = await host.request('invite.offerCode', {});
    const answered = await answerOfferCode(offer.code, 'Dee', 20_000, session);
    closers.push(answered.close);
    await host.request('invite.acceptAnswer', { answerCode: answered.answerCode }).catch(() => {});
    await expect(answered.friend).rejects.toMatchObject({ reason: 'kicked' });
  });

  it('shows the share of their input packets that never arrived', async () => {
    const { friend } = await joinByCode('Eve');
    const lossOf = async () =>
      (await host.request('player.list', {})).players.find(
        (p) => p.playerId === friend.welcome.playerId,
      )?.lossPercent;
    expect(await lossOf()).toBeNull();
    // Twenty inputs, of which the ones with seqs 10..18 are "lost" (never sent).
    const input = createInputPacket();
    const wire = new Uint8Array(MAX_INPUT_PACKET_BYTES);
    for (let seq = 0; seq < 20; seq++) {
      pushInput(input, 0, 0, 0, 0);
      if (seq >= 10 && seq < 19) continue;
      friend.sendRaw(wire.subarray(0, encodeInputPacket(input, wire)));
    }
    await until(async () => (await lossOf()) === 45);
  });
});
