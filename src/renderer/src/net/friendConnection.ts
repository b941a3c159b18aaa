/**
 * A friend's connection to a host, in the browser: joins through the
 * host's `/signal` socket, answers its WebRTC offer with the browser's
 * RTCPeerConnection and, when WebRTC has not connected in time, asks for
 * the WebSocket fallback on the same socket. Decodes snapshots with the
 * shared codec and sends sequence-numbered inputs, the last few repeated.
 */
import {
  createClientState,
  createInputPacket,
  decodeSnapshot,
  DEFAULT_AGENT_SPEED,
  encodeInputPacket,
  MAX_INPUT_PACKET_BYTES,
  pushInput,
  type DecodedSnapshot,
} from '../../../../engine/index';
import {
  parseHostControl,
  type ClockMessage,
  type ResetMessage,
} from '../../../shared/controlLane';
import { SIGNAL_PATH, hostSignalSchema, type Welcome } from '../../../shared/signaling';
import { createPrediction, predictInput, reconcile, type Prediction } from './prediction';

export type { Welcome };

export interface NetStats {
  transport: 'webrtc' | 'websocket';
  rttMs: number | null;
  /** Share of snapshot ticks that never arrived, over the last ~5 s, 0..1. */
  loss: number;
  bytesInPerSecond: number;
  bytesOutPerSecond: number;
  snapshotsPerSecond: number;
}

export interface FriendConnection {
  welcome: Welcome;
  transport: 'webrtc' | 'websocket';
  prediction: Prediction;
  onSnapshot(listener: (snapshot: DecodedSnapshot) => void): () => void;
  onClose(listener: (reason: string) => void): void;
  /** The host started a new match: `welcome.unitId` and `welcome.map` changed. */
  onReset(listener: () => void): void;
  /** The host paused, resumed or changed the speed; returns the function that stops listening. */
  onClock(listener: (clock: ClockMessage) => void): () => void;
  /** One input for this tick: move -1..1 per axis, aim radians, button bits. */
  sendInput(moveX: number, moveY: number, aim: number, buttons: number): void;
  stats(): NetStats;
  close(): void;
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
  let state = createClientState();
  const resetListeners: Array<() => void> = [];
  const clockListeners = new Set<(clock: ClockMessage) => void>();
  const input = createInputPacket();
  const wire = new Uint8Array(MAX_INPUT_PACKET_BYTES);
  const prediction = createPrediction();
  const listeners = new Set<(snapshot: DecodedSnapshot) => void>();
  const closeListeners: Array<(reason: string) => void> = [];
  const dt = 1 / welcome.tickRate;
  const window = {
    bytesIn: 0,
    bytesOut: 0,
    snapshots: 0,
    firstTick: -1,
    lastTick: -1,
    startedAt: performance.now(),
  };
  let measured: NetStats = {
    transport,
    rttMs: null,
    loss: 0,
    bytesInPerSecond: 0,
    bytesOutPerSecond: 0,
    snapshotsPerSecond: 0,
  };
  let closed = false;
  const shut = (reason: string) => {
    if (closed) return;
    closed = true;
    for (const listener of closeListeners) listener(reason);
    peer?.close();
    socket?.close();
  };

