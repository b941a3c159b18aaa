/**
 * A friend joining by copy-paste codes, in the browser, for a host whose
 * port cannot be reached: reads the host's offer code, answers it with
 * RTCPeerConnection, and hands back an answer code only once ICE gathering
 * is complete (nothing can trickle later). The host pastes that answer;
 * when both data channels open, the welcome arrives on the control lane
 * and play goes on exactly as after a `/signal` join.
 */
import { decodeOfferCode, encodeAnswerCode, splitCandidates } from '../../../shared/connectCodes';
import { parseHostControl } from '../../../shared/controlLane';
import {
  buildConnection,
  JoinError,
  type FriendConnection,
  type Welcome,
} from './friendConnection';
import { holdControlMessages } from './clientLink.webrtc';

export interface CodeAnswer {
  /** Send this back to the host. */
  answerCode: string;
  /** Resolves once the host pasted the answer and welcomed this friend. */
  connection: Promise<FriendConnection>;
  cancel(): void;
}

/** Offers whose expiry looks a little past are still tried: the two clocks may differ. */
const CLOCK_SLACK_MS = 30_000;
/** Gathering candidates on the local network takes well under a second; a STUN server may be slow. */
const GATHER_TIMEOUT_MS = 10_000;
/**
 * How long the host's local-network addresses are held back, ms. ICE checks
 * that reach the host before it has pasted the answer make its
 * libdatachannel (0.33) connect inside setRemoteDescription, before it has
 * stored this answer's fingerprint, and the DTLS handshake then fails
 * ("unknown CA") — on a LAN, where a round trip is shorter than that gap.
 * Held back, the host's own checks start the connection once it has the
 * answer. They are added later all the same, for a browser whose addresses
 * the host cannot reach first (mDNS names, a NAT).
 */
const HOST_CANDIDATE_DELAY_MS = 10_000;

/** Throws CodeError for a malformed code and JoinError for an expired or unusable offer. */
export async function answerOfferCode(
  offerCode: string,
  name: string,
  now = Date.now(),
  /** The token an earlier welcome from this host gave: come back as the same player. */
  session?: string,
): Promise<CodeAnswer> {
  const offer = await decodeOfferCode(offerCode);
  const left = offer.expiresAt - now + CLOCK_SLACK_MS;
  if (left <= 0)
    throw new JoinError('expired', 'that offer code has expired; ask the host for a new one');

  const peer = new RTCPeerConnection({ iceServers: (offer.stun ?? []).map((urls) => ({ urls })) });
  const channels = new Map<string, RTCDataChannel>();
  let welcome: Welcome | null = null;
  let settled = false;
  let cancel = () => {};
  const connection = new Promise<FriendConnection>((resolve, reject) => {
    const expiry = setTimeout(
      () =>
        fail(new JoinError('expired', 'the host did not take the answer before the offer expired')),
      left,
    );
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(expiry);
      peer.close();
      reject(error);
    };
    cancel = () => fail(new JoinError('cancelled', 'cancelled'));
    const maybeReady = () => {
      const open = (label: string) => channels.get(label)?.readyState === 'open';
      if (settled || !welcome || !open('control') || !open('state')) return;
      settled = true;
      clearTimeout(expiry);
      resolve(buildConnection(welcome, 'webrtc', null, peer, channels));
    };
    const onControl = (event: MessageEvent) => {
      if (welcome || typeof event.data !== 'string') return;
      const parsed = parseHostControl(event.data);
      if (!parsed.ok) return;
      if (parsed.message.t === 'welcome') welcome = parsed.message;
      else if (parsed.message.t === 'rejected')
        fail(new JoinError(parsed.message.reason, parsed.message.message));
      maybeReady();
    };
    peer.addEventListener('datachannel', (event) => {
      const channel = event.channel;
      channel.binaryType = 'arraybuffer';
      channels.set(channel.label, channel);
      if (channel.label === 'control') {
        holdControlMessages(channel);
        channel.addEventListener('message', onControl);
      }
      channel.addEventListener('open', maybeReady);
      maybeReady();
    });
    peer.addEventListener('connectionstatechange', () => {
      if (peer.connectionState === 'failed') {
        fail(
          new JoinError(
            'not_connected',
            'could not connect to the host; ask for a new offer code (a STUN or TURN server may be needed)',
          ),
        );
      }
    });
  });
  connection.catch(() => {});

  const { description, candidates } = splitCandidates(offer.sdp);
  const local = candidates.filter((entry) => / typ host( |$)/.test(entry.candidate));
  const addCandidates = (list: typeof candidates) => {
    for (const entry of list) {
      if (peer.connectionState === 'closed') return;
      peer.addIceCandidate({ candidate: entry.candidate, sdpMid: entry.mid }).catch(() => {
        // One unusable address costs nothing while another works.
      });
    }
  };
  try {
    await peer.setRemoteDescription({ type: 'offer', sdp: description });
    await peer.setLocalDescription(await peer.createAnswer());
    addCandidates(candidates.filter((entry) => !local.includes(entry)));
    const later = setTimeout(() => {
      if (!settled) addCandidates(local);
    }, HOST_CANDIDATE_DELAY_MS);
    void connection.finally(() => clearTimeout(later)).catch(() => {});
  } catch {
    cancel();
    throw new JoinError(
      'bad_offer',
      'the connection details in that offer code could not be used; ask the host for a new one',
    );
  }
  await gatheringComplete(peer);
  const sdp = peer.localDescription?.sdp;
  if (!sdp) {
    cancel();
    throw new JoinError('bad_offer', 'this browser made no answer to that offer');
  }
  return {
    answerCode: await encodeAnswerCode({
      id: offer.id,
      sdp,
      name,
      ...(session ? { session } : {}),
    }),
    connection,
    cancel: () => cancel(),
  };
}

/** Resolves when every local candidate is in the description (or after a bound: use what is there). */
function gatheringComplete(peer: RTCPeerConnection): Promise<void> {
  if (peer.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, GATHER_TIMEOUT_MS);
    function done() {
      clearTimeout(timer);
      peer.removeEventListener('icegatheringstatechange', check);
      resolve();
    }
    function check() {
      if (peer.iceGatheringState === 'complete') done();
    }
    peer.addEventListener('icegatheringstatechange', check);
  });
}
