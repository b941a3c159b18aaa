/**
 * Players in the match: who is joined, which avatar is theirs, and their
 * durable record. On join the saved progress is loaded into a fresh avatar
 * (new players get a fresh record); every sync interval their avatars'
 * state is handed to the state manager and written in one transaction; on
 * leave (or a dropped session) it is synced at once and the avatar released.
 */
import { createHash, randomBytes } from 'node:crypto';
import { displayName } from '../../../shared/displayName';
import type { EngineHost } from './engineHost';
import { hideFromLogs, type Logger } from '../server/index';
import type { PlayerRole } from '../persistence/playerStore';
import type { StateManager } from '../persistence/stateManager';
import { toProgress, toUnitState } from './playerProgress';

export interface JoinedPlayer {
  playerId: number;
  /** Set while a dropped friend's grace period runs: the avatar waits for them. */
  graceTimer?: NodeJS.Timeout;
  displayName: string;
  role: PlayerRole;
  team: number;
  /** The avatar's id while a match runs, else null. */
  unitId: number | null;
  /** When they joined this run of the host, epoch ms. */
  joinedAt: number;
}

export interface JoinResult extends JoinedPlayer {
  /** Present it to rejoin as the same player; only its hash is stored. */
  token: string;
  /** What of the saved state could not be restored (unknown items…). */
  problems: string[];
  /** True when this join took back an avatar waiting in its grace period. */
  resumed: boolean;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Why a join was refused, for the friend's page to act on (only `unknown_session` may retry with an invite). */
export type JoinRefusalReason = 'unknown_session' | 'banned' | 'kicked' | 'already_joined';

export class JoinRefusedError extends Error {
  constructor(
    readonly reason: JoinRefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'JoinRefusedError';
  }
}

export class PlayerRoster {
  private readonly joined = new Map<number, JoinedPlayer>();
  /** Players the host kicked during this run: their session token no longer joins. */
  private readonly kicked = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  private syncing = false;
  private readonly changeListeners = new Set<() => void>();

  constructor(
    private readonly engine: EngineHost,
    private readonly state: StateManager,
    private readonly logger: Logger,
    private readonly teams: () => number,
  ) {}

