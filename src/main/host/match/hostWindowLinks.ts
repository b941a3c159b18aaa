/**
 * The host's own windows, each a player over a local link
 * (net/playerLink.local.ts), speaking the friends' protocol: a session that
 * subscribes to `snapshots` gets a link and an engine net client (and the
 * `players`, `score` and `say` messages friends get); every run
 * of snapshots starts with a `reset` control message (avatar, tick rate,
 * map) — after the subscription, a join or leave, a new match — and its
 * input packets come back on the binary lane, for its own avatar only.
 *
 * A window sees the whole match, not a friend's area of interest. Net
 * client ids: a playing window's is its player id, as a friend's is; a
 * spectating window has no player, so it takes minus its session id, which
 * no player id (a positive row id) can be.
 */
import { encodeHostControl } from '../../../shared/controlLane';
import type { MapDef } from '../../../shared/hostApi';
import type { EngineHost } from './engineHost';
import { sendNetPackets } from './netPacketBatch';
import type { PlayerRoster } from './playerRoster';
import type { HudBroadcast } from '../net/hudBroadcast';
import { createLocalLink, type LocalLink, type LocalPort } from '../net/playerLink.local';
import { sendSays } from '../net/says';

interface HostWindow {
  sessionId: number;
  link: LocalLink;
  clientId: number;
  /** The player this window plays as; null while it spectates. */
  playerId: number | null;
  /** The avatar this window plays; null while it spectates. */
  unitId: number | null;
}

export interface HostWindowLinksOptions {
  engine: EngineHost;
  roster: PlayerRoster;
  /** Names and scores, as friends get them. */
  hud: HudBroadcast;
  match(): { tickRate: number; map: MapDef | null };
}

export class HostWindowLinks {
  private readonly bySession = new Map<number, HostWindow>();
  private readonly byClient = new Map<number, HostWindow>();

  constructor(private readonly options: HostWindowLinksOptions) {
    options.engine.on('netPackets', ({ batch }) =>
      sendNetPackets(batch, (clientId) => this.byClient.get(clientId)?.link),
    );
    options.engine.on('says', ({ clients }) =>
      sendSays(clients, (clientId) => this.byClient.get(clientId)?.link),
    );
  }

  has(sessionId: number): boolean {
    return this.bySession.has(sessionId);
  }

  /** Opens a session's link over `port` and starts its snapshots, as `playerId` (null: spectating). */
  open(sessionId: number, port: LocalPort, playerId: number | null): void {
    if (this.bySession.has(sessionId)) return;
    const link = createLocalLink(port);
    const window: HostWindow = {
      sessionId,
      link,
      clientId: -sessionId,
      playerId: null,
      unitId: null,
    };
    link.onState((bytes) => {
      // A spectator has no avatar to move: its packets are dropped.
      if (window.unitId !== null) this.options.engine.netInput(window.clientId, bytes);
    });
    this.bySession.set(sessionId, window);
    this.start(window, playerId);
    this.options.hud.add(link);
  }

  /** The session joined or left the match: its snapshots start over with its new avatar (or none). */
  restart(sessionId: number, playerId: number | null): void {
    const window = this.bySession.get(sessionId);
    if (window) this.start(window, playerId);
  }

  /** A new match: the engine dropped every net client; each window starts over. */
  restartAll(): void {
    for (const window of this.bySession.values()) this.start(window, window.playerId);
  }

  /** An input packet that arrived on the session's binary lane. */
  receiveState(sessionId: number, bytes: Uint8Array): void {
    this.bySession.get(sessionId)?.link.receiveState(bytes);
  }

  close(sessionId: number): void {
    const window = this.bySession.get(sessionId);
    if (!window) return;
    this.bySession.delete(sessionId);
    this.stopClient(window);
    this.options.hud.remove(window.link);
    window.link.close('closed by the window');
  }

  private start(window: HostWindow, playerId: number | null): void {
    this.stopClient(window);
    const unitId = playerId === null ? null : (this.options.roster.get(playerId)?.unitId ?? null);
    window.clientId = playerId ?? -window.sessionId;
    window.playerId = playerId;
    window.unitId = unitId;
    const { tickRate, map } = this.options.match();
    // First on the ordered lanes, so the window starts a new decoder before the first packet.
    window.link.sendControl(encodeHostControl({ t: 'reset', unitId, tickRate, map }));
    this.byClient.set(window.clientId, window);
    // Unit -1: no avatar to centre on or move.
    this.options.engine.addNetClient(window.clientId, unitId ?? -1, true);
  }

  private stopClient(window: HostWindow): void {
    if (this.byClient.get(window.clientId) !== window) return;
    this.byClient.delete(window.clientId);
    this.options.engine.removeNetClient(window.clientId);
  }
}
