import { ENTITY_KINDS, KIND_AVATAR } from '../world/components';
import type { World } from '../world/world';

/** One team's line. `damage` is HP removed from enemies. */
export interface TeamScoreLine {
  team: number;
  name: string;
  kills: number;
  deaths: number;
  damage: number;
  captures: number;
  players: number;
  bots: number;
}

/** One unit's line. */
export interface EntityScoreLine {
  id: number;
  kind: 'avatar' | 'agent';
  team: number;
  kills: number;
  deaths: number;
  damage: number;
  captures: number;
  alive: boolean;
  /** The enemy unit credited with its last death; null when none was (or it never died). */
  killedBy: number | null;
}

/**
 * The scoreboard. `ticksLeft`/`secondsLeft` are null for a match without a
 * time limit; `winner` is a team number once the match has ended with one,
 * else null (running, or a draw). Captures stay 0 until maps have
 * objectives.
 */
export interface Scoreboard {
  tick: number;
  phase: 'running' | 'ended';
  ticksLeft: number | null;
  secondsLeft: number | null;
  winner: number | null;
  teams: TeamScoreLine[];
  /** Units sorted by kills (desc), then deaths (asc), then id. */
  entities: EntityScoreLine[];
}

/**
 * A fresh snapshot of the scores and the match clock. Allocates (meant for
 * about once a second, not per tick). Team totals include what units that
 * have since left earned.
 */
export function getScoreboard(world: World): Scoreboard {
  const { teamScore, score, match } = world;
  const teams: TeamScoreLine[] = world.config.teams.map((t, k) => ({
    team: k,
    name: t.name,
    kills: teamScore.kills[k],
    deaths: teamScore.deaths[k],
    damage: teamScore.damage[k],
    captures: teamScore.captures[k],
    players: 0,
    bots: 0,
  }));
  const entities: EntityScoreLine[] = [];
  for (let i = 0; i < world.count; i++) {
    const avatar = world.kind[i] === KIND_AVATAR;
    if (avatar) teams[world.team[i]].players++;
    else teams[world.team[i]].bots++;
    entities.push({
      id: world.id[i],
      kind: ENTITY_KINDS[world.kind[i]] as 'avatar' | 'agent',
      team: world.team[i],
      kills: score.kills[i],
      deaths: score.deaths[i],
      damage: score.damage[i],
      captures: score.captures[i],
      alive: world.health.alive[i] === 1,
      killedBy: world.health.killedBy[i] === 0 ? null : world.health.killedBy[i],
    });
  }
  entities.sort((a, b) => b.kills - a.kills || a.deaths - b.deaths || a.id - b.id);
  const ticksLeft = match.endTick < 0 ? null : Math.max(0, match.endTick - world.tick);
  return {
    tick: world.tick,
    phase: match.phase,
    ticksLeft,
    secondsLeft: ticksLeft === null ? null : ticksLeft / world.tickRate,
    winner: match.phase === 'ended' && match.winner >= 0 ? match.winner : null,
    teams,
    entities,
  };
}
