/**
 * The host's end of a friend's WebRTC connection, on node-datachannel. The
 * host makes the offer and both channels, so their reliability is the
 * host's choice; candidates trickle through whatever signal function the
 * caller gives (the /signal WebSocket, or a copy-paste code).
 */
import nodeDataChannel from 'node-datachannel';
import type { DataChannel, PeerConnection } from 'node-datachannel';
import { splitCandidates } from '../../../shared/connectCodes';
import { rewriteSdpCandidates } from '../fleet/publicAddress';
import { CONTROL_CHANNEL, STATE_CHANNEL, type LinkStats, type PlayerLink } from './playerLink';

export interface WebRtcConfig {
  /** STUN/TURN URLs, e.g. "stun:stun.example.org:3478"; none by default. */
  iceServers: string[];
  /** UDP port range for ICE; 0 lets the system pick. */
  portRangeBegin?: number;
  portRangeEnd?: number;
  /** How long to wait for both channels to open, ms. */
  connectTimeoutMs?: number;
  /**
   * Copy-paste codes: how long the offer waits for its answer, ms. When
   * set, `connectTimeoutMs` counts from the answer instead of from the
   * offer, since a person carries the answer back.
   */
  answerTimeoutMs?: number;
  /** The host's public IP: private host candidates are rewritten to it (see fleet/publicAddress). */
  publicIp?: string;
}

export type SignalMessage =
  | { type: 'offer'; sdp: string }
  | { type: 'answer'; sdp: string }
  | { type: 'candidate'; candidate: string; mid: string };

export interface PendingPeer {
  /** Feeds the remote side's answer and candidates in; false when one was refused (never throws). */
  acceptSignal(message: SignalMessage): boolean;
  /** Resolves when both channels are open; rejects on failure or timeout. */
  link: Promise<PlayerLink>;
  /** Resolves once every local ICE candidate is known (for a copy-paste offer). */
  gathered: Promise<void>;
  /** The local description as it stands (with the candidates gathered so far). */
  localSdp(): string | null;
  close(): void;
}

const MAX_CONTROL_BYTES = 16 * 1024;

/** Starts a connection; `signal` receives the offer and local candidates to pass on. */
export function createHostPeer(
  config: WebRtcConfig,
  signal: (message: SignalMessage) => void,
  name = 'friend',
): PendingPeer {
  const peer: PeerConnection = new nodeDataChannel.PeerConnection(name, {
    iceServers: config.iceServers,
    portRangeBegin: config.portRangeBegin,
    portRangeEnd: config.portRangeEnd,
    // One port for every peer (Agones Passthrough gives a game server one): without the
    // multiplexer the first peer holds the port and every later friend fails to connect.
    enableIceUdpMux:
      config.portRangeBegin !== undefined && config.portRangeBegin === config.portRangeEnd,
    maxMessageSize: 64 * 1024,
  });
  // The host's candidates go out only once the friend's answer is in. A friend who
  // knows them sooner starts ICE checks at once; when the answer then lands,
  // libdatachannel 0.33 connects inside setRemoteDescription before it has kept the
  // friend's fingerprint, and the DTLS handshake fails ("unknown CA"). Under load,
  // when the answer waits for a busy host, that lost a few joins in net.load.
  let closed = false;
  let answered = false;
  const heldCandidates: Array<{ candidate: string; mid: string }> = [];
  const publicIp = config.publicIp;
  const outward = (text: string) => (publicIp ? rewriteSdpCandidates(text, publicIp) : text);
  const sendCandidate = (raw: string, mid: string) => {
    const candidate = outward(raw);
    if (answered) signal({ type: 'candidate', candidate, mid });
    else heldCandidates.push({ candidate, mid });
  };
  peer.onLocalDescription((sdp, type) => {
    if (type !== 'offer') return;
    const { description, candidates } = splitCandidates(sdp);
    signal({ type: 'offer', sdp: description });
    for (const entry of candidates) sendCandidate(entry.candidate, entry.mid);
  });
  peer.onLocalCandidate((candidate, mid) => sendCandidate(candidate, mid));
  const gathered = new Promise<void>((resolve) => {
    peer.onGatheringStateChange((state) => {
      if (state === 'complete') resolve();
    });
  });

  const control = peer.createDataChannel(CONTROL_CHANNEL);
  const state = peer.createDataChannel(STATE_CHANNEL, { unordered: true, maxRetransmits: 0 });
  const earlyCandidates: Array<{ candidate: string; mid: string }> = [];

  const connectMs = config.connectTimeoutMs ?? 8000;
  let onAnswered = () => {};
  const link = new Promise<PlayerLink>((resolve, reject) => {
    const startTimer = (ms: number, reason: string) => {
      const started = setTimeout(() => fail(reason), ms);
      started.unref?.();
      return started;
    };
    let timer =
      config.answerTimeoutMs === undefined
        ? startTimer(connectMs, `WebRTC did not connect within ${connectMs} ms`)
        : startTimer(config.answerTimeoutMs, 'no answer came back before the offer expired');
    if (config.answerTimeoutMs !== undefined) {
      onAnswered = () => {
        clearTimeout(timer);
        timer = startTimer(
          connectMs,
          `WebRTC did not connect within ${connectMs} ms of the answer`,
        );
      };
    }
    let opened = 0;
    const onOpen = () => {
      if (++opened < 2) return;
      clearTimeout(timer);
      resolve(wrap(peer, control, state, () => (closed = true)));
    };
    const fail = (reason: string) => {
      clearTimeout(timer);
      if (!closed) {
        closed = true;
        safeClose(peer);
      }
      reject(new Error(reason));
    };
    control.onOpen(onOpen);
    state.onOpen(onOpen);
    peer.onStateChange((connectionState) => {
      if (connectionState === 'failed') fail('WebRTC connection failed');
    });
  });
  link.catch(() => {});

  return {
    acceptSignal(message) {
      if (closed) return false;
      // libdatachannel throws on a candidate before the answer, a second answer
      // or a malformed SDP: whatever a friend sends, the host must not go down.
      try {
        if (message.type === 'answer') {
          if (answered) return false;
          // A complete answer (copy-paste codes) goes in the way trickled ones do: the
          // description alone, then each candidate. Given all at once, a connection that
          // fails while libdatachannel reads them makes setRemoteDescription throw "Got a
          // remote candidate without ICE transport" instead of reporting the failure.
          const { description, candidates } = splitCandidates(message.sdp);
          peer.setRemoteDescription(description, 'answer');
          answered = true;
          onAnswered();
          for (const held of heldCandidates.splice(0)) signal({ type: 'candidate', ...held });
          for (const early of [...earlyCandidates.splice(0), ...candidates]) {
            try {
              peer.addRemoteCandidate(early.candidate, early.mid);
            } catch {
              // One unusable candidate (or one after the link is up) costs nothing.
            }
          }
        } else if (message.type === 'candidate' && message.candidate) {
          if (!answered) {
            if (earlyCandidates.length < 32) earlyCandidates.push(message);
          } else peer.addRemoteCandidate(message.candidate, message.mid);
        }
        return true;
      } catch {
        return false;
      }
    },
    link,
    gathered,
    localSdp: () => {
      const sdp = peer.localDescription()?.sdp;
      return sdp ? outward(sdp) : null;
    },
    close() {
      if (closed) return;
      closed = true;
      safeClose(peer);
    },
  };
}

