import { afterAll, describe, expect, it } from 'vitest';
import nodeDataChannel, { type DataChannel } from 'node-datachannel';
import { createHostPeer, type SignalMessage } from './playerLink.webrtc';
import type { PlayerLink } from './playerLink';

/** A friend on node-datachannel, answering the host's offer as a browser would. */
async function connectFriend() {
  const friend = new nodeDataChannel.PeerConnection('test-friend', { iceServers: [] });
  const channels = new Map<string, DataChannel>();
  const opened = new Promise<void>((resolve) => {
    friend.onDataChannel((channel) => {
      channels.set(channel.getLabel(), channel);
      if (channels.size === 2) resolve();
    });
  });
  let pending: ReturnType<typeof createHostPeer> | null = null;
  const early: SignalMessage[] = [];
  const toHost = (message: SignalMessage) =>
    pending ? pending.acceptSignal(message) : early.push(message);
  friend.onLocalDescription((sdp, type) => {
    if (type === 'answer') toHost({ type: 'answer', sdp });
  });
  friend.onLocalCandidate((candidate, mid) => toHost({ type: 'candidate', candidate, mid }));
  pending = createHostPeer({ iceServers: [], connectTimeoutMs: 5000 }, (message) => {
    if (message.type === 'offer') friend.setRemoteDescription(message.sdp, 'offer');
    else if (message.type === 'candidate')
      friend.addRemoteCandidate(message.candidate, message.mid);
  });
  for (const message of early) pending.acceptSignal(message);
  const link: PlayerLink = await pending.link;
  await opened;
  return { link, friend, channels };
}

describe('WebRTC player link (node-datachannel on both ends)', () => {
  const cleanups: Array<() => void> = [];
  afterAll(() => cleanups.forEach((cleanup) => cleanup()));

  it('opens a control lane and a state lane that carry text and bytes both ways', async () => {
    const { link, friend, channels } = await connectFriend();
    cleanups.push(() => friend.close());
    const control = channels.get('control')!;
    const state = channels.get('state')!;

    const gotControl = new Promise<string>((resolve) => link.onControl(resolve));
    control.sendMessage('hello host');
    expect(await gotControl).toBe('hello host');

    const gotState = new Promise<Uint8Array>((resolve) => link.onState(resolve));
    state.sendMessageBinary(new Uint8Array([1, 2, 3]));
    expect([...(await gotState)]).toEqual([1, 2, 3]);

    const friendGot = new Promise<Buffer>((resolve) =>
      state.onMessage((message) => resolve(message as Buffer)),
    );
    link.sendState(new Uint8Array([9, 8]));
    expect([...(await friendGot)]).toEqual([9, 8]);
    expect(link.stats().bytesSent).toBeGreaterThan(0);

    const closed = new Promise<string>((resolve) => link.onClose(resolve));
    friend.close();
    expect(await closed).toMatch(/closed|disconnected/);
  });

  it('gathers its candidates only on the UDP ports it was given', async () => {
    const pending = createHostPeer(
      { iceServers: [], portRangeBegin: 50710, portRangeEnd: 50712, connectTimeoutMs: 2000 },
      () => {},
    );
    cleanups.push(() => pending.close());
    await pending.gathered;
    const ports = [
      ...pending.localSdp()!.matchAll(/^a=candidate:\S+ \d+ UDP \d+ \S+ (\d+) typ/gim),
    ].map((match) => Number(match[1]));
    expect(ports.length).toBeGreaterThan(0);
    for (const port of ports) expect(port).toBeGreaterThanOrEqual(50710);
    for (const port of ports) expect(port).toBeLessThanOrEqual(50712);
  });

  it('gives up with a clear reason when the friend never answers', async () => {
    const pending = createHostPeer({ iceServers: [], connectTimeoutMs: 300 }, () => {});
    await expect(pending.link).rejects.toThrow(/did not connect within 300 ms/);
  });
});