  /** Starts the write-behind sync of joined players' avatars. */
  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.sync(), intervalMs);
    this.timer.unref();
  }

  /** Someone joined or left, or avatars and teams changed (a new match, the match stopping). */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.changeListeners) listener();
  }

  /**
   * Joins a player: the one a token names, or a new one. Throws a clear
   * Error for a banned player or a token this host never issued. With
   * `takeover`, a token whose player is still connected takes their avatar
   * over (the token proves who it is; the old connection is dropped).
   */
  async join(
    typedName: string,
    token: string | undefined,
    role: PlayerRole,
    matchRunning: boolean,
    takeover = false,
  ): Promise<JoinResult> {
    const { state } = this;
    const name = displayName(typedName);
    hideFromLogs(token);
    let record = token ? state.players.findByTokenHash(hashToken(token)) : null;
    if (token && !record)
      throw new JoinRefusedError('unknown_session', 'this player token is not known to this host');
    if (record?.banned) throw new JoinRefusedError('banned', 'you are banned from this host');
    if (record && this.kicked.has(record.id)) {
      throw new JoinRefusedError(
        'kicked',
        'the host kicked you from this match; ask the host for a new invite',
      );
    }
    const present = record ? this.joined.get(record.id) : undefined;
    if (present && (present.graceTimer || takeover)) {
      // Back within the grace period (or on a new connection before the old one
      // was noticed gone): the same avatar, inventory and score.
      if (present.graceTimer) clearTimeout(present.graceTimer);
      present.graceTimer = undefined;
      const { graceTimer: _, ...rest } = present;
      this.logger.info({ playerId: rest.playerId, team: rest.team }, 'player resumed');
      return { ...rest, token: token!, problems: [], resumed: true };
    }
    if (present)
      throw new JoinRefusedError('already_joined', 'this player is already in the match');
    let issued = token;
    if (!record) {
      issued = randomBytes(32).toString('base64url');
      hideFromLogs(issued);
      const newToken = issued;
      record = state.writeNow('creating the player', () => {
        const created = state.players.create(name, role, hashToken(newToken), Date.now());
        state.history.logEvent('join', created.id, { name, new: true }, Date.now());
        return created;
      });
    } else {
      const id = record.id;
      state.writeNow('logging the join', () =>
        state.history.logEvent('join', id, { name }, Date.now()),
      );
    }
    const player: JoinedPlayer = {
      playerId: record.id,
      displayName: record.displayName,
      role: record.role,
      team: this.emptiestTeam(),
      unitId: null,
      joinedAt: Date.now(),
    };
    const problems = matchRunning ? await this.spawn(player) : [];
    this.joined.set(player.playerId, player);
    this.changed();
    this.logger.info(
      {
        playerId: player.playerId,
        name: player.displayName,
        role: player.role,
        team: player.team,
        unitId: player.unitId,
        newPlayer: issued !== token,
      },
      'player joined',
    );
    const { graceTimer: _, ...rest } = player;
    return { ...rest, token: issued!, problems, resumed: false };
  }

  /**
   * A friend's connection dropped: their avatar stays for `graceMs`, then
   * they leave (saved first). Joining again with their token in time resumes it.
   */
  detach(playerId: number, graceMs: number): void {
    const player = this.joined.get(playerId);
    if (!player || player.graceTimer) return;
    this.logger.info({ playerId, graceMs }, 'player dropped; their avatar waits');
    player.graceTimer = setTimeout(() => void this.leave(playerId, 'did not come back'), graceMs);
    player.graceTimer.unref();
  }

  /**
   * A friend's new link is up: a grace period that their old link's drop started
   * (noticed only after they had joined again) ends here, so it cannot remove them later.
   */
  linked(playerId: number): void {
    const player = this.joined.get(playerId);
    if (!player?.graceTimer) return;
    clearTimeout(player.graceTimer);
    player.graceTimer = undefined;
  }

  /**
   * Kicks a player out for the rest of this run of the host: their token
   * no longer joins (a new invite makes them a new player). Their avatar is
   * saved and released like any leave.
   */
  async kick(playerId: number): Promise<void> {
    this.kicked.add(playerId);
    await this.leave(playerId, 'kicked');
  }

  /** Syncs the player's avatar, then releases it. */
  async leave(playerId: number, reason = 'left'): Promise<void> {
    const player = this.joined.get(playerId);
    if (!player) return;
    if (player.graceTimer) clearTimeout(player.graceTimer);
    this.joined.delete(playerId);
    this.logger.info({ playerId, reason }, 'player left');
    this.changed();
    await this.despawn(player);
    this.state.flush();
    try {
      this.state.writeNow('logging the leave', () =>
        this.state.history.logEvent('leave', playerId, { reason }, Date.now()),
      );
    } catch {
      // the warning is up
    }
  }

  /** Joined players: the host's own (local) and friends (whether or not connected now). */
  counts(): { local: number; friends: number } {
    let local = 0;
    for (const player of this.joined.values()) if (player.role === 'host') local++;
    return { local, friends: this.joined.size - local };
  }

  /** Every joined player, in the order they joined; `reconnecting` while their grace period runs. */
  list(): (Omit<JoinedPlayer, 'graceTimer'> & { reconnecting: boolean })[] {
    return [...this.joined.values()].map(({ graceTimer, ...player }) => ({
      ...player,
      reconnecting: graceTimer !== undefined,
    }));
  }

  get(playerId: number): JoinedPlayer | undefined {
    return this.joined.get(playerId);
  }

  /** A new match started: every joined player gets an avatar with their saved state. */
  async matchStarted(): Promise<void> {
    for (const player of this.joined.values()) {
      player.team = Math.min(player.team, this.teams() - 1);
      await this.spawn(player).catch((error: Error) =>
        this.logger.warn({ err: error, playerId: player.playerId }, 'could not spawn player'),
      );
    }
    this.changed();
  }

  /** The match is about to stop: save every avatar, which goes with the world. */
  async matchStopping(): Promise<void> {
    await this.sync();
    for (const player of this.joined.values()) player.unitId = null;
    this.changed();
  }

  /** Hands every joined avatar's current state to the state manager and writes it. */
  async sync(): Promise<void> {
    if (this.syncing) return;
    const players = [...this.joined.values()].filter((p) => p.unitId !== null);
    if (players.length === 0) return;
    this.syncing = true;
    try {
      const states = await this.engine.exportPlayers(players.map((p) => p.unitId!));
      states.forEach(({ state }, k) => {
        if (state) this.state.markDirty(players[k].playerId, toProgress(state));
      });
      this.state.flush();
    } catch (error) {
      this.logger.warn({ err: error }, 'player sync failed');
    } finally {
      this.syncing = false;
    }
  }

  /** Saves everyone and stops syncing (shutdown). */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const player of this.joined.values())
      if (player.graceTimer) clearTimeout(player.graceTimer);
    await this.sync().catch(() => {});
  }

  private async spawn(player: JoinedPlayer): Promise<string[]> {
    const saved = this.state.loadProgress(player.playerId);
    const { unitId, problems } = await this.engine.addPlayer(
      player.team,
      saved ? toUnitState(saved) : null,
    );
    player.unitId = unitId;
    return problems;
  }

  private async despawn(player: JoinedPlayer): Promise<void> {
    if (player.unitId === null) return;
    const unitId = player.unitId;
    player.unitId = null;
    const last = await this.engine.removePlayer(unitId).catch(() => null);
    if (last) this.state.markDirty(player.playerId, toProgress(last));
  }

  private emptiestTeam(): number {
    const counts = new Array<number>(this.teams()).fill(0);
    for (const player of this.joined.values())
      if (player.team < counts.length) counts[player.team]++;
    return counts.indexOf(Math.min(...counts));
  }
}