function safeClose(peer: PeerConnection): void {
  try {
    peer.close();
  } catch {
    // already closed by the library
  }
}

function wrap(
  peer: PeerConnection,
  control: DataChannel,
  state: DataChannel,
  markClosed: () => void,
): PlayerLink {
  const closeListeners: Array<(reason: string) => void> = [];
  let closed = false;
  const shut = (reason: string) => {
    if (closed) return;
    closed = true;
    markClosed();
    for (const listener of closeListeners) listener(reason);
    safeClose(peer);
  };
  const sendOrShut = (send: () => void) => {
    try {
      send();
    } catch (error) {
      shut(`send failed: ${(error as Error).message}`);
    }
  };
  control.onClosed(() => shut('control channel closed'));
  state.onClosed(() => shut('state channel closed'));
  peer.onStateChange((connectionState) => {
    if (
      connectionState === 'disconnected' ||
      connectionState === 'failed' ||
      connectionState === 'closed'
    ) {
      shut(`connection ${connectionState}`);
    }
  });
  return {
    transport: 'webrtc',
    get closed() {
      return closed;
    },
    // libdatachannel throws when a send fails (a channel closing under it): that ends this link,
    // never the host.
    sendControl(text) {
      if (!closed && control.isOpen()) sendOrShut(() => control.sendMessage(text));
    },
    // Every snapshot packet comes through here: no closure per packet.
    sendState(bytes) {
      if (closed || !state.isOpen()) return;
      try {
        state.sendMessageBinary(bytes);
      } catch (error) {
        shut(`send failed: ${(error as Error).message}`);
      }
    },
    onControl(listener) {
      control.onMessage((message) => {
        if (typeof message === 'string') {
          if (message.length <= MAX_CONTROL_BYTES) listener(message);
          else listener('');
        } else listener(''); // binary on the text lane: the parser rejects and counts it
      });
    },
    onState(listener) {
      state.onMessage((message) => {
        if (typeof message === 'string') listener(new Uint8Array(0));
        else
          listener(
            message instanceof ArrayBuffer
              ? new Uint8Array(message)
              : new Uint8Array(message.buffer, message.byteOffset, message.byteLength),
          );
      });
    },
    onClose(listener) {
      closeListeners.push(listener);
    },
    close(reason = 'closed by the host') {
      shut(reason);
    },
    stats(): LinkStats {
      return {
        bytesSent: peer.bytesSent(),
        bytesReceived: peer.bytesReceived(),
        rttMs: rttOf(peer),
      };
    },
  };
}

function rttOf(peer: PeerConnection): number | null {
  try {
    const rtt = peer.rtt();
    return rtt >= 0 ? rtt : null;
  } catch {
    return null;
  }
}
