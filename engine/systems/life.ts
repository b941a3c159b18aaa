import { killUnit, respawnUnit } from '../rules/health';
import type { World } from '../world/world';

/**
 * Death and respawn step, index order: a live unit at 0 HP dies
 * (`killUnit`: drops, kill credit, respawn timer); a dead unit whose
 * `respawnTick` has come respawns at its team's spawn (`respawnUnit`).
 */
export function runLife(world: World): void {
  const { alive, hp, respawnTick } = world.health;
  const tick = world.tick;
  for (let i = 0; i < world.count; i++) {
    if (alive[i] !== 0) {
      if (hp[i] <= 0) killUnit(world, i);
    } else if (respawnTick[i] <= tick) {
      respawnUnit(world, i);
    }
  }
}
