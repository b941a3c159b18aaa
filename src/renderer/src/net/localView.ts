/**
 * The host's own window as a client of the friends' netcode, over a local
 * transport: the host API carries the same binary snapshot and input packets
 * a friend's data channels do (base64 in `snapshot` events and `player.input`
 * requests), so this window decodes with the shared codec and predicts its
 * own avatar exactly as a friend's page does (see friendConnection.ts).
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
import type { HostClient } from '../../../shared/hostApi';
import { createPrediction, predictInput, reconcile, type Prediction } from './prediction';

export interface LocalView {
  prediction: Prediction;
  onSnapshot(listener: (snapshot: DecodedSnapshot) => void): () => void;
  /** One input for this tick: move -1..1 per axis, aim radians, button bits. */
  sendInput(moveX: number, moveY: number, aim: number, buttons: number): void;
  close(): void;
}

const TOPICS = ['snapshots'] as const;

/** Subscribes this window to its snapshots; `tickRate` is the match's, in Hz. */
export function openLocalView(client: HostClient, tickRate: number): LocalView {
  let state = createClientState();
  let unitId: number | null = null;
  const prediction = createPrediction();
  const input = createInputPacket();
  const wire = new Uint8Array(MAX_INPUT_PACKET_BYTES);
  const listeners = new Set<(snapshot: DecodedSnapshot) => void>();
  const dt = 1 / tickRate;

  const off = client.on('snapshot', (event) => {
    if (event.reset) {
      // A new match or a new avatar: snapshot ticks and baselines start over.
      state = createClientState();
      prediction.known = false;
      prediction.pending = [];
    }
    unitId = event.unitId;
    for (const text of event.packets) {
      const result = decodeSnapshot(state, fromBase64(text));
      if (!result.ok || !result.snapshot) continue;
      const snapshot = result.snapshot;
      const own = rowOf(snapshot, unitId);
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
    }
  });
  client.request('subscribe', { topics: [...TOPICS] }).catch(() => {});

  return {
    prediction,
    onSnapshot(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    sendInput(moveX, moveY, aim, buttons) {
      if (unitId === null) return;
      const seq = pushInput(input, moveX, moveY, aim, buttons);
      input.ackTick = state.lastTick;
      predictInput(prediction, seq, moveX, moveY, DEFAULT_AGENT_SPEED, dt);
      const length = encodeInputPacket(input, wire);
      client.request('player.input', { packet: toBase64(wire, length) }).catch(() => {});
    },
    close() {
      off();
      listeners.clear();
      // A courtesy to the host; a closed connection has nothing left to stop.
      client.request('unsubscribe', { topics: [...TOPICS] }).catch(() => {});
    },
  };
}

function rowOf(snapshot: DecodedSnapshot, id: number | null): number {
  if (id === null) return -1;
  const { entities } = snapshot;
  for (let row = 0; row < entities.count; row++) if (entities.id[row] === id) return row;
  return -1;
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function toBase64(bytes: Uint8Array, length: number): string {
  let binary = '';
  for (let i = 0; i < length; i++) binary += String.fromCharCode(bytes[i]);
  return btoa(binary);
}
