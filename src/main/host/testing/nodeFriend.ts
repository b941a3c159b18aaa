/**
 * A friend in Node: joins a host through `/signal` and answers its WebRTC
 * offer with node-datachannel — the same steps a browser takes. Used by
 * tests and the load benchmark, so they exercise the real signaling, the
 * real data channels and the real codec.
 */
import nodeDataChannel, { type DataChannel, type PeerConnection } from 'node-datachannel';
import { WebSocket } from 'ws';
import {
  createClientState,
  createInputPacket,
  decodeSnapshot,
  encodeInputPacket,
  MAX_INPUT_PACKET_BYTES,
  pushInput,
  type ClientState,
  type DecodedSnapshot,
  type InputPacket,
} from '../../../../engine/index';
import { parseHostControl, type HostControl } from '../../../shared/controlLane';
import { SIGNAL_PATH, type HostSignal } from '../../../shared/signaling';

export interface NodeFriendOptions {
  /** http://host:port/ of the host. */
  baseUrl: string;
  name: string;
  invite?: string;
  session?: string;
  /** Ask for the WebSocket fallback instead of WebRTC. */
  fallback?: boolean;
  timeoutMs?: number;
}

export type Welcome = Extract<HostSignal, { t: 'welcome' }>;

export interface NodeFriend {
  welcome: Welcome;
  transport: 'webrtc' | 'websocket';
  state: ClientState;
  /** Snapshots decoded so far, and the newest. */
  snapshots: number;
  latest: DecodedSnapshot | null;
  onSnapshot(listener: (snapshot: DecodedSnapshot) => void): void;
  /** Sends one input (move -1..1, aim radians, buttons) with the last few repeated. */
  sendInput(moveX: number, moveY: number, aim: number, buttons: number): void;
  /** Sends raw bytes on the state lane (for hostile-input tests). */
  sendRaw(bytes: Uint8Array): void;
  bytesIn: number;
  /** Every valid control message so far, in order (players, score, reset…). */
  controls: HostControl[];
  closed: Promise<void>;
  close(): void;
}

export class JoinRejected extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'JoinRejected';
  }
}

export function joinAsFriend(options: NodeFriendOptions): Promise<NodeFriend> {
  const socket = new WebSocket(
    options.baseUrl.replace('http:', 'ws:').replace(/\/$/, '') + SIGNAL_PATH,
  );
  const peer = new nodeDataChannel.PeerConnection(`friend-${options.name}`, { iceServers: [] });
  const channels = new Map<string, DataChannel>();
  let welcome: Welcome | null = null;

  return new Promise<NodeFriend>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error('friend did not connect in time')),
      options.timeoutMs ?? 20_000,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      peer.close();
      socket.close();
      reject(error);
    };
    let settled = false;
    // As in the browser (friendConnection.ts): WebRTC only once the host says so.
    let hostChoseWebrtc = false;
    const ready = (transport: 'webrtc' | 'websocket') => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(buildFriend(welcome!, transport, socket, peer, channels));
    };
    const readyIfWebrtc = () => {
      if (hostChoseWebrtc && channels.size === 2) ready('webrtc');
    };
    socket.on('error', fail);
    socket.on('open', () =>
      socket.send(
        JSON.stringify({
          t: 'join',
          name: options.name,
          ...(options.invite ? { invite: options.invite } : { session: options.session }),
        }),
      ),
    );
    peer.onLocalDescription((sdp, type) => {
      if (type === 'answer') socket.send(JSON.stringify({ t: 'answer', sdp }));
    });
    peer.onLocalCandidate((candidate, mid) => {
      if (socket.readyState === socket.OPEN)
        socket.send(JSON.stringify({ t: 'candidate', candidate, mid }));
    });
    peer.onDataChannel((channel) => {
      channels.set(channel.getLabel(), channel);
      readyIfWebrtc();
    });
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      const message = JSON.parse(data.toString()) as HostSignal;
      if (message.t === 'welcome') {
        welcome = message;
        if (options.fallback) socket.send(JSON.stringify({ t: 'fallback' }));
      } else if (message.t === 'rejected') fail(new JoinRejected(message.reason, message.message));
      else if (message.t === 'offer' && !options.fallback)
        peer.setRemoteDescription(message.sdp, 'offer');
      else if (message.t === 'candidate' && !options.fallback && message.candidate) {
        peer.addRemoteCandidate(message.candidate, message.mid);
      } else if (message.t === 'fallback-ready') ready('websocket');
      else if (message.t === 'webrtc-ready') {
        hostChoseWebrtc = true;
        readyIfWebrtc();
      }
    });
  });
}

/** Wraps connected channels as a friend (shared with the copy-paste path, which has no socket). */
export function buildFriend(
  welcome: Welcome,
  transport: 'webrtc' | 'websocket',
  socket: WebSocket | null,
  peer: PeerConnection,
  channels: Map<string, DataChannel>,
): NodeFriend {
  const state = createClientState();
  const listeners: Array<(snapshot: DecodedSnapshot) => void> = [];
  const input: InputPacket = createInputPacket();
  const wire = new Uint8Array(MAX_INPUT_PACKET_BYTES);
  let closeResolve!: () => void;
  const closed = new Promise<void>((resolve) => (closeResolve = resolve));
  const friend: NodeFriend = {
    welcome,
    transport,
    state,
    snapshots: 0,
    latest: null,
    bytesIn: 0,
    controls: [],
    onSnapshot: (listener) => listeners.push(listener),
    sendInput(moveX, moveY, aim, buttons) {
      pushInput(input, moveX, moveY, aim, buttons);
      input.ackTick = friend.state.lastTick;
      const length = encodeInputPacket(input, wire);
      friend.sendRaw(wire.subarray(0, length));
    },
    sendRaw(bytes) {
      if (transport === 'webrtc') {
        const lane = channels.get('state');
        if (lane?.isOpen()) lane.sendMessageBinary(bytes);
      } else if (socket?.readyState === socket?.OPEN) socket?.send(bytes, { binary: true });
    },
    closed,
    close() {
      peer.close();
      socket?.close();
    },
  };
  /** A control-lane text: a reset starts a fresh decoder for the new avatar, a goodbye ends. */
  const control = (text: string) => {
    const parsed = parseHostControl(text);
    if (!parsed.ok) return;
    friend.controls.push(parsed.message);
    if (parsed.message.t === 'bye') return closeResolve();
    if (parsed.message.t !== 'reset') return;
    friend.state = createClientState();
    friend.welcome = { ...friend.welcome, unitId: parsed.message.unitId };
  };
  const receive = (bytes: Uint8Array) => {
    friend.bytesIn += bytes.length;
    const result = decodeSnapshot(friend.state, bytes);
    if (result.ok && result.snapshot) {
      friend.snapshots++;
      friend.latest = result.snapshot;
      for (const listener of listeners) listener(result.snapshot);
    }
  };
  if (transport === 'webrtc') {
    channels.get('state')!.onMessage((message) => {
      if (typeof message !== 'string') receive(new Uint8Array(message as ArrayBuffer));
    });
    const controlChannel = channels.get('control')!;
    controlChannel.onClosed(() => closeResolve());
    peer.onStateChange((state) => {
      if (state === 'closed' || state === 'disconnected' || state === 'failed') closeResolve();
    });
    controlChannel.onMessage((message) => {
      if (typeof message === 'string') control(message);
    });
  } else if (socket) {
    socket.on('message', (data, isBinary) => {
      if (isBinary) receive(new Uint8Array(data as Buffer));
      else control(data.toString());
    });
    socket.on('close', () => closeResolve());
  }
  return friend;
}
