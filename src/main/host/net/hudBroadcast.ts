/**
 * What every player's screen needs besides snapshots, on the control lane
 * (controlLane.ts): `players` (names, teams, avatars) whenever the roster
 * changes, and `score` (the scoreboard, the clock, the deaths since the
 * last one, with their killers) as the engine posts scoreboards, about
 * twice a second and soon after a death. Friends' links and the host's own
 * windows are its targets; a new target gets the current players and score
 * at once, so a friend who joins mid-match sees the board before the next
 * change.
 */
import {
  encodeHostControl,
  MAX_HUD_AGENTS,
  MAX_HUD_KILLS,
  MAX_HUD_PLAYERS,
  type HudKill,
  type ScoreMessage,
} from '../../../shared/controlLane';
import { displayName } from '../../../shared/displayName';
import type { ScoreboardData } from '../../../shared/hostApi';
import type { EngineHost, PlayerRoster } from '../match/index';

/** Where HUD messages go: a friend's link or a host window's. */
export interface HudTarget {
  sendControl(text: string): void;
}

export class HudBroadcast {
  private readonly targets = new Set<HudTarget>();
  private playersText: string;
  private scoreText: string | null = null;
  /** Deaths per unit at the last scoreboard, to tell which units died since. */
  private deaths = new Map<number, number>();
  private lastTick = -1;

  constructor(
    private readonly engine: EngineHost,
    private readonly roster: PlayerRoster,
  ) {
    this.playersText = this.encodePlayers();
    roster.onChange(() => this.playersChanged());
    engine.on('scoreboard', (board) => this.scoreboard(board));
  }

  /** Starts sending to `target`, beginning with who plays and the score now. */
  add(target: HudTarget): void {
    this.targets.add(target);
    target.sendControl(this.playersText);
    if (this.scoreText !== null) target.sendControl(this.scoreText);
  }

  remove(target: HudTarget): void {
    this.targets.delete(target);
  }

  /** Sends `players` when the list differs from the one sent last. */
  playersChanged(): void {
    const text = this.encodePlayers();
    if (text === this.playersText) return;
    this.playersText = text;
    this.send(text);
  }

  private scoreboard(board: ScoreboardData): void {
    // A new match counts from zero: deaths of the last one are not this one's kills.
    if (board.tick < this.lastTick) this.deaths.clear();
    this.lastTick = board.tick;
    const kills: HudKill[] = [];
    const teamOf = new Map(board.entities.map((line) => [line.id, line.team]));
    for (const line of board.entities) {
      const before = this.deaths.get(line.id);
      this.deaths.set(line.id, line.deaths);
      // A unit first seen here (new, or the first scoreboard) reports no death.
      if (before === undefined || line.deaths <= before) continue;
      const killer = line.killedBy;
      kills.push({
        victim: line.id,
        victimTeam: line.team,
        killer,
        killerTeam: killer === null ? null : (teamOf.get(killer) ?? null),
      });
    }
    // Units that left stop being counted.
    if (this.deaths.size > board.entities.length)
      for (const id of this.deaths.keys()) if (!teamOf.has(id)) this.deaths.delete(id);
    const message: ScoreMessage = { t: 'score', board: wireBoard(board), kills: [] };
    // A target added later gets the board, not deaths it never saw happen.
    this.scoreText = encodeHostControl(message);
    this.send(
      kills.length === 0
        ? this.scoreText
        : encodeHostControl({ ...message, kills: kills.slice(-MAX_HUD_KILLS) }),
    );
  }

  private encodePlayers(): string {
    const players = this.roster
      .list()
      .slice(0, MAX_HUD_PLAYERS)
      .map((player) => ({
        id: player.playerId,
        // Names saved before displayName.ts existed are cleaned on the way out too.
        name: displayName(player.displayName),
        team: player.team,
        unitId: player.unitId,
      }));
    return encodeHostControl({ t: 'players', players });
  }

  private send(text: string): void {
    for (const target of this.targets) target.sendControl(text);
  }
}

/**
 * The scoreboard cut to what a player's screen shows: every avatar, and
 * the best few agents once the match has ended (for the end screen; while
 * it runs they would only cost bytes). Damage in whole HP, as shown.
 */
function wireBoard(board: ScoreboardData): ScoreMessage['board'] {
  const avatars = board.entities.filter((line) => line.kind === 'avatar');
  // The engine sorts units by kills: the first agents are the best.
  const agents =
    board.phase === 'ended'
      ? board.entities.filter((line) => line.kind === 'agent').slice(0, MAX_HUD_AGENTS)
      : [];
  return {
    ...board,
    teams: board.teams.map((team) => ({ ...team, damage: Math.round(team.damage) })),
    entities: [...avatars.slice(0, MAX_HUD_PLAYERS), ...agents].map((line) => ({
      ...line,
      damage: Math.round(line.damage),
      killedBy: line.killedBy ?? null,
    })),
  };
}
