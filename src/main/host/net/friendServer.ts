/**
 * Friends: the `/signal` endpoint and the links that follow it. A friend
 * joins with an invite (or their session token, within the grace period
 * or any time later), is offered a WebRTC connection and, once both data
 * channels are open, the signaling socket steps aside. Where WebRTC cannot
 * connect, the friend asks for the fallback and the socket becomes the
 * link. Every message is size-limited, validated and rate-limited; a peer
 * that keeps flooding is dropped.
 */
import type { WebSocket } from 'ws';
import {
  RECONNECT_GRACE_MS,
  friendSignalSchema,
  type FriendSignal,
  type HostSignal,
  type Welcome,
} from '../../../shared/signaling';
import { encodeHostControl } from '../../../shared/controlLane';
import type { MapDef } from '../../../shared/hostApi';
import { formatIssues } from '../../../shared/rpcProtocol';
import {
  sendNetPackets,
  JoinRefusedError,
  type EngineHost,
  type PlayerRoster,
} from '../match/index';
import type { Logger } from '../server/index';
import type { HostMetrics } from '../metrics/index';
import { peekInputSeq } from '../../../../engine/index';
import { InputLossMeter } from './inputLoss';
import { INVITE_REJECTION_MESSAGES, type InviteBook } from './invites';
import type { PlayerLink } from './playerLink';
import { createHostPeer, type PendingPeer, type WebRtcConfig } from './playerLink.webrtc';
import { createWebSocketLink } from './playerLink.ws';
import type { HudBroadcast } from './hudBroadcast';
import { RateLimiter } from './rateLimiter';
import { sendSays } from './says';

export interface FriendServerOptions {
  roster: PlayerRoster;
  invites: InviteBook;
  engine: EngineHost;
  logger: Logger;
  metrics?: HostMetrics;
  rtc: WebRtcConfig;
  /** Names and scores for every connected friend (players, score). */
  hud: HudBroadcast;
  match(): {
    running: boolean;
    tickRate: number;
    map: MapDef | null;
    /** Held by the host (pause); absent: running. */
    paused?: boolean;
    speed?: number;
  };
  /** Grace period for dropped friends, ms (default RECONNECT_GRACE_MS). */
  graceMs?: number;
}

export interface FriendStats {
  connected: number;
  /** Refused input, by reason: bad signaling, floods, bad packets. */
  rejects: Record<string, number>;
}

export class FriendServer {
  private readonly links = new Map<number, PlayerLink>();
  /** Input packets lost on each friend's current link (a new link starts its seqs over). */
  private readonly loss = new Map<number, InputLossMeter>();
  /** Players disconnected before their link was up, and why. */
  private readonly dropped = new Map<number, string>();
  /** Players whose invite lets them edit behaviors (for this run of the host), by that invite. */
  private readonly editors = new Map<number, string>();
  readonly rejects: Record<string, number> = {};

  constructor(private readonly options: FriendServerOptions) {
    options.engine.on('netPackets', ({ batch }) =>
      sendNetPackets(batch, (clientId) => this.links.get(clientId)),
    );
    options.engine.on('says', ({ clients }) =>
      sendSays(clients, (clientId) => this.links.get(clientId)),
    );
  }

  /** Whether the player joined with an editing invite that the host has not revoked since. */
  canEditBehaviors(playerId: number): boolean {
    const invite = this.editors.get(playerId);
    return invite !== undefined && !this.options.invites.isRevoked(invite);
  }

  /** Takes the player's editing permission away for the rest of this run (kick, ban). */
  stopEditing(playerId: number): void {
    this.editors.delete(playerId);
  }

  /** The players whose editing permission came from `invite`. */
  editorsInvitedBy(invite: string): number[] {
    return [...this.editors].filter(([, code]) => code === invite).map(([playerId]) => playerId);
  }

  /** The link a friend plays over now, if they are connected. */
  linkOf(playerId: number): PlayerLink | undefined {
    return this.links.get(playerId);
  }

  /** Percent of a friend's recent input packets that never arrived; null before any. */
  lossPercentOf(playerId: number): number | null {
    return this.loss.get(playerId)?.lossPercent() ?? null;
  }

  stats(): FriendStats {
    return { connected: this.links.size, rejects: { ...this.rejects } };
  }

  /** A new match: every connected friend's new avatar gets their snapshots. */
  matchStarted(): void {
    const { tickRate, map } = this.options.match();
    for (const [playerId, link] of this.links) {
      // Snapshot ticks start over: the friend starts a new decoder for the new world.
      const unitId = this.options.roster.get(playerId)?.unitId ?? null;
      link.sendControl(encodeHostControl({ t: 'reset', unitId, tickRate, map }));
      this.startSnapshots(playerId);
    }
  }

  /** The host paused, resumed or changed the speed: every friend is told. */
  matchClock(paused: boolean, speed: number): void {
    const text = encodeHostControl({ t: 'clock', paused, speed });
    for (const link of this.links.values()) link.sendControl(text);
  }

