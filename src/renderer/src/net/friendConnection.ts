/**
 * A friend's connection to a host, in the browser: joins through the
 * host's `/signal` socket, answers its WebRTC offer with the browser's
 * RTCPeerConnection and, when WebRTC has not connected in time, asks for
 * the WebSocket fallback on the same socket, then plays over that link
 * with the one client every player runs (playerClient.ts).
 */
import { SIGNAL_PATH, hostSignalSchema, type Welcome } from '../../../shared/signaling';
import { createWebRtcClientLink, holdControlMessages } from './clientLink.webrtc';
import { createWebSocketClientLink } from './clientLink.ws';
import { openPlayerClient, type PlayerClient } from './playerClient';

export type { Welcome };

export type { NetStats } from './playerClient';

/** A friend's client: the one client (playerClient.ts), with the host's welcome. */
export interface FriendConnection extends PlayerClient {
  welcome: Welcome;
}

export interface JoinOptions {
  /** The host's origin, e.g. http://192.168.1.5:7777 */
  hostOrigin: string;
  name: string;
  invite?: string;
  session?: string;
  /** Give WebRTC this long before asking for the WebSocket fallback, ms. */
  webrtcTimeoutMs?: number;
}

export class JoinError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'JoinError';
  }
}

export function joinHost(options: JoinOptions): Promise<FriendConnection> {
  const signalUrl = options.hostOrigin.replace(/^http/, 'ws').replace(/\/$/, '') + SIGNAL_PATH;
  const socket = new WebSocket(signalUrl);
  socket.binaryType = 'arraybuffer';
  const peer =
    typeof RTCPeerConnection === 'function' ? new RTCPeerConnection({ iceServers: [] }) : null;
  const channels = new Map<string, RTCDataChannel>();
  let welcome: Welcome | null = null;
  let settled = false;

  return new Promise<FriendConnection>((resolve, reject) => {
    let fallbackTimer: ReturnType<typeof setTimeout> | undefined;
    const webrtcTimeoutMs = options.webrtcTimeoutMs ?? 5000;
    // The host decides the transport and says which (signaling.ts): channels that open
    // here are used only once it has said `webrtc-ready`, so a fallback asked for while
    // they were opening cannot leave the host on the socket and this page on WebRTC.
    let hostChoseWebrtc = false;
    let patient = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(fallbackTimer);
      peer?.close();
      socket.close();
      reject(error);
    };
    const ready = (transport: 'webrtc' | 'websocket') => {
      if (settled || !welcome) return;
      settled = true;
      clearTimeout(fallbackTimer);
      if (transport === 'websocket') peer?.close();
      resolve(buildConnection(welcome, transport, socket, peer, channels));
    };
    const readyIfWebrtc = () => {
      const open = [...channels.values()].filter((c) => c.readyState === 'open').length;
      if (hostChoseWebrtc && open === 2) ready('webrtc');
    };
    const askFallback = () => {
      if (settled || hostChoseWebrtc) return;
      // ICE and DTLS are up, only the channels are still opening (a busy machine): wait
      // once more rather than drop a connection that is nearly there.
      if (peer?.connectionState === 'connected' && !patient) {
        patient = true;
        fallbackTimer = setTimeout(askFallback, webrtcTimeoutMs);
        return;
      }
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ t: 'fallback' }));
    };
    socket.addEventListener('error', () =>
      fail(new JoinError('unreachable', `cannot reach the host at ${signalUrl}`)),
    );
    socket.addEventListener('close', () => {
      // After `webrtc-ready` the host closes the socket on purpose; the channels carry on.
      if (!hostChoseWebrtc) fail(new JoinError('closed', 'the host closed the connection'));
    });
    socket.addEventListener('open', () =>
      socket.send(
        JSON.stringify({
          t: 'join',
          name: options.name,
          ...(options.invite ? { invite: options.invite } : { session: options.session }),
        }),
      ),
    );
    if (peer) {
      peer.addEventListener('icecandidate', (event) => {
        if (event.candidate?.candidate && socket.readyState === WebSocket.OPEN) {
          socket.send(
            JSON.stringify({
              t: 'candidate',
              candidate: event.candidate.candidate,
              mid: event.candidate.sdpMid ?? '0',
            }),
          );
        }
      });
      peer.addEventListener('datachannel', (event) => {
        const channel = event.channel;
        channel.binaryType = 'arraybuffer';
        channels.set(channel.label, channel);
        if (channel.label === 'control') holdControlMessages(channel);
        if (channel.readyState === 'open') readyIfWebrtc();
        else channel.addEventListener('open', readyIfWebrtc);
      });
      peer.addEventListener('connectionstatechange', () => {
        const state = peer.connectionState;
        if (hostChoseWebrtc && (state === 'failed' || state === 'closed'))
          fail(new JoinError('closed', 'the WebRTC connection to the host failed'));
      });
    }
    socket.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return;
      let parsed;
      try {
        parsed = hostSignalSchema.safeParse(JSON.parse(event.data));
      } catch {
        return;
      }
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.t === 'welcome') {
        welcome = message;
        if (!peer) askFallback();
        else fallbackTimer = setTimeout(askFallback, webrtcTimeoutMs);
      } else if (message.t === 'rejected') {
        fail(new JoinError(message.reason, message.message));
      } else if (message.t === 'offer' && peer) {
        void (async () => {
          await peer.setRemoteDescription({ type: 'offer', sdp: message.sdp });
          const answer = await peer.createAnswer();
          await peer.setLocalDescription(answer);
          socket.send(JSON.stringify({ t: 'answer', sdp: answer.sdp }));
        })().catch(() => askFallback());
      } else if (message.t === 'candidate' && peer && message.candidate) {
        peer.addIceCandidate({ candidate: message.candidate, sdpMid: message.mid }).catch(() => {});
      } else if (message.t === 'fallback-ready') {
        ready('websocket');
      } else if (message.t === 'webrtc-ready') {
        hostChoseWebrtc = true;
        clearTimeout(fallbackTimer);
        readyIfWebrtc();
      }
    });
  });
}

/** Plays over connected lanes; `socket` is null for a copy-paste join, which has none. */
export function buildConnection(
  welcome: Welcome,
  transport: 'webrtc' | 'websocket',
  socket: WebSocket | null,
  peer: RTCPeerConnection | null,
  channels: Map<string, RTCDataChannel>,
): FriendConnection {
  const link =
    transport === 'webrtc'
      ? createWebRtcClientLink(peer, channels)
      : createWebSocketClientLink(socket!);
  // A link over the data channels leaves the signaling socket behind.
  if (transport === 'webrtc') link.onClose(() => socket?.close());
  const play = { unitId: welcome.unitId, tickRate: welcome.tickRate, map: welcome.map };
  const client = openPlayerClient(link, play);
  // The welcome shows what the client plays now: a reset changes both.
  client.onReset(() => {
    welcome.unitId = client.play.unitId;
    welcome.map = client.play.map;
  });
  return Object.assign(client, { welcome });
}
