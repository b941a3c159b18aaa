/**
 * The host's own window as a client of the friends' netcode, over a local
 * transport: a session subscribed to `snapshots` gets an engine net client
 * that sees the whole match, its binary snapshot packets as `snapshot`
 * events on the host API (IPC or WebSocket), and sends its avatar's inputs
 * as input packets (`player.input`) — the same codec, acknowledgements,
 * interpolation and prediction a friend's page runs.
 */
import type { EventSink } from './api/context';
import type { EngineHost } from './engineHost';
import type { PlayerRoster } from './playerRoster';

/** Net client ids of local views start here, clear of player ids (friends' net clients). */
const LOCAL_CLIENT_BASE = 2 ** 30;

interface LocalView {
  sink: EventSink;
  playerId: number | null;
  unitId: number | null;
  /** The next packets start a new decoder. */
  reset: boolean;
}

export class LocalViews {
  private readonly views = new Map<number, LocalView>();

  constructor(
    private readonly engine: EngineHost,
    private readonly roster: PlayerRoster,
  ) {}

  /** Starts (or restarts, after a join or a new match) a session's view. */
  attach(sessionId: number, sink: EventSink, playerId: number | null): void {
    const unitId = playerId === null ? null : (this.roster.get(playerId)?.unitId ?? null);
    this.views.set(sessionId, { sink, playerId, unitId, reset: true });
    // A spectator's view has no avatar to centre on or move: unit -1 is none.
    this.engine.addNetClient(LOCAL_CLIENT_BASE + sessionId, unitId ?? -1, true);
  }

  /** A new match: every view starts over with its player's new avatar. */
  restartAll(): void {
    for (const [sessionId, view] of [...this.views])
      this.attach(sessionId, view.sink, view.playerId);
  }

  detach(sessionId: number): void {
    if (!this.views.delete(sessionId)) return;
    this.engine.removeNetClient(LOCAL_CLIENT_BASE + sessionId);
  }

  has(sessionId: number): boolean {
    return this.views.has(sessionId);
  }

  /** An input packet from a session's window, for its own avatar only. */
  input(sessionId: number, bytes: Uint8Array): boolean {
    const view = this.views.get(sessionId);
    if (!view || view.unitId === null) return false;
    this.engine.netInput(LOCAL_CLIENT_BASE + sessionId, bytes);
    return true;
  }

  /** Hands the engine's packets for local views to their sessions; friends' are left alone. */
  deliver(sends: Array<{ clientId: number; packets: Uint8Array[] }>): void {
    for (const { clientId, packets } of sends) {
      if (clientId < LOCAL_CLIENT_BASE) continue;
      const view = this.views.get(clientId - LOCAL_CLIENT_BASE);
      if (!view) continue;
      view.sink('snapshot', {
        packets: packets.map((packet) => Buffer.from(packet).toString('base64')),
        reset: view.reset,
        unitId: view.unitId,
      });
      view.reset = false;
    }
  }
}
