import type { World } from '../world/world';

/**
 * Match clock step: once the tick being run is the last one of the match
 * (`match.endTick`), the match ends and the winner is decided (see
 * `endMatch`). A match without a time limit (endTick -1) runs until
 * `endMatch` is called.
 */
export function runMatchClock(world: World): void {
  const end = world.match.endTick;
  if (end >= 0 && world.tick + 1 >= end) endMatch(world);
}

/**
 * Ends the match now: phase 'ended', and `match.winner` the team with the
 * most kills, ties broken by damage dealt; -1 when still tied (a draw).
 * Afterwards `stepWorld` only advances the tick.
 */
export function endMatch(world: World): void {
  if (world.match.phase === 'ended') return;
  const { kills, damage } = world.teamScore;
  let best = -1;
  let tied = false;
  for (let t = 0; t < kills.length; t++) {
    if (
      best < 0 ||
      kills[t] > kills[best] ||
      (kills[t] === kills[best] && damage[t] > damage[best])
    ) {
      best = t;
      tied = false;
    } else if (kills[t] === kills[best] && damage[t] === damage[best]) {
      tied = true;
    }
  }
  world.match.phase = 'ended';
  world.match.winner = tied || kills.length < 2 ? -1 : best;
  world.match.endTick = world.tick + 1;
}
