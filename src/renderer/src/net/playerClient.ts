/**
 * The one client of a match, for every player whatever carries them: a
 * friend over WebRTC or the WebSocket fallback, the host's own window over
 * its local link. Decodes snapshots with the shared codec, predicts the own
 * avatar and reconciles it with the host's answer, sends sequence-numbered
 * inputs with the last few repeated, and follows the host's control
 * messages (`reset`: a new decoder, avatar and map; `clock`: paused or
 * a speed; `players` and `score`: names and scores for the HUD; `say`: what
 * agents nearby said; `bye`: the end).
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
  MAX_HUD_KILLS,
  parseHostControl,
  type ClockMessage,
  type HudKill,
  type HudPlayer,
  type SayLine,
  type ScoreMessage,
} from '../../../shared/controlLane';
import type { MapDef } from '../../../shared/hostApi';
import type { ClientLink, LinkTransport } from './clientLink';
import { createPrediction, predictInput, reconcile, type Prediction } from './prediction';

/** What the client plays: its avatar (null: watching), the tick rate (Hz) and the map. */
export interface PlayState {
  unitId: number | null;
  tickRate: number;
  map: MapDef | null;
}

export interface NetStats {
  transport: LinkTransport;
  rttMs: number | null;
  /** Share of snapshot ticks that never arrived, over the last ~2 s, 0..1. */
  loss: number;
  bytesInPerSecond: number;
  bytesOutPerSecond: number;
  snapshotsPerSecond: number;
}

/** Who plays and the score, as the host last said; both empty until its first messages. */
export interface HudState {
  players: HudPlayer[];
  board: ScoreMessage['board'] | null;
}

export interface PlayerClient {
  readonly transport: LinkTransport;
  /** Changes on each `reset` from the host. */
  readonly play: PlayState;
  prediction: Prediction;
  /** Each decoded snapshot; its arrays are the decoder's and are refilled by the next one. */
  onSnapshot(listener: (snapshot: DecodedSnapshot) => void): () => void;
  /** The host started over (a new match, a join or leave): `play` changed. */
  onReset(listener: () => void): () => void;
  /** The host paused, resumed or changed the speed. */
  onClock(listener: (clock: ClockMessage) => void): () => void;
  /** Changes on each `players` and `score` message. */
  readonly hud: HudState;
  /**
   * After each `players` or `score` message, with the deaths it reported.
   * Deaths reported before anyone listened (the page was still mounting)
   * are handed to the first listener when it subscribes.
   */
  onHud(listener: (kills: HudKill[]) => void): () => void;
  /** What agents near this player said (each `say` message, as it comes). */
  onSay(listener: (says: SayLine[]) => void): () => void;
  onClose(listener: (reason: string) => void): void;
  /** One input for this tick: move -1..1 per axis, aim radians, button bits. */
  sendInput(moveX: number, moveY: number, aim: number, buttons: number): void;
  stats(): NetStats;
  close(): void;
}

const STATS_INTERVAL_MS = 2000;