  /** Ends a friend's link (kick, ban); their avatar is saved and released by the caller. */
  disconnect(playerId: number, reason: string): void {
    const link = this.links.get(playerId);
    // Kicked while their connection was still being set up: it is refused when it arrives.
    if (!link) return void this.dropped.set(playerId, reason);
    link.sendControl(encodeHostControl({ t: 'bye', reason }));
    this.options.hud.remove(link);
    this.links.delete(playerId);
    this.options.engine.removeNetClient(playerId);
    // Give the goodbye a moment to leave before the connection goes.
    setTimeout(() => link.close(reason), 200).unref();
  }

  /** Takes over one `/signal` socket. */
  handleSocket(socket: WebSocket): void {
    const limiter = new RateLimiter(20, 40, 40);
    let playerId: number | null = null;
    let pending: PendingPeer | null = null;
    let linked = false;
    const send = (message: HostSignal) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    };
    const reject = (reason: string, message: string) => {
      this.count(reason);
      send({ t: 'rejected', reason, message });
      socket.close(4000, reason);
    };

    socket.on('error', (error: Error & { code?: string }) =>
      this.count(error.code ?? 'socket_error'),
    );
    socket.on('close', () => {
      if (!linked) {
        pending?.close();
        if (playerId !== null) this.options.roster.detach(playerId, this.graceMs);
      }
    });
    socket.on('message', (data, isBinary) => {
      if (linked) return; // the fallback link reads the socket from here on
      const verdict = limiter.take();
      if (verdict === 'disconnect') return reject('flood', 'too many messages; disconnected');
      if (verdict === 'drop') return void this.count('rate_limited');
      if (isBinary) return void this.count('binary_signal');
      let parsed: FriendSignal;
      try {
        const result = friendSignalSchema.safeParse(JSON.parse(data.toString()));
        if (!result.success)
          return void this.refuse(send, `invalid signal: ${formatIssues(result.error)}`);
        parsed = result.data;
      } catch {
        return void this.refuse(send, 'a signal must be JSON');
      }
      if (parsed.t === 'join') {
        if (playerId !== null) return void this.refuse(send, 'already joined');
        void this.join(parsed, send, reject).then((joined) => {
          if (joined === null) return;
          playerId = joined;
          // Their session token took the seat back: the old connection (a closed tab the host
          // has not noticed yet) goes now, before the new peer is offered, not once it is up.
          const previous = this.links.get(joined);
          if (previous) {
            this.links.delete(joined);
            previous.close('replaced by a new connection');
          }
          pending = createHostPeer(
            this.options.rtc,
            (message) =>
              send(
                message.type === 'candidate'
                  ? { t: 'candidate', candidate: message.candidate, mid: message.mid }
                  : { t: 'offer', sdp: message.sdp },
              ),
            `friend-${joined}`,
          );
          pending.link.then(
            (link) => {
              if (linked) {
                link.close('superseded by the fallback');
                return;
              }
              linked = true;
              this.attach(joined, link);
              // The friend plays over WebRTC only on this word: one that asked for the
              // fallback meanwhile would otherwise listen on the socket we close.
              send({ t: 'webrtc-ready' });
              socket.close(1000, 'webrtc connected');
            },
            (error: Error) => {
              this.options.metrics?.webrtcFailed();
              this.options.logger.info(
                { playerId: joined, reason: error.message },
                'webrtc did not connect',
              );
            },
          );
        });
        return;
      }
      if (playerId === null) return void this.refuse(send, 'join first');
      if (parsed.t === 'answer' || parsed.t === 'candidate') {
        const accepted = pending?.acceptSignal(
          parsed.t === 'answer'
            ? { type: 'answer', sdp: parsed.sdp }
            : { type: 'candidate', candidate: parsed.candidate, mid: parsed.mid },
        );
        if (accepted === false) this.count('bad_signal');
      } else if (parsed.t === 'fallback') {
        pending?.close();
        linked = true;
        send({ t: 'fallback-ready' });
        this.attach(playerId, createWebSocketLink(socket));
      }
    });
  }

  private get graceMs(): number {
    return this.options.graceMs ?? RECONNECT_GRACE_MS;
  }

  private async join(
    join: Extract<FriendSignal, { t: 'join' }>,
    send: (message: HostSignal) => void,
    reject: (reason: string, message: string) => void,
  ): Promise<number | null> {
    const { roster, invites, match } = this.options;
    let editingInvite: string | null = null;
    if (join.invite !== undefined) {
      const redeemed = invites.redeem(join.invite);
      if (!redeemed.ok) {
        reject(redeemed.reason, INVITE_REJECTION_MESSAGES[redeemed.reason]);
        return null;
      }
      if (redeemed.invite.canEditBehaviors) editingInvite = redeemed.invite.code;
    }
    try {
      const current = match();
      const joined = await roster.join(
        join.name,
        join.session,
        'player',
        current.running,
        join.session !== undefined,
      );
      this.dropped.delete(joined.playerId);
      if (editingInvite !== null) this.editors.set(joined.playerId, editingInvite);
      send(welcomeOf(joined, current, this.canEditBehaviors(joined.playerId)));
      return joined.playerId;
    } catch (error) {
      // A refusal names its reason (banned, kicked…): the friend's page retries with the invite
      // only when the host does not know their session.
      const reason = error instanceof JoinRefusedError ? error.reason : 'join_refused';
      reject(reason, (error as Error).message);
      return null;
    }
  }

  /**
   * A friend who answered a copy-paste offer code, once WebRTC connected:
   * with no signaling socket, the welcome (or the refusal) travels on the
   * control lane before the first snapshot. Resolves to their player id.
   */
  async joinByCode(name: string, link: PlayerLink, session?: string): Promise<number> {
    const current = this.options.match();
    const { roster } = this.options;
    try {
      // A token takes the seat back (within the grace period: the same avatar), as on /signal;
      // one this host never issued (another host's) joins as a new player instead.
      const joined = await roster
        .join(name, session, 'player', current.running, session !== undefined)
        .catch((error: unknown) => {
          if (error instanceof JoinRefusedError && error.reason === 'unknown_session')
            return roster.join(name, undefined, 'player', current.running);
          throw error;
        });
      this.dropped.delete(joined.playerId);
      link.sendControl(encodeHostControl(welcomeOf(joined, current)));
      this.attach(joined.playerId, link);
      return joined.playerId;
    } catch (error) {
      this.count('join_refused');
      link.sendControl(
        encodeHostControl({
          t: 'rejected',
          reason: error instanceof JoinRefusedError ? error.reason : 'join_refused',
          message: (error as Error).message,
        }),
      );
      setTimeout(() => link.close('join refused'), 200).unref();
      throw error;
    }
  }

  private attach(playerId: number, link: PlayerLink): void {
    const dropped = this.dropped.get(playerId);
    if (dropped !== undefined) {
      this.dropped.delete(playerId);
      link.sendControl(encodeHostControl({ t: 'bye', reason: dropped }));
      setTimeout(() => link.close(dropped), 200).unref();
      return;
    }
    const previous = this.links.get(playerId);
    // The new link takes the seat first, so the old one's close is not taken for a drop.
    this.links.set(playerId, link);
    this.options.metrics?.linkOpened(link);
    if (previous && previous !== link) previous.close('replaced by a new connection');
    this.options.roster.linked(playerId);
    this.startSnapshots(playerId);
    this.options.hud.add(link);
    const { paused, speed } = this.options.match();
    if (paused) link.sendControl(encodeHostControl({ t: 'clock', paused, speed: speed ?? 1 }));
    const limiter = new RateLimiter(120, 120, 200);
    const loss = new InputLossMeter();
    this.loss.set(playerId, loss);
    link.onState((bytes) => {
      const seq = peekInputSeq(bytes);
      if (seq !== null) loss.observe(seq);
      const verdict = limiter.take();
      if (verdict === 'ok') this.options.engine.netInput(playerId, bytes);
      else if (verdict === 'drop') this.count('rate_limited');
      else {
        this.count('flood');
        this.disconnect(playerId, 'flooding');
      }
    });
    link.onControl((text) => {
      if (limiter.take() !== 'ok') return void this.count('rate_limited');
      if (text.length === 0 || text.length > 4096) this.count('bad_control');
      // The control lane carries nothing a friend may ask of the host yet (chat comes later).
    });
    link.onClose(() => {
      this.options.hud.remove(link);
      if (this.links.get(playerId) !== link) return;
      this.links.delete(playerId);
      this.options.engine.removeNetClient(playerId);
      this.options.roster.detach(playerId, this.graceMs);
    });
    this.options.logger.info({ playerId, transport: link.transport }, 'friend connected');
  }

  private startSnapshots(playerId: number): void {
    const unitId = this.options.roster.get(playerId)?.unitId;
    if (unitId !== null && unitId !== undefined) this.options.engine.addNetClient(playerId, unitId);
  }

  private refuse(send: (message: HostSignal) => void, message: string): void {
    this.count('bad_signal');
    send({ t: 'rejected', reason: 'bad_signal', message });
  }

  private count(reason: string): void {
    this.rejects[reason] = (this.rejects[reason] ?? 0) + 1;
  }
}

function welcomeOf(
  joined: {
    token: string;
    playerId: number;
    unitId: number | null;
    team: number;
    resumed: boolean;
  },
  current: { tickRate: number; map: MapDef | null },
  canEditBehaviors = false,
): Welcome {
  return {
    t: 'welcome',
    canEditBehaviors,
    session: joined.token,
    playerId: joined.playerId,
    unitId: joined.unitId,
    team: joined.team,
    tickRate: current.tickRate,
    map: current.map,
    resumed: joined.resumed,
  };
}