  /** A new match on the host: a fresh decoder, the new avatar and map. */
  const onReset = (reset: ResetMessage) => {
    state = createClientState();
    welcome.unitId = reset.unitId;
    welcome.map = reset.map;
    prediction.known = false;
    prediction.pending = [];
    for (const listener of resetListeners) listener();
  };
  /** A control-lane text: only a reset or a goodbye means anything once connected. */
  const onControl = (text: string) => {
    const parsed = parseHostControl(text);
    if (!parsed.ok) return;
    if (parsed.message.t === 'reset') onReset(parsed.message);
    else if (parsed.message.t === 'clock')
      for (const listener of clockListeners) listener(parsed.message);
    else if (parsed.message.t === 'bye') shut(parsed.message.reason);
  };
  const receive = (bytes: Uint8Array) => {
    window.bytesIn += bytes.length;
    const result = decodeSnapshot(state, bytes);
    if (!result.ok || !result.snapshot) return;
    const snapshot = result.snapshot;
    window.snapshots++;
    if (window.firstTick < 0) window.firstTick = snapshot.tick;
    window.lastTick = snapshot.tick;
    const own = findRow(snapshot, welcome.unitId);
    if (own >= 0) {
      reconcile(
        prediction,
        snapshot.entities.x[own],
        snapshot.entities.y[own],
        snapshot.inputAck,
        DEFAULT_AGENT_SPEED,
        dt,
      );
    }
    for (const listener of listeners) listener(snapshot);
  };
  const sendBytes = (bytes: Uint8Array<ArrayBuffer>) => {
    window.bytesOut += bytes.length;
    if (transport === 'webrtc') {
      const lane = channels.get('state');
      if (lane?.readyState === 'open') lane.send(bytes);
    } else if (socket?.readyState === WebSocket.OPEN) socket.send(bytes);
  };

  if (transport === 'webrtc') {
    const stateLane = channels.get('state')!;
    const control = channels.get('control')!;
    stateLane.addEventListener('message', (event) => {
      if (event.data instanceof ArrayBuffer) receive(new Uint8Array(event.data));
    });
    control.addEventListener('message', (event) => {
      if (typeof event.data === 'string') onControl(event.data);
    });
    control.addEventListener('close', () => shut('the connection to the host closed'));
    peer?.addEventListener('connectionstatechange', () => {
      if (peer.connectionState === 'failed' || peer.connectionState === 'closed')
        shut('the connection to the host was lost');
    });
  } else if (socket) {
    socket.addEventListener('message', (event) => {
      if (event.data instanceof ArrayBuffer) receive(new Uint8Array(event.data));
      else if (typeof event.data === 'string') onControl(event.data);
    });
    socket.addEventListener('close', () => shut('the connection to the host closed'));
  }

  const statsTimer = setInterval(() => {
    const seconds = (performance.now() - window.startedAt) / 1000;
    const expected = window.lastTick - window.firstTick + 1;
    measured = {
      ...measured,
      loss: expected > 0 ? Math.max(0, 1 - window.snapshots / expected) : 0,
      bytesInPerSecond: window.bytesIn / seconds,
      bytesOutPerSecond: window.bytesOut / seconds,
      snapshotsPerSecond: window.snapshots / seconds,
    };
    if (peer && transport === 'webrtc') {
      void peer.getStats().then((report) => {
        report.forEach((entry) => {
          if (
            entry.type === 'candidate-pair' &&
            entry.nominated &&
            typeof entry.currentRoundTripTime === 'number'
          ) {
            measured = { ...measured, rttMs: entry.currentRoundTripTime * 1000 };
          }
        });
      });
    }
    Object.assign(window, {
      bytesIn: 0,
      bytesOut: 0,
      snapshots: 0,
      firstTick: -1,
      lastTick: -1,
      startedAt: performance.now(),
    });
  }, 2000);
  closeListeners.push(() => clearInterval(statsTimer));

  return {
    welcome,
    transport,
    prediction,
    onSnapshot(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onClose(listener) {
      closeListeners.push(listener);
    },
    onReset(listener) {
      resetListeners.push(listener);
    },
    onClock(listener) {
      clockListeners.add(listener);
      return () => void clockListeners.delete(listener);
    },
    sendInput(moveX, moveY, aim, buttons) {
      if (closed) return;
      const seq = pushInput(input, moveX, moveY, aim, buttons);
      input.ackTick = state.lastTick;
      predictInput(prediction, seq, moveX, moveY, DEFAULT_AGENT_SPEED, dt);
      const length = encodeInputPacket(input, wire);
      sendBytes(wire.slice(0, length));
    },
    stats: () => measured,
    close: () => shut('left'),
  };
}

function findRow(snapshot: DecodedSnapshot, id: number | null): number {
  if (id === null) return -1;
  const { entities } = snapshot;
  for (let row = 0; row < entities.count; row++) if (entities.id[row] === id) return row;
  return -1;
}
