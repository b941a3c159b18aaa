/**
 * A friend in Node who joins by copy-paste codes: reads the host's offer
 * code, answers it with node-datachannel, hands back an answer code once
 * every local candidate is gathered, then waits for the host's welcome on
 * the control lane. Never touches the host's HTTP port. Used by tests.
 */
import nodeDataChannel, { type DataChannel } from 'node-datachannel';
import { decodeOfferCode, encodeAnswerCode, splitCandidates } from '../../../shared/connectCodes';
import { parseHostControl } from '../../../shared/controlLane';
import { buildFriend, JoinRejected, type NodeFriend, type Welcome } from './nodeFriend';

export interface CodeAnswer {
  answerCode: string;
  /** Resolves once the host took the answer and welcomed this friend. */
  friend: Promise<NodeFriend>;
  close(): void;
}

export async function answerOfferCode(
  offerCode: string,
  name: string,
  timeoutMs = 20_000,
  session?: string,
): Promise<CodeAnswer> {
  const offer = await decodeOfferCode(offerCode);
  const peer = new nodeDataChannel.PeerConnection(`code-friend-${name}`, {
    iceServers: offer.stun ?? [],
  });
  const gathered = new Promise<void>((resolve) =>
    peer.onGatheringStateChange((state) => {
      if (state === 'complete') resolve();
    }),
  );
  const channels = new Map<string, DataChannel>();
  let welcome: Welcome | null = null;
  const friend = new Promise<NodeFriend>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('the host did not connect in time')), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      peer.close();
      reject(error);
    };
    const maybeReady = () => {
      if (!welcome || !channels.has('control') || !channels.has('state')) return;
      clearTimeout(timer);
      resolve(buildFriend(welcome, 'webrtc', null, peer, channels));
    };
    peer.onDataChannel((channel) => {
      channels.set(channel.getLabel(), channel);
      if (channel.getLabel() === 'control') {
        channel.onMessage((message) => {
          if (welcome || typeof message !== 'string') return;
          const parsed = parseHostControl(message);
          if (!parsed.ok) return;
          if (parsed.message.t === 'welcome') welcome = parsed.message;
          else if (parsed.message.t === 'rejected')
            fail(new JoinRejected(parsed.message.reason, parsed.message.message));
          maybeReady();
        });
      }
      maybeReady();
    });
  });
  friend.catch(() => {});
  // libdatachannel answers on its own once it has the offer. The host's candidates stay
  // out: checks sent to them before the host has this answer make its libdatachannel
  // connect inside setRemoteDescription and fail the handshake (see codeJoin.ts).
  peer.setRemoteDescription(splitCandidates(offer.sdp).description, 'offer');
  if (peer.gatheringState() !== 'complete') await gathered;
  const sdp = peer.localDescription()?.sdp;
  if (!sdp) throw new Error('node-datachannel made no answer');
  return {
    answerCode: await encodeAnswerCode({
      id: offer.id,
      sdp,
      name,
      ...(session ? { session } : {}),
    }),
    friend,
    close: () => peer.close(),
  };
}