/** Plays over `link`, starting from `play` (a friend's welcome), or from the host's first `reset`. */
export function openPlayerClient(link: ClientLink, play: PlayState): PlayerClient {
  let state = createClientState();
  const input = createInputPacket();
  const wire = new Uint8Array(MAX_INPUT_PACKET_BYTES);
  const prediction = createPrediction();
  const listeners = new Set<(snapshot: DecodedSnapshot) => void>();
  const resetListeners = new Set<() => void>();
  const clockListeners = new Set<(clock: ClockMessage) => void>();
  const closeListeners: Array<(reason: string) => void> = [];
  const sayListeners = new Set<(says: SayLine[]) => void>();
  const hud: HudState = { players: [], board: null };
  const hudListeners = new Set<(kills: HudKill[]) => void>();
  let heldKills: HudKill[] = [];
  const hudChanged = (kills: HudKill[]) => {
    if (hudListeners.size > 0) for (const listener of hudListeners) listener(kills);
    else if (kills.length > 0) heldKills = [...heldKills, ...kills].slice(-MAX_HUD_KILLS);
  };
  const window = freshWindow();
  let measured: NetStats = {
    transport: link.transport,
    rttMs: null,
    loss: 0,
    bytesInPerSecond: 0,
    bytesOutPerSecond: 0,
    snapshotsPerSecond: 0,
  };
  let closed = false;

  const reset = (next: PlayState) => {
    state = createClientState();
    Object.assign(play, next);
    prediction.known = false;
    prediction.pending = [];
    for (const listener of resetListeners) listener();
  };
  link.onControl((text) => {
    // Only the host's messages for a playing client; anything else (a welcome…) is dropped.
    const parsed = parseHostControl(text);
    if (!parsed.ok) return;
    const message = parsed.message;
    if (message.t === 'reset')
      reset({ unitId: message.unitId, tickRate: message.tickRate, map: message.map });
    else if (message.t === 'clock') for (const listener of clockListeners) listener(message);
    else if (message.t === 'players') {
      hud.players = message.players;
      hudChanged([]);
    } else if (message.t === 'score') {
      hud.board = message.board;
      hudChanged(message.kills);
    } else if (message.t === 'say') {
      for (const listener of sayListeners) listener(message.says);
    } else if (message.t === 'bye') {
      closeWith(message.reason);
      link.close();
    }
  });
  link.onState((bytes) => {
    window.bytesIn += bytes.length;
    const result = decodeSnapshot(state, bytes);
    if (!result.ok || !result.snapshot) return;
    const snapshot = result.snapshot;
    window.snapshots++;
    if (window.firstTick < 0) window.firstTick = snapshot.tick;
    window.lastTick = snapshot.tick;
    const own = rowOf(snapshot, play.unitId);
    if (own >= 0) {
      reconcile(
        prediction,
        snapshot.entities.x[own],
        snapshot.entities.y[own],
        snapshot.inputAck,
        DEFAULT_AGENT_SPEED,
        1 / play.tickRate,
      );
    }
    for (const listener of listeners) listener(snapshot);
  });
  const closeWith = (reason: string) => {
    if (closed) return;
    closed = true;
    clearInterval(statsTimer);
    for (const listener of closeListeners) listener(reason);
  };
  link.onClose(closeWith);

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
    void link.rttMs().then((rttMs) => (measured = { ...measured, rttMs }));
    Object.assign(window, freshWindow());
  }, STATS_INTERVAL_MS);

  return {
    transport: link.transport,
    play,
    prediction,
    onSnapshot(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onReset(listener) {
      resetListeners.add(listener);
      return () => resetListeners.delete(listener);
    },
    onClock(listener) {
      clockListeners.add(listener);
      return () => clockListeners.delete(listener);
    },
    hud,
    onHud(listener) {
      hudListeners.add(listener);
      if (heldKills.length > 0) {
        const kills = heldKills;
        heldKills = [];
        listener(kills);
      }
      return () => hudListeners.delete(listener);
    },
    onSay(listener) {
      sayListeners.add(listener);
      return () => sayListeners.delete(listener);
    },
    onClose(listener) {
      closeListeners.push(listener);
    },
    sendInput(moveX, moveY, aim, buttons) {
      if (closed || play.unitId === null) return;
      const seq = pushInput(input, moveX, moveY, aim, buttons);
      input.ackTick = state.lastTick;
      predictInput(prediction, seq, moveX, moveY, DEFAULT_AGENT_SPEED, 1 / play.tickRate);
      const length = encodeInputPacket(input, wire);
      window.bytesOut += length;
      link.sendState(wire.subarray(0, length));
    },
    stats: () => measured,
    close() {
      closeWith('left');
      link.close();
    },
  };
}

/** Traffic counted since the last stats report. */
function freshWindow() {
  return {
    bytesIn: 0,
    bytesOut: 0,
    snapshots: 0,
    firstTick: -1,
    lastTick: -1,
    startedAt: performance.now(),
  };
}

function rowOf(snapshot: DecodedSnapshot, id: number | null): number {
  if (id === null) return -1;
  const { entities } = snapshot;
  for (let row = 0; row < entities.count; row++) if (entities.id[row] === id) return row;
  return -1;
}
